"use client";
// "Новый чат": a name (pick from the suggestions) or an exact @username → the direct chat with
// that person (created if new).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { serverErrorMessage, type LooseTranslator } from "~/components/forms/server-error";
import { Button } from "~/components/ui/button";
import { useTRPC } from "~/trpc/react";
import { Dialog } from "./dialog";
import { PersonPicker, usePersonPicker } from "./person-picker";

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
  const picker = usePersonPicker();
  const openDirect = useMutation(trpc.chat.openDirect.mutationOptions());
  const [busy, setBusy] = useState(false);

  const open = async (resolve: () => Promise<string | null>) => {
    if (busy) return;
    setBusy(true);
    picker.setError(null);
    try {
      const userId = await resolve();
      if (!userId) return;
      const { chatId } = await openDirect.mutateAsync({ userId });
      await queryClient.invalidateQueries({ queryKey: trpc.chat.list.queryKey() });
      onDone();
      router.push(`/chat/${chatId}`);
    } catch (failure) {
      picker.setError(serverErrorMessage(tRoot, failure));
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void open(async () => (await picker.resolveTyped())?.id ?? null);
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      <PersonPicker
        picker={picker}
        id="new-chat-username"
        testId="new-chat-username"
        label={t("username")}
        placeholder={t("placeholder")}
        autoFocus
        onPick={(person) => void open(() => Promise.resolve(person.id))}
      />
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onDone}>
          {tCommon("cancel")}
        </Button>
        <Button type="submit" data-testid="new-chat-submit" disabled={busy || picker.text.trim() === ""}>
          {busy ? t("submitting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
