"use client";
// A group's info: members with their roles and, for its owner and admins, the avatar, renaming, adding and
// removing people; the owner also appoints admins. Anyone can leave.
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Avatar } from "~/components/avatar";
import { AvatarPicker, isUploadedAvatar } from "~/components/avatars/avatar-picker";
import { FormError } from "~/components/ui/alert";
import type { ChatDetails } from "../chat-types";
import { CloseIcon } from "../dialog";
import { AddMemberForm } from "./add-member-form";
import { LeaveSection } from "./leave-section";
import { MemberList } from "./member-list";
import { RenameForm } from "./rename-form";
import { useGroupActions } from "./use-group-actions";

export function GroupInfoPanel({
  chat,
  meId,
  onClose,
  onBeforeLeave,
  onLeft,
  onLeaveFailed,
}: {
  chat: ChatDetails;
  meId: string;
  onClose: () => void;
  onBeforeLeave: () => void;
  onLeft: () => void;
  onLeaveFailed: () => void;
}) {
  const t = useTranslations("chat.info");
  const tChat = useTranslations("chat");
  const tStatus = useTranslations("chat.status");
  const actions = useGroupActions(chat.id);
  const canManage = chat.myRole === "OWNER" || chat.myRole === "ADMIN";

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);

  const onLeave = async () => {
    actions.clearError();
    onBeforeLeave();
    try {
      await actions.leave.mutateAsync({ chatId: chat.id });
      onLeft();
    } catch (failure) {
      onLeaveFailed();
      actions.fail(failure);
    }
  };

  return (
    <aside
      data-testid="group-info-panel"
      aria-label={t("title")}
      className="absolute inset-0 z-30 flex flex-col bg-neutral-50 md:left-auto md:w-96 md:border-l md:border-neutral-200 md:shadow-xl dark:bg-neutral-950 md:dark:border-neutral-800"
    >
      <div className="flex h-14 shrink-0 items-center gap-2 border-b border-neutral-200 bg-white px-2 sm:px-3 dark:border-neutral-800 dark:bg-neutral-900">
        <button
          type="button"
          onClick={onClose}
          aria-label={tChat("close")}
          data-testid="group-info-close"
          className="inline-flex size-10 items-center justify-center rounded-full text-neutral-600 hover:bg-neutral-100 dark:text-neutral-300 dark:hover:bg-neutral-800"
        >
          <CloseIcon />
        </button>
        <h2 className="text-base font-semibold">{t("title")}</h2>
      </div>

      <div className="min-h-0 flex-1 overflow-y-auto">
        <div className="flex flex-col items-center gap-2 bg-white px-4 pt-6 pb-5 text-center dark:bg-neutral-900">
          <Avatar name={chat.title || "?"} seed={chat.id} url={chat.avatarUrl} size="lg" className="size-20 text-2xl" />
          <p data-testid="group-info-title" dir="auto" className="max-w-full truncate text-lg font-semibold">
            {chat.title}
          </p>
          <p className="text-sm text-neutral-500 dark:text-neutral-400">{tStatus("members", { count: chat.members.length })}</p>
          {canManage ? (
            <AvatarPicker
              testId="group-avatar"
              hasUploaded={isUploadedAvatar(chat.avatarUrl)}
              onUploaded={(attachmentId) => actions.setAvatar.mutateAsync({ chatId: chat.id, attachmentId })}
              onRemove={() => actions.setAvatar.mutateAsync({ chatId: chat.id, attachmentId: null })}
            />
          ) : null}
        </div>

        <div className="flex flex-col gap-3 p-3">
          {actions.error ? <FormError>{actions.error}</FormError> : null}
          {canManage ? (
            <section className="rounded-2xl bg-white p-3 shadow-sm ring-1 ring-neutral-200 dark:bg-neutral-900 dark:ring-neutral-800">
              <RenameForm chat={chat} actions={actions} />
              <AddMemberForm chat={chat} actions={actions} />
            </section>
          ) : null}
          <MemberList chat={chat} meId={meId} actions={actions} />
          <LeaveSection title={chat.title ?? ""} leaving={actions.leave.isPending} onLeave={() => void onLeave()} />
        </div>
      </div>
    </aside>
  );
}
