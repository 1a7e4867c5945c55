"use client";
// Adding someone to a group by their exact @username (owner and admins).
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "~/components/ui/button";
import type { ChatDetails } from "../chat-types";
import { useUsernameLookup } from "../use-username-lookup";
import { InlineField } from "./inline-field";
import type { GroupActions } from "./use-group-actions";

export function AddMemberForm({ chat, actions }: { chat: ChatDetails; actions: GroupActions }) {
  const t = useTranslations("chat.info");
  const lookup = useUsernameLookup();
  const [candidate, setCandidate] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [looking, setLooking] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (looking || !candidate.trim()) return;
    actions.clearError();
    setLooking(true);
    try {
      const found = await lookup(candidate);
      if (!found.ok) return setError(found.error);
      if (chat.members.some((member) => member.id === found.user.id)) return setError(t("alreadyMember"));
      await actions.add.mutateAsync({ chatId: chat.id, userIds: [found.user.id] }).then(
        () => setCandidate(""),
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
        value={candidate}
        verbatim
        error={error}
        onChange={(value) => {
          setCandidate(value);
          setError(null);
        }}
      >
        <Button type="submit" size="sm" variant="secondary" className="h-10" data-testid="member-add-submit" disabled={looking || actions.add.isPending || !candidate.trim()}>
          {t("addSubmit")}
        </Button>
      </InlineField>
    </form>
  );
}
