"use client";
// Friends: incoming requests first, then friends (online first), sent requests and the people
// you blocked. Live: a request, an accept or a friend coming online shows without a reload.
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useMemo, type ReactNode } from "react";
import { usePersonName } from "~/components/chat/person-names";
import { serverErrorMessage, type LooseTranslator } from "~/components/forms/server-error";
import { PersonActions } from "~/components/people/person-actions";
import { PersonRow } from "~/components/people/person-row";
import { usePresence } from "~/components/people/use-presence";
import { usePresenceText } from "~/components/people/use-presence-text";
import { FormError } from "~/components/ui/alert";
import { buttonClass } from "~/components/ui/button";
import { Section } from "~/components/ui/section";
import { useTRPC } from "~/trpc/react";
import { AddFriendForm } from "./add-friend-form";

export function FriendsView() {
  const t = useTranslations("friends");
  const tRoot = useTranslations() as unknown as LooseTranslator;
  const trpc = useTRPC();
  const list = useQuery(trpc.friend.list.queryOptions());
  const blocked = useQuery(trpc.people.blocked.queryOptions());
  const friendIds = useMemo(() => list.data?.friends.map((friend) => friend.id) ?? [], [list.data]);
  const presence = usePresence(friendIds);
  const presenceText = usePresenceText();
  const personName = usePersonName();

  const friends = useMemo(() => {
    const online = (id: string) => (presence[id]?.online ? 1 : 0);
    return [...(list.data?.friends ?? [])].sort((a, b) => online(b.id) - online(a.id) || personName(a).localeCompare(personName(b)));
  }, [list.data, presence, personName]);

  if (list.error) return <FormError>{`${t("loadFailed")} ${serverErrorMessage(tRoot, list.error)}`}</FormError>;
  if (!list.data) return <p role="status" className="px-1 text-sm text-neutral-500 dark:text-neutral-400">{tRoot("common.loading")}</p>;
  const { incoming, outgoing } = list.data;

  return (
    <>
      {incoming.length ? (
        <PeopleCard id="friends-incoming" title={t("incoming")} count={incoming.length}>
          {incoming.map((person) => (
            <PersonRow key={person.id} testId="incoming-request" person={person} actions={<PersonActions person={person} actions={["accept", "decline"]} />} />
          ))}
        </PeopleCard>
      ) : null}

      <PeopleCard id="friends-list" title={t("list")} count={friends.length}>
        {friends.length ? (
          friends.map((person) => (
            <PersonRow
              key={person.id}
              testId="friend-row"
              person={person}
              online={presence[person.id]?.online}
              status={presenceText(presence[person.id])}
              actions={<PersonActions person={person} actions={["message"]} />}
            />
          ))
        ) : (
          <li className="flex flex-col items-center gap-3 px-4 py-6 text-center">
            <span>
              <span className="block font-medium">{t("empty")}</span>
              <span className="block text-sm text-neutral-500 dark:text-neutral-400">{t("emptyHint")}</span>
            </span>
            <Link href="/people" className={buttonClass("secondary", "sm")}>
              {t("findPeople")}
            </Link>
          </li>
        )}
      </PeopleCard>

      <Section id="friends-add" title={t("add.title")}>
        <AddFriendForm />
      </Section>

      {outgoing.length ? (
        <PeopleCard id="friends-outgoing" title={t("outgoing")} count={outgoing.length}>
          {outgoing.map((person) => (
            <PersonRow key={person.id} testId="outgoing-request" person={person} actions={<PersonActions person={person} actions={["cancel"]} />} />
          ))}
        </PeopleCard>
      ) : null}

      {blocked.data?.length ? (
        <PeopleCard id="friends-blocked" title={t("blocked")} count={blocked.data.length}>
          {blocked.data.map((person) => (
            <PersonRow key={person.id} testId="blocked-row" person={person} actions={<PersonActions person={person} actions={["unblock"]} />} />
          ))}
        </PeopleCard>
      ) : null}
    </>
  );
}

function PeopleCard({ id, title, count, children }: { id: string; title: string; count: number; children: ReactNode }) {
  return (
    <section data-testid={id} aria-labelledby={`${id}-title`} className="rounded-2xl bg-white shadow-sm ring-1 ring-neutral-200 dark:bg-neutral-900 dark:ring-neutral-800">
      <h2 id={`${id}-title`} className="flex items-baseline gap-2 px-4 pt-4 pb-2 text-lg font-semibold sm:px-5">
        {title}
        {count ? <span className="text-sm font-normal text-neutral-500 dark:text-neutral-400">{count}</span> : null}
      </h2>
      <ul className="divide-y divide-neutral-100 pb-2 dark:divide-neutral-800">{children}</ul>
    </section>
  );
}
