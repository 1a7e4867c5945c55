"use client";
// "Новый чат": a name (pick from the suggestions) or an exact @username → the direct chat with
// that person (created if new).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { serverErrorMessage, type LooseTranslator } from "~/components/forms/server-error";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/text-field";
import { useTRPC } from "~/trpc/react";
import { PersonSuggestions } from "~/components/people/person-suggestions";
import { Dialog } from "./dialog";
import { useUsernameLookup } from "./use-username-lookup";

export function NewChatDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("chat.newChat");
  return (
    <Dialog open={open} onClose={onClose} title={t("title")} description={t("description")} testId="new-chat-dialog">
      <NewChatForm onDone={onClose} />
    </Dialog>
  );
}

function NewChatForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations("chat.newChat");
  const tCommon = useTranslations("chat");
  const tRoot = useTranslations() as unknown as LooseTranslator;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const lookup = useUsernameLookup();
  const openDirect = useMutation(trpc.chat.openDirect.mutationOptions());
  const [username, setUsername] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const open = async (resolve: () => Promise<string | null>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const userId = await resolve();
      if (!userId) return;
      const { chatId } = await openDirect.mutateAsync({ userId });
      await queryClient.invalidateQueries({ queryKey: trpc.chat.list.queryKey() });
      onDone();
      router.push(`/chat/${chatId}`);
    } catch (failure) {
      setError(serverErrorMessage(tRoot, failure));
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void open(async () => {
      const found = await lookup(username);
      if (found.ok) return found.user.id;
      setError(found.error);
      return null;
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      <TextField
        id="new-chat-username"
        name="username"
        data-testid="new-chat-username"
        label={t("username")}
        placeholder={t("placeholder")}
        autoComplete="off"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        autoFocus
        value={username}
        error={error ?? undefined}
        onChange={(event) => {
          setUsername(event.target.value);
          setError(null);
        }}
      />
      <PersonSuggestions text={username} onPick={(person) => void open(async () => person.id)} />
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onDone}>
          {tCommon("cancel")}
        </Button>
        <Button type="submit" data-testid="new-chat-submit" disabled={busy || username.trim() === ""}>
          {busy ? t("submitting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
