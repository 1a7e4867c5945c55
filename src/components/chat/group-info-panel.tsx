"use client";
// A group's info: members with their roles and, for its owner and admins, renaming, adding and
// removing people; the owner also appoints admins. Anyone can leave.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { Avatar } from "~/components/avatar";
import { serverErrorMessage, type LooseTranslator } from "~/components/forms/server-error";
import { translateIssue, type ValidationTranslator } from "~/components/forms/translate-issue";
import { FormError } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { controlClass } from "~/components/ui/field";
import { ZGroupTitle } from "~/shared/schemas/chat";
import { useTRPC } from "~/trpc/react";
import { CloseIcon } from "./dialog";
import { usePersonName, type ChatDetails, type ChatMember } from "./people";
import { useUsernameLookup } from "./use-username-lookup";

const ROLE_ORDER = { OWNER: 0, ADMIN: 1, MEMBER: 2 } as const;

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
  const tRoot = useTranslations() as unknown as LooseTranslator;
  const tValidation = useTranslations("validation") as unknown as ValidationTranslator;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const personName = usePersonName();
  const lookup = useUsernameLookup();
  const chatId = chat.id;
  const myRole = chat.myRole;
  const canManage = myRole === "OWNER" || myRole === "ADMIN";

  const [error, setError] = useState<string | null>(null);
  const [title, setTitle] = useState(chat.title ?? "");
  const [titleError, setTitleError] = useState<string | null>(null);
  const [candidate, setCandidate] = useState("");
  const [candidateError, setCandidateError] = useState<string | null>(null);
  const [confirmLeave, setConfirmLeave] = useState(false);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.chat.get.queryKey({ chatId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.chat.list.queryKey() }),
    ]);
  const onFailure = (failure: unknown) => setError(serverErrorMessage(tRoot, failure));
  const rename = useMutation(trpc.chat.rename.mutationOptions({ onSuccess: refresh, onError: onFailure }));
  const add = useMutation(trpc.chat.member.add.mutationOptions({ onSuccess: refresh, onError: onFailure }));
  const remove = useMutation(trpc.chat.member.remove.mutationOptions({ onSuccess: refresh, onError: onFailure }));
  const setRole = useMutation(trpc.chat.member.setRole.mutationOptions({ onSuccess: refresh, onError: onFailure }));
  const leave = useMutation(trpc.chat.leave.mutationOptions());
  const [looking, setLooking] = useState(false);

  // Someone else renamed the group meanwhile: show the new title unless it is being edited.
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setTitle(chat.title ?? "");
  }, [chat.title, editing]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);

  const members = [...chat.members].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || personName(a).localeCompare(personName(b)));

  const onRename = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const parsed = ZGroupTitle.safeParse(title);
    if (!parsed.success) return setTitleError(translateIssue(tValidation, parsed.error.issues[0]!, "title"));
    if (parsed.data === chat.title) return setEditing(false);
    rename.mutate({ chatId, title: parsed.data }, { onSuccess: () => setEditing(false) });
  };

  const onAdd = async (event: FormEvent) => {
    event.preventDefault();
    if (looking || !candidate.trim()) return;
    setError(null);
    setLooking(true);
    try {
      const found = await lookup(candidate);
      if (!found.ok) return setCandidateError(found.error);
      if (chat.members.some((member) => member.id === found.user.id)) return setCandidateError(t("alreadyMember"));
      await add.mutateAsync({ chatId, userIds: [found.user.id] }).then(() => setCandidate(""), () => undefined);
    } finally {
      setLooking(false);
    }
  };

  const onLeave = async () => {
    setError(null);
    onBeforeLeave();
    try {
      await leave.mutateAsync({ chatId });
      onLeft();
    } catch (failure) {
      onLeaveFailed();
      onFailure(failure);
    }
  };

  const canRemove = (member: ChatMember) =>
    member.id !== meId && member.role !== "OWNER" && (myRole === "OWNER" || (myRole === "ADMIN" && member.role === "MEMBER"));
  const canToggleAdmin = (member: ChatMember) => myRole === "OWNER" && member.id !== meId && member.role !== "OWNER";
  const busyMember = (member: ChatMember) =>
    (remove.isPending && remove.variables?.userId === member.id) || (setRole.isPending && setRole.variables?.userId === member.id);

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
          <Avatar name={chat.title || "?"} seed={chatId} size="lg" className="size-20 text-2xl" />
          <p data-testid="group-info-title" dir="auto" className="max-w-full truncate text-lg font-semibold">
            {chat.title}
          </p>
          <p className="text-sm text-neutral-500 dark:text-neutral-400">{tStatus("members", { count: chat.members.length })}</p>
        </div>

        <div className="flex flex-col gap-3 p-3">
          {error ? <FormError>{error}</FormError> : null}

          {canManage ? (
            <section className="rounded-2xl bg-white p-3 shadow-sm ring-1 ring-neutral-200 dark:bg-neutral-900 dark:ring-neutral-800">
              <form onSubmit={onRename} noValidate className="flex flex-col gap-1.5">
                <label htmlFor="group-rename" className="text-sm font-medium text-neutral-700 dark:text-neutral-300">
                  {t("rename")}
                </label>
                <div className="flex gap-2">
                  <input
                    id="group-rename"
                    name="title"
                    data-testid="group-rename-input"
                    value={title}
                    maxLength={100}
                    autoComplete="off"
                    aria-invalid={titleError ? true : undefined}
                    aria-describedby={titleError ? "group-rename-error" : undefined}
                    onChange={(event) => {
                      setTitle(event.target.value);
                      setEditing(true);
                      setTitleError(null);
                    }}
                    className={cn(controlClass, "h-10 min-w-0 flex-1")}
                  />
                  <Button type="submit" size="sm" className="h-10" data-testid="group-rename-submit" disabled={rename.isPending}>
                    {t("renameSubmit")}
                  </Button>
                </div>
                {titleError ? (
                  <p id="group-rename-error" data-testid="error-title" className="text-[13px] text-red-600 dark:text-red-400">
                    {titleError}
                  </p>
                ) : null}
              </form>

              <form onSubmit={onAdd} noValidate className="mt-4 flex flex-col gap-1.5">
                <label htmlFor="group-add-member" className="text-sm font-medium text-neutral-700 dark:text-neutral-300">
                  {t("addMember")}
                </label>
                <div className="flex gap-2">
                  <input
                    id="group-add-member"
                    name="username"
                    data-testid="member-add-input"
                    placeholder="@username"
                    value={candidate}
                    autoComplete="off"
                    autoCapitalize="none"
                    autoCorrect="off"
                    spellCheck={false}
                    aria-invalid={candidateError ? true : undefined}
                    aria-describedby={candidateError ? "group-add-member-error" : undefined}
                    onChange={(event) => {
                      setCandidate(event.target.value);
                      setCandidateError(null);
                    }}
                    className={cn(controlClass, "h-10 min-w-0 flex-1")}
                  />
                  <Button type="submit" size="sm" variant="secondary" className="h-10" data-testid="member-add-submit" disabled={looking || add.isPending || !candidate.trim()}>
                    {t("addSubmit")}
                  </Button>
                </div>
                {candidateError ? (
                  <p id="group-add-member-error" data-testid="error-username" className="text-[13px] text-red-600 dark:text-red-400">
                    {candidateError}
                  </p>
                ) : null}
              </form>
            </section>
          ) : null}

          <section className="rounded-2xl bg-white py-1.5 shadow-sm ring-1 ring-neutral-200 dark:bg-neutral-900 dark:ring-neutral-800">
            <h3 className="px-4 pt-2 pb-1 text-sm font-semibold text-accent-600 dark:text-accent-400">{tStatus("members", { count: chat.members.length })}</h3>
            <ul>
              {members.map((member) => (
                <li key={member.id} data-testid="member-row" data-user-id={member.id} data-role={member.role} className="flex items-center gap-3 px-3 py-2">
                  <Avatar name={member.displayName || personName(member)} seed={member.id} url={member.avatarUrl} size="md" />
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-[15px] font-medium">
                      <bdi>{personName(member)}</bdi>
                      {member.id === meId ? <span className="font-normal text-neutral-500 dark:text-neutral-400"> ({t("you")})</span> : null}
                    </p>
                    <p className="truncate text-xs text-neutral-500 dark:text-neutral-400">
                      {member.username ? `@${member.username}` : ""}
                      {member.role !== "MEMBER" ? (
                        <span className="ml-1.5 rounded-full bg-accent-50 px-1.5 py-px font-medium text-accent-700 dark:bg-accent-500/15 dark:text-accent-300">
                          {t(member.role === "OWNER" ? "roleOwner" : "roleAdmin")}
                        </span>
                      ) : null}
                    </p>
                  </div>
                  <div className="flex shrink-0 flex-col items-end gap-0.5 sm:flex-row sm:items-center">
                    {canToggleAdmin(member) ? (
                      <button
                        type="button"
                        data-testid="member-toggle-admin"
                        disabled={busyMember(member)}
                        onClick={() => {
                          setError(null);
                          setRole.mutate({ chatId, userId: member.id, role: member.role === "ADMIN" ? "MEMBER" : "ADMIN" });
                        }}
                        className="rounded-lg px-2 py-1 text-xs font-medium text-accent-600 hover:bg-accent-50 disabled:opacity-50 dark:text-accent-400 dark:hover:bg-accent-500/10"
                      >
                        {member.role === "ADMIN" ? t("unmakeAdmin") : t("makeAdmin")}
                      </button>
                    ) : null}
                    {canRemove(member) ? (
                      <button
                        type="button"
                        data-testid="member-remove"
                        disabled={busyMember(member)}
                        aria-label={t("removeLabel", { name: personName(member) })}
                        onClick={() => {
                          setError(null);
                          remove.mutate({ chatId, userId: member.id });
                        }}
                        className="rounded-lg px-2 py-1 text-xs font-medium text-red-600 hover:bg-red-50 disabled:opacity-50 dark:text-red-400 dark:hover:bg-red-500/10"
                      >
                        {t("remove")}
                      </button>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          </section>

          <section className="rounded-2xl bg-white p-3 shadow-sm ring-1 ring-neutral-200 dark:bg-neutral-900 dark:ring-neutral-800">
            {confirmLeave ? (
              <div className="flex flex-col gap-3">
                <p className="text-sm">{t("leaveConfirm", { title: chat.title ?? "" })}</p>
                <div className="flex gap-2">
                  <Button variant="danger" size="sm" data-testid="group-leave-confirm" disabled={leave.isPending} onClick={() => void onLeave()}>
                    {t("leave")}
                  </Button>
                  <Button variant="ghost" size="sm" onClick={() => setConfirmLeave(false)}>
                    {tChat("cancel")}
                  </Button>
                </div>
              </div>
            ) : (
              <button
                type="button"
                data-testid="group-leave"
                onClick={() => setConfirmLeave(true)}
                className="w-full rounded-xl px-2 py-2 text-left text-[15px] font-medium text-red-600 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-500/10"
              >
                {t("leave")}
              </button>
            )}
          </section>
        </div>
      </div>
    </aside>
  );
}
