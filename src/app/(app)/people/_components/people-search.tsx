"use client";
// People search: partial names and @usernames in any script, as you type (debounced), paged with
// "show more". The query lives in the URL (?q=), so a search can be shared and survives a reload.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { serverErrorMessage, type LooseTranslator } from "~/components/forms/server-error";
import { PersonActions } from "~/components/people/person-actions";
import { PersonRow } from "~/components/people/person-row";
import type { PersonAction } from "~/components/people/use-person-actions";
import { FormError } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { controlClass } from "~/components/ui/field";
import { cn } from "~/components/ui/cn";
import { useTRPC } from "~/trpc/react";

const PAGE = 20;
const DEBOUNCE_MS = 250;
const MIN_LENGTH = 2;

export function PeopleSearch() {
  const t = useTranslations("people.search");
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [text, setText] = useState(() => params.get("q") ?? "");
  const [query, setQuery] = useState(text.trim());
  const [pages, setPages] = useState(1);

  useEffect(() => {
    const timer = setTimeout(() => {
      const next = text.trim();
      if (next === query) return;
      setQuery(next);
      setPages(1);
      router.replace(next ? `${pathname}?q=${encodeURIComponent(next)}` : pathname, { scroll: false });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, query, pathname, router]);

  const ready = query.length >= MIN_LENGTH;
  return (
    <section className="rounded-2xl bg-white shadow-sm ring-1 ring-neutral-200 dark:bg-neutral-900 dark:ring-neutral-800">
      <div className="p-4 sm:p-5">
        <label htmlFor="people-search" className="sr-only">
          {t("label")}
        </label>
        <input
          id="people-search"
          data-testid="people-search-input"
          type="search"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          placeholder={t("placeholder")}
          value={text}
          onChange={(event) => setText(event.target.value)}
          className={cn(controlClass, "h-11")}
        />
        {!ready ? <p className="mt-2 text-sm text-neutral-500 dark:text-neutral-400">{t("hint")}</p> : null}
      </div>
      {ready ? (
        <ul data-testid="people-results" aria-label={t("label")} className="divide-y divide-neutral-100 border-t border-neutral-100 dark:divide-neutral-800 dark:border-neutral-800">
          {Array.from({ length: pages }, (_, index) => (
            <ResultsPage key={`${query}:${index}`} query={query} offset={index * PAGE} last={index === pages - 1} onMore={() => setPages(pages + 1)} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

const COMPACT_ACTIONS: Record<"none" | "outgoing" | "incoming" | "friends", PersonAction[]> = {
  none: ["request"],
  outgoing: ["cancel"],
  incoming: ["accept"],
  friends: ["message"],
};

function ResultsPage({ query, offset, last, onMore }: { query: string; offset: number; last: boolean; onMore: () => void }) {
  const t = useTranslations("people");
  const tRoot = useTranslations() as unknown as LooseTranslator;
  const trpc = useTRPC();
  const results = useQuery(trpc.people.search.queryOptions({ query, limit: PAGE, offset }, { placeholderData: offset === 0 ? keepPreviousData : undefined }));

  if (results.error) {
    return (
      <li className="p-4">
        <FormError>{`${t("search.failed")} ${serverErrorMessage(tRoot, results.error)}`}</FormError>
      </li>
    );
  }
  if (!results.data) {
    return (
      <li role="status" className="px-4 py-3 text-sm text-neutral-500 dark:text-neutral-400">
        {t("search.searching")}
      </li>
    );
  }
  const { people, hasMore } = results.data;
  return (
    <>
      {offset === 0 && people.length === 0 ? (
        <li data-testid="people-no-results" className="px-4 py-6 text-center text-sm text-neutral-500 dark:text-neutral-400">
          {t("search.noResults", { query })}
        </li>
      ) : null}
      {people.map((person) => (
        <PersonRow
          key={person.id}
          person={person}
          status={person.friend === "none" ? undefined : t(`state.${person.friend}`)}
          actions={<PersonActions person={person} actions={COMPACT_ACTIONS[person.friend]} />}
        />
      ))}
      {last && hasMore ? (
        <li className="flex justify-center p-3">
          <Button variant="ghost" size="sm" data-testid="people-more" onClick={onMore}>
            {t("search.more")}
          </Button>
        </li>
      ) : null}
    </>
  );
}
