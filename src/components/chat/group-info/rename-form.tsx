"use client";
// Renaming a group (owner and admins). Someone else's rename shows unless the field is being edited.
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { translateIssue, type ValidationTranslator } from "~/components/forms/translate-issue";
import { Button } from "~/components/ui/button";
import { ZGroupTitle } from "~/shared/schemas/chat";
import type { ChatDetails } from "../chat-types";
import { InlineField } from "./inline-field";
import type { GroupActions } from "./use-group-actions";

export function RenameForm({ chat, actions }: { chat: ChatDetails; actions: GroupActions }) {
  const t = useTranslations("chat.info");
  const tValidation = useTranslations("validation") as unknown as ValidationTranslator;
  // null while not editing: the field shows the current title.
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const title = draft ?? chat.title ?? "";

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    actions.clearError();
    const parsed = ZGroupTitle.safeParse(title);
    if (!parsed.success) return setError(translateIssue(tValidation, parsed.error.issues[0]!, "title"));
    if (parsed.data === chat.title) return setDraft(null);
    actions.rename.mutate({ chatId: chat.id, title: parsed.data }, { onSuccess: () => setDraft(null) });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-1.5">
      <InlineField
        id="group-rename"
        name="title"
        testId="group-rename-input"
        label={t("rename")}
        value={title}
        maxLength={100}
        error={error}
        onChange={(value) => {
          setDraft(value);
          setError(null);
        }}
      >
        <Button type="submit" size="sm" className="h-10" data-testid="group-rename-submit" disabled={actions.rename.isPending}>
          {t("renameSubmit")}
        </Button>
      </InlineField>
    </form>
  );
}
