"use client";
// One person in a list (search results, friends, requests): avatar, name, @username, a status
// line, and the actions that fit; the name opens their profile.
import Link from "next/link";
import type { ReactNode } from "react";
import { Avatar } from "~/components/avatar";
import { usePersonName } from "~/components/chat/person-names";
import { cn } from "~/components/ui/cn";

export interface PersonRowPerson {
  id: string;
  username: string | null;
  displayName: string | null;
  avatarUrl: string | null;
  deleted: boolean;
}

export function PersonRow({
  person,
  status,
  online,
  actions,
  testId = "person-row",
}: {
  person: PersonRowPerson;
  status?: string;
  online?: boolean;
  actions?: ReactNode;
  testId?: string;
}) {
  const personName = usePersonName();
  const name = personName(person);
  return (
    <li data-testid={testId} data-user-id={person.id} data-username={person.username ?? undefined} className="flex items-center gap-3 px-3 py-2.5 sm:px-4">
      <Link href={`/people/${person.id}`} className="flex min-w-0 flex-1 items-center gap-3 rounded-xl">
        <span className="relative shrink-0">
          <Avatar name={name} seed={person.id} url={person.avatarUrl} size="md" />
          {online ? <span aria-hidden="true" className="absolute right-0 bottom-0 size-3 rounded-full bg-emerald-500 ring-2 ring-white dark:ring-neutral-900" /> : null}
        </span>
        <span className="flex min-w-0 flex-col">
          <span data-testid="person-name" dir="auto" className="truncate text-[15px] font-medium">
            {name}
          </span>
          <span className="truncate text-[13px] text-neutral-500 dark:text-neutral-400">
            {person.username ? `@${person.username}` : null}
            {status ? (
              <span data-testid="person-status" className={cn(person.username && "before:mx-1.5 before:content-['·']", online && "text-accent-600 dark:text-accent-400")}>
                {status}
              </span>
            ) : null}
          </span>
        </span>
      </Link>
      {actions ? <div className="flex shrink-0 items-center gap-1.5">{actions}</div> : null}
    </li>
  );
}
