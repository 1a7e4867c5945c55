"use client";
// The "pick a person" field of the new-chat and new-group dialogs: a name (pick from the
// suggestions under it) or an exact @username, and why the typed one was refused.
import { useState, type ReactNode } from "react";
import { PersonSuggestions, type SuggestedPerson } from "~/components/people/person-suggestions";
import { TextField, VERBATIM } from "~/components/ui/text-field";
import { useUsernameLookup, type PublicProfile } from "./use-username-lookup";

export function usePersonPicker() {
  const lookup = useUsernameLookup();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  return {
    text,
    error,
    setError,
    /** The person typed something else: the old refusal no longer applies. */
    change: (value: string) => {
      setText(value);
      setError(null);
    },
    clear: () => {
      setText("");
      setError(null);
    },
    /** The account of the typed @username, or null with the reason shown. */
    resolveTyped: async (): Promise<PublicProfile | null> => {
      const found = await lookup(text);
      if (found.ok) return found.user;
      setError(found.error);
      return null;
    },
  };
}

export type PersonPickerState = ReturnType<typeof usePersonPicker>;

export function PersonPicker({
  picker,
  id,
  testId,
  label,
  placeholder,
  onPick,
  exclude,
  hint,
  trailing,
  onEnter,
  autoFocus,
}: {
  picker: PersonPickerState;
  id: string;
  testId: string;
  label: string;
  placeholder: string;
  onPick: (person: SuggestedPerson) => void;
  exclude?: string[];
  hint?: ReactNode;
  /** Beside the field (an "add" button). */
  trailing?: ReactNode;
  /** Enter does this instead of submitting the form. */
  onEnter?: () => void;
  autoFocus?: boolean;
}) {
  return (
    <>
      <TextField
        id={id}
        name="username"
        data-testid={testId}
        label={label}
        placeholder={placeholder}
        autoComplete="off"
        {...VERBATIM}
        autoFocus={autoFocus}
        value={picker.text}
        error={picker.error ?? undefined}
        hint={hint}
        trailing={trailing}
        onChange={(event) => picker.change(event.target.value)}
        onKeyDown={(event) => {
          if (onEnter && event.key === "Enter") {
            event.preventDefault();
            onEnter();
          }
        }}
      />
      <PersonSuggestions text={picker.text} exclude={exclude} onPick={onPick} />
    </>
  );
}
