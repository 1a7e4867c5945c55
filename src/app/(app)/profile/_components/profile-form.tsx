"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useWatch } from "react-hook-form";
import { Avatar } from "~/components/avatar";
import { AvatarPicker, isUploadedAvatar } from "~/components/avatars/avatar-picker";
import { ServerForm } from "~/components/forms/server-form";
import { useZodForm } from "~/components/forms/use-zod-form";
import { cn } from "~/components/ui/cn";
import { TextAreaField, TextField, VERBATIM } from "~/components/ui/text-field";
import { ZAvatarUrl, ZUpdateProfileInput } from "~/shared/schemas/user";
import { useTRPC, type RouterOutputs } from "~/trpc/react";
import { useMe } from "../../_components/use-me";

const BIO_MAX = 500;

type Me = RouterOutputs["account"]["me"];

/** The link field holds only a typed https URL; an uploaded avatar is managed by the picker. */
function formValues(user: Me) {
  return { displayName: user.displayName, username: user.username, bio: user.bio, avatarUrl: isUploadedAvatar(user.avatarUrl) ? "" : (user.avatarUrl ?? "") };
}

export function ProfileForm() {
  const me = useMe();
  // The app shell renders pages only after account.me has loaded.
  return me.data ? <ProfileFormFor user={me.data} /> : null;
}

function ProfileFormFor({ user }: { user: Me }) {
  const t = useTranslations("profile.info");
  const saved = useTranslations("common")("saved");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(trpc.account.updateProfile.mutationOptions());
  const setAvatar = useMutation(trpc.account.setAvatar.mutationOptions({ onSuccess: (updated) => queryClient.setQueryData(trpc.account.me.queryKey(), updated) }));
  const form = useZodForm(ZUpdateProfileInput, { defaultValues: formValues(user) });
  const { errors } = form.formState;
  const [displayName, avatarUrl, bio] = useWatch({ control: form.control, name: ["displayName", "avatarUrl", "bio"] });
  const typedUrl = ZAvatarUrl.safeParse(avatarUrl ?? "").success ? (avatarUrl ?? "").trim() : null;
  const uploaded = isUploadedAvatar(user.avatarUrl);
  // An uploaded avatar shows until a link is typed in its place.
  const previewUrl = typedUrl ?? (uploaded ? user.avatarUrl : null);
  const bioLength = (bio ?? "").trim().length;

  const preview = (
    <div className="flex items-center gap-4">
      <Avatar name={displayName?.trim() || user.username} seed={user.id} url={previewUrl} size="xl" className="ring-4 ring-neutral-100 dark:ring-neutral-800" />
      <div className="min-w-0">
        <p dir="auto" className="truncate text-lg font-semibold">{displayName?.trim() || user.displayName}</p>
        <p className="truncate text-sm text-neutral-500 dark:text-neutral-400">@{user.username}</p>
        <p className="mt-1 text-xs text-neutral-500 dark:text-neutral-400">{t("preview")}</p>
        <div className="mt-2">
          <AvatarPicker
            testId="profile-avatar"
            hasUploaded={uploaded}
            onUploaded={(attachmentId) => setAvatar.mutateAsync({ attachmentId })}
            onRemove={() => setAvatar.mutateAsync({ attachmentId: null })}
          />
        </div>
      </div>
    </div>
  );

  return (
    <ServerForm
      form={form}
      fields={["displayName", "username", "bio", "avatarUrl"]}
      onValid={async ({ avatarUrl: link, ...values }) => {
        // Untouched, the empty link field must not remove an uploaded avatar.
        const updated = await update.mutateAsync(form.formState.dirtyFields.avatarUrl ? { ...values, avatarUrl: link } : values);
        queryClient.setQueryData(trpc.account.me.queryKey(), updated);
        form.reset(formValues(updated));
      }}
      testId="profile-form"
      className="flex flex-col gap-5"
      intro={preview}
      submit={{ label: t("submit"), busyLabel: t("submitting") }}
      saved={{ text: saved, done: update.isSuccess }}
    >

      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id="profile-display-name" label={t("displayName")} autoComplete="name" error={errors.displayName?.message} {...form.register("displayName")} />
        <TextField
          id="profile-username"
          label={t("username")}
          hint={t("usernameHint")}
          autoComplete="username"
          {...VERBATIM}
          error={errors.username?.message}
          {...form.register("username")}
        />
      </div>
      <TextAreaField
        id="profile-bio"
        label={t("bio")}
        rows={3}
        aside={
          <span
            aria-live="polite"
            data-testid="bio-counter"
            className={cn("text-xs tabular-nums", bioLength > BIO_MAX ? "font-medium text-red-600 dark:text-red-400" : "text-neutral-500 dark:text-neutral-400")}
          >
            {t("bioCounter", { count: bioLength, max: BIO_MAX })}
          </span>
        }
        error={errors.bio?.message}
        {...form.register("bio")}
      />
      <TextField
        id="profile-avatar-url"
        type="url"
        inputMode="url"
        label={t("avatarUrl")}
        hint={t("avatarUrlHint")}
        placeholder="https://…"
        autoCapitalize="none"
        spellCheck={false}
        error={errors.avatarUrl?.message}
        {...form.register("avatarUrl")}
      />
    </ServerForm>
  );
}
