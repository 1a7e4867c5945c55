"use client";
// "@anna" → Anna's public profile, or a message saying why not (bad format, nobody, offline).
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { TRPCClientError } from "@trpc/client";
import { serverErrorMessage, type LooseTranslator } from "~/components/forms/server-error";
import { translateIssue, type ValidationTranslator } from "~/components/forms/translate-issue";
import { wantsSuggestions } from "~/components/people/person-suggestions";
import { ZUsername } from "~/shared/schemas/user";
import { useTRPCClient, type RouterOutputs } from "~/trpc/react";

export type PublicProfile = RouterOutputs["people"]["byUsername"];
type LookupResult = { ok: true; user: PublicProfile } | { ok: false; error: string };

/** What a person typed, without the "@" they may have put in front. */
function usernameFromInput(raw: string): string {
  return raw.trim().replace(/^@+/, "");
}

export function useUsernameLookup() {
  const api = useTRPCClient();
  const t = useTranslations("chat");
  const tValidation = useTranslations("validation") as unknown as ValidationTranslator;
  const tRoot = useTranslations() as unknown as LooseTranslator;
  return useCallback(
    async (raw: string): Promise<LookupResult> => {
      const parsed = ZUsername.safeParse(usernameFromInput(raw));
      // A name, not a username ("Дмитрий"): the suggestions under the field are the way to pick.
      if (!parsed.success && wantsSuggestions(raw)) return { ok: false, error: t("pickSuggestion") };
      if (!parsed.success) return { ok: false, error: translateIssue(tValidation, parsed.error.issues[0]!, "username") };
      try {
        return { ok: true, user: await api.people.byUsername.query({ username: parsed.data }) };
      } catch (error) {
        const notFound = error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "NOT_FOUND";
        return { ok: false, error: notFound ? t("userNotFound", { username: parsed.data }) : serverErrorMessage(tRoot, error) };
      }
    },
    [api, t, tValidation, tRoot],
  );
}
