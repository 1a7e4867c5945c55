"use client";
// How people are named in the UI: a person's name, a chat's title, a chat's members by id.
import { useTranslations } from "next-intl";
import { useCallback, useMemo, useState } from "react";
import type { ChatMember } from "./chat-types";

export interface PersonLike {
  displayName: string | null;
  username: string | null;
  deleted: boolean;
}

/** A person's name; "Удалённый аккаунт" for deleted accounts. */
export function usePersonName() {
  const t = useTranslations("chat");
  return useCallback(
    (person: PersonLike | null | undefined) => (!person || person.deleted ? t("deletedAccount") : person.displayName || person.username || t("deletedAccount")),
    [t],
  );
}

/** The chat's title as the list and the header show it. */
export function useChatTitle() {
  const personName = usePersonName();
  return useCallback(
    (chat: { type: "DIRECT" | "GROUP"; title: string | null; peer?: PersonLike | null }) => (chat.type === "GROUP" ? chat.title || "…" : personName(chat.peer)),
    [personName],
  );
}

/**
 * userId → name for one chat's members. People who left stay known for as long as the chat is
 * open (a system message about a removed member keeps their name); strangers are "участник".
 */
export function useMemberNames(members: ChatMember[] | undefined) {
  const t = useTranslations("chat");
  const personName = usePersonName();
  const current = useMemo(() => {
    const names = new Map<string, string>();
    for (const member of members ?? []) names.set(member.id, personName(member));
    return names;
  }, [members, personName]);
  // Everyone named so far in this chat (state from earlier renders, updated as members change).
  const [known, setKnown] = useState<{ members: ChatMember[] | undefined; names: ReadonlyMap<string, string> }>({ members, names: current });
  if (known.members !== members) setKnown({ members, names: new Map([...known.names, ...current]) });
  return useCallback((userId: string | null) => (userId && (current.get(userId) ?? known.names.get(userId))) || t("someone"), [current, known.names, t]);
}
