"use client";
// "Новая группа": a title and people added one by one: picked from the name suggestions or by
// their exact @username.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Avatar } from "~/components/avatar";
import { serverErrorMessage, type LooseTranslator } from "~/components/forms/server-error";
import { translateIssue, type ValidationTranslator } from "~/components/forms/translate-issue";
import { FormError } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/text-field";
import { ZGroupTitle } from "~/shared/schemas/chat";
import { useTRPC } from "~/trpc/react";
import type { SuggestedPerson } from "~/components/people/person-suggestions";
import { CloseIcon, Dialog } from "./dialog";
import { PersonPicker, usePersonPicker } from "./person-picker";
import type { PublicProfile } from "./use-username-lookup";

type Member = Pick<PublicProfile, "id" | "username" | "displayName" | "avatarUrl">;

export function NewGroupDialog({ open, onClose, meId }: { open: boolean; onClose: () => void; meId: string }) {
  const t = useTranslations("chat.newGroup");
  return (
    <Dialog open={open} onClose={onClose} title={t("title")} testId="new-group-dialog">
      <NewGroupForm onDone={onClose} meId={meId} />
    </Dialog>
  );
}

function NewGroupForm({ onDone, meId }: { onDone: () => void; meId: string }) {
  const t = useTranslations("chat.newGroup");
  const tChat = useTranslations("chat");
  const tRoot = useTranslations() as unknown as LooseTranslator;
  const tValidation = useTranslations("validation") as unknown as ValidationTranslator;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const picker = usePersonPicker();
  const create = useMutation(trpc.chat.createGroup.mutationOptions());

  const [title, setTitle] = useState("");
  const [titleError, setTitleError] = useState<string | null>(null);
  const [looking, setLooking] = useState(false);
  const [members, setMembers] = useState<Member[]>([]);
  const [formError, setFormError] = useState<string | null>(null);

  const pick = (person: SuggestedPerson) => {
    if (members.some((member) => member.id === person.id)) return picker.setError(t("alreadyAdded"));
    setMembers((current) => [...current, { id: person.id, username: person.username ?? "", displayName: person.displayName ?? "", avatarUrl: person.avatarUrl }]);
    picker.clear();
  };

  const addMember = async () => {
    if (looking || picker.text.trim() === "") return;
    setLooking(true);
    picker.setError(null);
    try {
      const user = await picker.resolveTyped();
      if (!user) return;
      if (user.id === meId) return picker.setError(t("self"));
      if (members.some((member) => member.id === user.id)) return picker.setError(t("alreadyAdded"));
      setMembers((current) => [...current, user]);
      picker.clear();
    } finally {
      setLooking(false);
    }
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = ZGroupTitle.safeParse(title);
    if (!parsed.success) {
      setTitleError(translateIssue(tValidation, parsed.error.issues[0]!, "title"));
      return;
    }
    setFormError(null);
    try {
      const { chatId } = await create.mutateAsync({ title: parsed.data, memberIds: members.map((member) => member.id) });
      await queryClient.invalidateQueries({ queryKey: trpc.chat.list.queryKey() });
      onDone();
      router.push(`/chat/${chatId}`);
    } catch (error) {
      setFormError(serverErrorMessage(tRoot, error));
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      {formError ? <FormError>{formError}</FormError> : null}
      <TextField
        id="group-title"
        name="title"
        data-testid="group-title-input"
        label={t("titleLabel")}
        placeholder={t("titlePlaceholder")}
        autoComplete="off"
        autoFocus
        maxLength={100}
        value={title}
        error={titleError ?? undefined}
        onChange={(event) => {
          setTitle(event.target.value);
          setTitleError(null);
        }}
      />

      <div className="flex flex-col gap-2">
        <PersonPicker
          picker={picker}
          id="group-member"
          testId="group-member-input"
          label={t("members")}
          placeholder={t("placeholder")}
          hint={members.length ? t("membersCount", { count: members.length }) : t("membersHint")}
          exclude={[meId, ...members.map((member) => member.id)]}
          onPick={pick}
          // Enter adds the person instead of creating the group half-filled.
          onEnter={() => void addMember()}
          trailing={
            <Button variant="secondary" data-testid="group-member-add" disabled={looking || picker.text.trim() === ""} onClick={() => void addMember()}>
              {looking ? t("adding") : t("add")}
            </Button>
          }
        />
        {members.length ? (
          <ul data-testid="group-members" className="flex flex-col gap-1 rounded-xl bg-neutral-50 p-1.5 dark:bg-neutral-800/60">
            {members.map((member) => (
              <li key={member.id} data-testid="group-member" data-user-id={member.id} className="flex items-center gap-3 rounded-lg px-2 py-1.5">
                <Avatar name={member.displayName || member.username} seed={member.id} url={member.avatarUrl} size="sm" />
                <div className="min-w-0 flex-1">
                  <p dir="auto" className="truncate text-sm font-medium">{member.displayName}</p>
                  <p className="truncate text-xs text-neutral-500 dark:text-neutral-400">@{member.username}</p>
                </div>
                <button
                  type="button"
                  aria-label={t("remove", { name: member.displayName })}
                  onClick={() => setMembers((current) => current.filter((other) => other.id !== member.id))}
                  className="inline-flex size-8 items-center justify-center rounded-full text-neutral-500 hover:bg-neutral-200 hover:text-neutral-800 dark:hover:bg-neutral-700 dark:hover:text-neutral-100"
                >
                  <CloseIcon className="size-4" />
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>

      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onDone}>
          {tChat("cancel")}
        </Button>
        <Button type="submit" data-testid="group-create-submit" disabled={create.isPending || create.isSuccess}>
          {create.isPending || create.isSuccess ? t("submitting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
