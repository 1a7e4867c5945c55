"use client";
// System messages ("Анна добавила Бориса") in the reader's language, from the recorded event.
import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";
import type { MessageDto, SystemEvent } from "~/shared/realtime/events";
import { formatList } from "./format";

type NameOf = (userId: string | null) => string;

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** The full sentence of a system message, naming people. */
export function useSystemText(meId: string, nameOf: NameOf) {
  const t = useTranslations("chat.system");
  const locale = useLocale();
  return useCallback(
    (message: Pick<MessageDto, "system" | "content">): string => {
      const event = message.system as SystemEvent | null;
      if (!event) return message.content || t("unknown");
      const sentence = (() => {
        switch (event.type) {
          case "created":
            return t("created", { who: event.actorId === meId ? "me" : "other", actor: nameOf(event.actorId), title: event.title });
          case "member_added": {
            const who = event.actorId === meId ? "actor" : event.userIds.length === 1 && event.userIds[0] === meId ? "target" : "other";
            return t("memberAdded", { who, actor: nameOf(event.actorId), names: formatList(event.userIds.map(nameOf), locale) });
          }
          case "member_removed": {
            const who = event.actorId === meId ? "actor" : event.userId === meId ? "target" : "other";
            return t("memberRemoved", { who, actor: nameOf(event.actorId), name: nameOf(event.userId) });
          }
          case "member_left":
            return t("memberLeft", { who: event.userId === meId ? "me" : "other", name: nameOf(event.userId) });
          case "renamed":
            return t("renamed", { who: event.actorId === meId ? "me" : "other", actor: nameOf(event.actorId), title: event.title });
          case "role_changed": {
            const who = event.actorId === meId ? "actor" : event.userId === meId ? "target" : "other";
            return t(event.role === "ADMIN" ? "madeAdmin" : "unmadeAdmin", { who, actor: nameOf(event.actorId), name: nameOf(event.userId) });
          }
          case "owner_changed":
            return t("ownerChanged", { who: event.userId === meId ? "me" : "other", name: nameOf(event.userId) });
          default:
            return t("unknown");
        }
      })();
      return capitalize(sentence);
    },
    [t, locale, meId, nameOf],
  );
}

/** A short summary for the chat list, which has no member names at hand. */
export function useSystemSummary() {
  const t = useTranslations("chat.preview");
  return useCallback(
    (event: SystemEvent | null): string => {
      switch (event?.type) {
        case "created":
          return t("created");
        case "member_added":
          return t("memberAdded");
        case "member_removed":
          return t("memberRemoved");
        case "member_left":
          return t("memberLeft");
        case "renamed":
          return t("renamed", { title: event.title });
        case "role_changed":
          return t("roleChanged");
        case "owner_changed":
          return t("ownerChanged");
        default:
          return t("system");
      }
    },
    [t],
  );
}
