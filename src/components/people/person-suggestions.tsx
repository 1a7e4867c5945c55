"use client";
// People matching a name as it is typed (debounced), to pick one with a click: the new-chat and
// new-group dialogs offer them while the text is a name rather than an exact @username.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Avatar } from "~/components/avatar";
import { usePersonName } from "~/components/chat/person-names";
import { useTRPC, type RouterOutputs } from "~/trpc/react";

export type SuggestedPerson = RouterOutputs["people"]["search"]["people"][number];

const DEBOUNCE_MS = 200;

/** Whether the text asks for name suggestions: two characters or more, not an "@username". */
export function wantsSuggestions(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length >= 2 && !trimmed.startsWith("@");
}

export function PersonSuggestions({ text, exclude = [], onPick }: { text: string; exclude?: string[]; onPick: (person: SuggestedPerson) => void }) {
  const trpc = useTRPC();
  const personName = usePersonName();
  const [query, setQuery] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQuery(wantsSuggestions(text) ? text.trim() : ""), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const results = useQuery(trpc.people.search.queryOptions({ query, limit: 6 }, { enabled: query.length >= 2 }));
  const people = (results.data?.people ?? []).filter((person) => !exclude.includes(person.id));
  if (!wantsSuggestions(text) || people.length === 0) return null;

  return (
    <ul data-testid="person-suggestions" className="flex flex-col gap-0.5 rounded-xl bg-neutral-50 p-1.5 dark:bg-neutral-800/60">
      {people.map((person) => (
        <li key={person.id}>
          <button
            type="button"
            data-testid="person-suggestion"
            data-username={person.username ?? undefined}
            onClick={() => onPick(person)}
            className="flex w-full items-center gap-3 rounded-lg px-2 py-1.5 text-left hover:bg-neutral-200/70 dark:hover:bg-neutral-700/70"
          >
            <Avatar name={personName(person)} seed={person.id} url={person.avatarUrl} size="sm" />
            <span className="min-w-0 flex-1">
              <span dir="auto" className="block truncate text-sm font-medium">{personName(person)}</span>
              <span className="block truncate text-xs text-neutral-500 dark:text-neutral-400">@{person.username}</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
