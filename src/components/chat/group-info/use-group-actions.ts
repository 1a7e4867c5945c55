"use client";
// A group's management calls (rename, avatar, add, remove, set role), which refresh the chat and the list on
// success and report any failure as one message for the panel.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { serverErrorMessage, type LooseTranslator } from "~/components/forms/server-error";
import { useTRPC } from "~/trpc/react";

export function useGroupActions(chatId: string) {
  const tRoot = useTranslations() as unknown as LooseTranslator;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.chat.get.queryKey({ chatId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.chat.list.queryKey() }),
    ]);
  const fail = (failure: unknown) => setError(serverErrorMessage(tRoot, failure));
  const options = { onSuccess: refresh, onError: fail };
  return {
    error,
    clearError: () => setError(null),
    fail,
    rename: useMutation(trpc.chat.rename.mutationOptions(options)),
    setAvatar: useMutation(trpc.chat.setAvatar.mutationOptions({ onSuccess: refresh })),
    add: useMutation(trpc.chat.member.add.mutationOptions(options)),
    remove: useMutation(trpc.chat.member.remove.mutationOptions(options)),
    setRole: useMutation(trpc.chat.member.setRole.mutationOptions(options)),
    leave: useMutation(trpc.chat.leave.mutationOptions()),
  };
}

export type GroupActions = ReturnType<typeof useGroupActions>;
