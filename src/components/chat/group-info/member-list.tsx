"use client";
// A group's members, owner first, then admins, then by name; the owner may appoint admins, and the
// owner and admins may remove those below them.
import { useTranslations } from "next-intl";
import { Avatar } from "~/components/avatar";
import type { ChatDetails, ChatMember } from "../chat-types";
import { usePersonName } from "../person-names";
import type { GroupActions } from "./use-group-actions";

const ROLE_ORDER = { OWNER: 0, ADMIN: 1, MEMBER: 2 } as const;

type Role = ChatMember["role"];

function canRemove(myRole: Role, meId: string, member: ChatMember): boolean {
  return member.id !== meId && member.role !== "OWNER" && (myRole === "OWNER" || (myRole === "ADMIN" && member.role === "MEMBER"));
}

function canToggleAdmin(myRole: Role, meId: string, member: ChatMember): boolean {
  return myRole === "OWNER" && member.id !== meId && member.role !== "OWNER";
}

export function MemberList({ chat, meId, actions }: { chat: ChatDetails; meId: string; actions: GroupActions }) {
  const tStatus = useTranslations("chat.status");
  const personName = usePersonName();
  const members = [...chat.members].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || personName(a).localeCompare(personName(b)));
  return (
    <section className="rounded-2xl bg-white py-1.5 shadow-sm ring-1 ring-neutral-200 dark:bg-neutral-900 dark:ring-neutral-800">
      <h3 className="px-4 pt-2 pb-1 text-sm font-semibold text-accent-600 dark:text-accent-400">{tStatus("members", { count: chat.members.length })}</h3>
      <ul>
        {members.map((member) => (
          <MemberRow key={member.id} chat={chat} member={member} meId={meId} actions={actions} />
        ))}
      </ul>
    </section>
  );
}

function MemberRow({ chat, member, meId, actions }: { chat: ChatDetails; member: ChatMember; meId: string; actions: GroupActions }) {
  const t = useTranslations("chat.info");
  const personName = usePersonName();
  const { remove, setRole } = actions;
  const busy = (remove.isPending && remove.variables?.userId === member.id) || (setRole.isPending && setRole.variables?.userId === member.id);
  return (
    <li data-testid="member-row" data-user-id={member.id} data-role={member.role} className="flex items-center gap-3 px-3 py-2">
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
        {canToggleAdmin(chat.myRole, meId, member) ? (
          <button
            type="button"
            data-testid="member-toggle-admin"
            disabled={busy}
            onClick={() => {
              actions.clearError();
              setRole.mutate({ chatId: chat.id, userId: member.id, role: member.role === "ADMIN" ? "MEMBER" : "ADMIN" });
            }}
            className="rounded-lg px-2 py-1 text-xs font-medium text-accent-600 hover:bg-accent-50 disabled:opacity-50 dark:text-accent-400 dark:hover:bg-accent-500/10"
          >
            {member.role === "ADMIN" ? t("unmakeAdmin") : t("makeAdmin")}
          </button>
        ) : null}
        {canRemove(chat.myRole, meId, member) ? (
          <button
            type="button"
            data-testid="member-remove"
            disabled={busy}
            aria-label={t("removeLabel", { name: personName(member) })}
            onClick={() => {
              actions.clearError();
              remove.mutate({ chatId: chat.id, userId: member.id });
            }}
            className="rounded-lg px-2 py-1 text-xs font-medium text-red-600 hover:bg-red-50 disabled:opacity-50 dark:text-red-400 dark:hover:bg-red-500/10"
          >
            {t("remove")}
          </button>
        ) : null}
      </div>
    </li>
  );
}
