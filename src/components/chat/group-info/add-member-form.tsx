"use client";
// Adding someone to a group by their exact @username (owner and admins).
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "~/components/ui/button";
import type { ChatDetails } from "../chat-types";
import { usePersonPicker } from "../person-picker";
import { InlineField } from "./inline-field";
import type { GroupActions } from "./use-group-actions";

export function AddMemberForm({ chat, actions }: { chat: ChatDetails; actions: GroupActions }) {
  const t = useTranslations("chat.info");
  const picker = usePersonPicker();
  const [looking, setLooking] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (looking || !picker.text.trim()) return;
    actions.clearError();
    setLooking(true);
    try {
      const user = await picker.resolveTyped();
      if (!user) return;
      if (chat.members.some((member) => member.id === user.id)) return picker.setError(t("alreadyMember"));
      await actions.add.mutateAsync({ chatId: chat.id, userIds: [user.id] }).then(
        () => picker.change(""),
        () => undefined,
      );
    } finally {
      setLooking(false);
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate className="mt-4 flex flex-col gap-1.5">
      <InlineField
        id="group-add-member"
        name="username"
        testId="member-add-input"
        label={t("addMember")}
        placeholder="@username"
        value={picker.text}
        verbatim
        error={picker.error}
        onChange={picker.change}
      >
        <Button type="submit" size="sm" variant="secondary" className="h-10" data-testid="member-add-submit" disabled={looking || actions.add.isPending || !picker.text.trim()}>
          {t("addSubmit")}
        </Button>
      </InlineField>
    </form>
  );
}
