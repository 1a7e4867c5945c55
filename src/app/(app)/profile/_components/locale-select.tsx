"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { serverErrorMessage, type LooseTranslator } from "~/components/forms/server-error";
import { LOCALE_LABEL_KEYS } from "~/components/locale-cookie-select";
import { FormError } from "~/components/ui/alert";
import { Select } from "~/components/ui/select";
import { LOCALES, toLocale } from "~/i18n/config";
import { useTRPC } from "~/trpc/react";

/** Saves the language on the account (and its cookie), then re-renders the server's strings. */
export function LocaleSelect() {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [refreshing, startTransition] = useTransition();
  const setLocale = useMutation(
    trpc.account.setLocale.mutationOptions({
      onSuccess: (user) => {
        queryClient.setQueryData(trpc.account.me.queryKey(), user);
        startTransition(() => router.refresh());
      },
    }),
  );
  const busy = setLocale.isPending || refreshing;
  const shown = busy && setLocale.variables ? setLocale.variables.locale : locale;

  return (
    <div className="flex flex-col gap-2">
      <Select
        id="profile-locale"
        label={t("profile.appearance.language")}
        data-testid="locale-select"
        value={shown}
        disabled={busy}
        onChange={(event) => setLocale.mutate({ locale: toLocale(event.target.value) })}
      >
        {LOCALES.map((value) => (
          <option key={value} value={value} lang={value}>
            {t(`preferences.${LOCALE_LABEL_KEYS[value]}`)}
          </option>
        ))}
      </Select>
      {setLocale.error ? <FormError>{serverErrorMessage(t as unknown as LooseTranslator, setLocale.error)}</FormError> : null}
    </div>
  );
}
