"use client";
// Friend and block actions on one person, with the caches they change refreshed afterwards
// (the realtime `friends:updated` event refreshes the other person's windows).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { serverErrorMessage, type LooseTranslator } from "~/components/forms/server-error";
import { refreshPeople } from "~/client/people-cache";
import { useTRPC, useTRPCClient } from "~/trpc/react";

export type PersonAction = "request" | "accept" | "decline" | "cancel" | "remove" | "block" | "unblock" | "message";

export function usePersonActions(userId: string) {
  const trpc = useTRPC();
  const api = useTRPCClient();
  const queryClient = useQueryClient();
  const router = useRouter();
  const t = useTranslations() as unknown as LooseTranslator;
  const [error, setError] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: async (action: PersonAction) => {
      const ref = { userId };
      if (action === "message") {
        const { chatId } = await api.chat.openDirect.mutate(ref);
        router.push(`/chat/${chatId}`);
        return;
      }
      const call = {
        request: api.friend.request.mutate,
        accept: api.friend.accept.mutate,
        decline: api.friend.decline.mutate,
        cancel: api.friend.cancel.mutate,
        remove: api.friend.remove.mutate,
        block: api.people.block.mutate,
        unblock: api.people.unblock.mutate,
      } satisfies Record<Exclude<PersonAction, "message">, (input: typeof ref) => Promise<unknown>>;
      await call[action](ref);
    },
    onMutate: () => setError(null),
    onError: (failure) => setError(serverErrorMessage(t, failure)),
    onSettled: () => refreshPeople(queryClient, trpc),
  });

  return { run: (action: PersonAction) => mutation.mutate(action), pending: mutation.isPending ? mutation.variables : null, error };
}
