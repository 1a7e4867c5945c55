import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "../../../messages/en.json";
import ru from "../../../messages/ru.json";
import type { SystemEvent } from "~/shared/realtime/events";
import { systemSummary, systemText, type SystemTranslator } from "./system-text";

const NAMES: Record<string, string> = { me: "Я", anna: "Анна", boris: "Борис", vera: "Вера" };
const nameOf = (userId: string | null) => (userId && NAMES[userId]) || "участник";

function textIn(locale: "ru" | "en", event: SystemEvent | null, content = "") {
  const t = createTranslator({ locale, messages: locale === "ru" ? ru : en, namespace: "chat.system" }) as unknown as SystemTranslator;
  return systemText(t, locale, "me", nameOf, { system: event, content });
}

describe("systemText", () => {
  it("names the actor, or says 'you' when the reader did it", () => {
    expect(textIn("ru", { type: "renamed", actorId: "anna", title: "Кафедра" })).toBe("Анна переименовал(а) группу в «Кафедра»");
    expect(textIn("ru", { type: "renamed", actorId: "me", title: "Кафедра" })).toBe("Вы переименовали группу в «Кафедра»");
  });

  it("lists the people added in the reader's language, and speaks to the one added", () => {
    expect(textIn("ru", { type: "member_added", actorId: "anna", userIds: ["boris", "vera"] })).toBe("Анна добавил(а) в группу: Борис и Вера");
    expect(textIn("ru", { type: "member_added", actorId: "anna", userIds: ["me"] })).toBe("Анна добавил(а) вас в группу");
    // One of several added: not spoken to, listed by name.
    expect(textIn("ru", { type: "member_added", actorId: "anna", userIds: ["me", "boris"] })).toBe("Анна добавил(а) в группу: Я и Борис");
    expect(textIn("en", { type: "member_added", actorId: "anna", userIds: ["boris", "vera"] })).toContain("Борис and Вера");
  });

  it("tells removals, roles and ownership from the reader's side", () => {
    expect(textIn("ru", { type: "member_removed", actorId: "me", userId: "boris" })).toBe("Вы удалили из группы: Борис");
    expect(textIn("ru", { type: "member_removed", actorId: "anna", userId: "me" })).toBe("Анна удалил(а) вас из группы");
    expect(textIn("ru", { type: "role_changed", actorId: "anna", userId: "me", role: "ADMIN" })).toBe("Анна назначил(а) вас администратором");
    expect(textIn("ru", { type: "role_changed", actorId: "anna", userId: "boris", role: "MEMBER" })).toBe("Анна снял(а) права администратора: Борис");
    expect(textIn("ru", { type: "owner_changed", userId: "me" })).toBe("Теперь вы владелец группы");
    expect(textIn("ru", { type: "member_left", userId: "vera" })).toBe("Вера покинул(а) группу");
  });

  it("capitalizes the sentence and falls back to the stored text, then to a generic line", () => {
    expect(textIn("ru", { type: "created", actorId: "zoe", title: "X" })).toBe("Участник создал(а) группу «X»");
    expect(textIn("ru", null, "old text")).toBe("old text");
    expect(textIn("ru", null)).toBe("Служебное сообщение");
    expect(textIn("ru", { type: "future_event" } as unknown as SystemEvent)).toBe("Служебное сообщение");
  });
});

describe("systemSummary", () => {
  const t = createTranslator({ locale: "ru", messages: ru, namespace: "chat.preview" }) as unknown as SystemTranslator;
  it("gives the chat list a short line without names", () => {
    expect(systemSummary(t, { type: "renamed", actorId: "anna", title: "Кафедра" })).toBe("Новое название: «Кафедра»");
    expect(systemSummary(t, { type: "member_removed", actorId: "anna", userId: "boris" })).toBe("Участник удалён");
    expect(systemSummary(t, null)).toBe("Служебное сообщение");
  });
});
