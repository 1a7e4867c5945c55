"use client";
// Someone's profile: who they are, how you stand, and the actions that fit (friend request,
// accept, message, block …). Updates live when they answer a request or block you.
import { useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { Avatar } from "~/components/avatar";
import { serverErrorMessage, type LooseTranslator } from "~/components/forms/server-error";
import { PersonActions } from "~/components/people/person-actions";
import { usePresence } from "~/components/people/use-presence";
import { usePresenceText } from "~/components/people/use-presence-text";
import { FormError } from "~/components/ui/alert";
import { buttonClass } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { useTRPC } from "~/trpc/react";

export function ProfileView({ userId }: { userId: string }) {
  const t = useTranslations("people");
  const tRoot = useTranslations() as unknown as LooseTranslator;
  const format = useFormatter();
  const trpc = useTRPC();
  const profile = useQuery(trpc.people.profile.queryOptions({ userId }, { retry: (count, error) => !isMissing(error) && count < 2 }));
  const presence = usePresence(profile.data && !profile.data.isSelf ? [userId] : [], profile.dataUpdatedAt);
  const presenceText = usePresenceText();

  if (profile.error) {
    return <FormError>{isMissing(profile.error) ? t("profile.notFound") : `${t("profile.loadFailed")} ${serverErrorMessage(tRoot, profile.error)}`}</FormError>;
  }
  const person = profile.data;
  if (!person) return <p role="status" className="px-1 text-sm text-neutral-500 dark:text-neutral-400">{tRoot("common.loading")}</p>;

  const live = presence[userId];
  const status = person.isSelf ? "" : presenceText(live ?? (person.lastSeenAt ? { online: false, lastSeenAt: person.lastSeenAt } : undefined));
  const { relation } = person;
  const stateLine = relation.blockedByMe
    ? t("state.blockedByMe")
    : relation.blockedMe
      ? t("state.blockedMe")
      : relation.friend !== "none"
        ? t(`state.${relation.friend}`)
        : !person.canMessage
          ? t("state.friendsOnly")
          : null;

  return (
    <section data-testid="profile-view" data-user-id={person.id} data-friend-state={relation.friend} className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-neutral-200 sm:p-6 dark:bg-neutral-900 dark:ring-neutral-800">
      <div className="flex flex-col items-center gap-3 text-center sm:flex-row sm:items-center sm:text-left">
        <Avatar name={person.displayName || person.username} seed={person.id} url={person.avatarUrl} size="xl" />
        <div className="flex min-w-0 flex-col gap-0.5">
          <h2 data-testid="profile-name" dir="auto" className="truncate text-2xl font-semibold">
            {person.displayName}
          </h2>
          <p className="truncate text-[15px] text-neutral-500 dark:text-neutral-400">@{person.username}</p>
          {status ? (
            <p data-testid="profile-presence" className={cn("text-sm", live?.online ? "text-accent-600 dark:text-accent-400" : "text-neutral-500 dark:text-neutral-400")}>
              {status}
            </p>
          ) : null}
        </div>
      </div>

      {person.bio ? (
        <div className="mt-5">
          <h3 className="text-[13px] font-medium text-neutral-500 dark:text-neutral-400">{t("profile.bio")}</h3>
          <p data-testid="profile-bio" className="mt-1 text-[15px] whitespace-pre-wrap">
            {person.bio}
          </p>
        </div>
      ) : null}
      <p className="mt-4 text-sm text-neutral-500 dark:text-neutral-400">{t("profile.memberSince", { date: format.dateTime(person.createdAt, { day: "numeric", month: "long", year: "numeric" }) })}</p>

      <div className="mt-5 border-t border-neutral-200 pt-5 dark:border-neutral-800">
        {person.isSelf ? (
          <div className="flex flex-wrap items-center gap-3">
            <span className="text-sm text-neutral-500 dark:text-neutral-400">{t("profile.self")}</span>
            <Link href="/profile" className={buttonClass("secondary", "sm")}>
              {t("profile.edit")}
            </Link>
          </div>
        ) : (
          <>
            {stateLine ? (
              <p data-testid="profile-relation" className="mb-3 text-sm font-medium text-neutral-700 dark:text-neutral-300">
                {stateLine}
              </p>
            ) : null}
            <PersonActions person={person} relation={relation} layout="full" />
          </>
        )}
      </div>
    </section>
  );
}

function isMissing(error: unknown): boolean {
  const code = error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;
  return code === "NOT_FOUND" || code === "BAD_REQUEST";
}
