"use client";
// System messages ("Анна добавила Бориса") in the reader's language, from the recorded event.
import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";
import type { MessageDto, SystemEvent } from "~/shared/realtime/events";
import { formatList } from "./format";

type NameOf = (userId: string | null) => string;
/** A translator scoped to "chat.system" or "chat.preview". */
export type SystemTranslator = (key: string, values?: Record<string, string | number>) => string;

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** Who the sentence is about, from the reader's side: they did it, it was done to them, or neither. */
function role(meId: string, actorId: string, targetId?: string): "actor" | "target" | "other" {
  return actorId === meId ? "actor" : targetId === meId ? "target" : "other";
}

function sentence(t: SystemTranslator, locale: string, meId: string, nameOf: NameOf, event: SystemEvent): string {
  switch (event.type) {
    case "created":
      return t("created", { who: event.actorId === meId ? "me" : "other", actor: nameOf(event.actorId), title: event.title });
    case "member_added": {
      const who = role(meId, event.actorId, event.userIds.length === 1 ? event.userIds[0] : undefined);
      return t("memberAdded", { who, actor: nameOf(event.actorId), names: formatList(event.userIds.map(nameOf), locale) });
    }
    case "member_removed":
      return t("memberRemoved", { who: role(meId, event.actorId, event.userId), actor: nameOf(event.actorId), name: nameOf(event.userId) });
    case "member_left":
      return t("memberLeft", { who: event.userId === meId ? "me" : "other", name: nameOf(event.userId) });
    case "renamed":
      return t("renamed", { who: event.actorId === meId ? "me" : "other", actor: nameOf(event.actorId), title: event.title });
    case "role_changed":
      return t(event.role === "ADMIN" ? "madeAdmin" : "unmadeAdmin", { who: role(meId, event.actorId, event.userId), actor: nameOf(event.actorId), name: nameOf(event.userId) });
    case "owner_changed":
      return t("ownerChanged", { who: event.userId === meId ? "me" : "other", name: nameOf(event.userId) });
    default:
      return t("unknown");
  }
}

/** The full sentence of a system message, naming people (`t` is scoped to "chat.system"). */
export function systemText(t: SystemTranslator, locale: string, meId: string, nameOf: NameOf, message: Pick<MessageDto, "system" | "content">): string {
  const event = message.system;
  if (!event) return message.content || t("unknown");
  return capitalize(sentence(t, locale, meId, nameOf, event));
}

/** A short summary for the chat list, which has no member names at hand (`t` is scoped to "chat.preview"). */
export function systemSummary(t: SystemTranslator, event: SystemEvent | null): string {
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
}

export function useSystemText(meId: string, nameOf: NameOf) {
  const t = useTranslations("chat.system") as unknown as SystemTranslator;
  const locale = useLocale();
  return useCallback((message: Pick<MessageDto, "system" | "content">) => systemText(t, locale, meId, nameOf, message), [t, locale, meId, nameOf]);
}

export function useSystemSummary() {
  const t = useTranslations("chat.preview") as unknown as SystemTranslator;
  return useCallback((event: SystemEvent | null) => systemSummary(t, event), [t]);
}
