"use client";
// Privacy settings: each choice is saved as soon as it is made.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { serverErrorMessage, type LooseTranslator } from "~/components/forms/server-error";
import { FormError, FormSuccess } from "~/components/ui/alert";
import { Select } from "~/components/ui/select";
import { Toggle } from "~/components/ui/toggle";
import { useTRPC } from "~/trpc/react";
import { useMe } from "../../_components/use-me";

const SETTINGS = [
  { name: "lastSeenVisibility", label: "lastSeen", options: ["EVERYONE", "FRIENDS", "NOBODY"] },
  { name: "messagePolicy", label: "messages", options: ["EVERYONE", "FRIENDS"] },
  { name: "groupInvitePolicy", label: "groups", options: ["EVERYONE", "FRIENDS"] },
] as const;

export function PrivacyForm() {
  const t = useTranslations("profile.privacy");
  const tRoot = useTranslations() as unknown as LooseTranslator;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const save = useMutation(trpc.account.updatePrivacy.mutationOptions({ onSuccess: (user) => queryClient.setQueryData(trpc.account.me.queryKey(), user) }));
  if (!me) return null;

  return (
    <div data-testid="privacy-form" className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-3">
        {SETTINGS.map((setting) => (
          <Select
            key={setting.name}
            id={`privacy-${setting.name}`}
            name={setting.name}
            label={t(setting.label)}
            disabled={save.isPending}
            value={(save.isPending ? save.variables?.[setting.name] : undefined) ?? me[setting.name]}
            onChange={(event) => save.mutate({ [setting.name]: event.target.value })}
          >
            {setting.options.map((option) => (
              <option key={option} value={option}>
                {t(option)}
              </option>
            ))}
          </Select>
        ))}
      </div>
      <Toggle
        id="privacy-pushPreview"
        label={t("pushPreview")}
        hint={t("pushPreviewHint")}
        disabled={save.isPending}
        checked={(save.isPending ? save.variables?.pushPreview : undefined) ?? me.pushPreview}
        onChange={(pushPreview) => save.mutate({ pushPreview })}
      />
      {save.error ? <FormError>{serverErrorMessage(tRoot, save.error)}</FormError> : save.isSuccess ? <FormSuccess>{tRoot("common.saved")}</FormSuccess> : null}
    </div>
  );
}
