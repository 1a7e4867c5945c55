// Zod issues → the UI's own words: by field and issue code, with the issue's numbers (never zod's
// English message). Keys: validation.fields.<field>.<code> → validation.<code> → validation.invalid.
import type { core } from "zod";

/** A next-intl translator scoped to "validation", called with keys built at run time. */
export interface ValidationTranslator {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}

/** Issues that say "wrong type/value" are noise next to the branch that explains the problem. */
const WEAK_CODES = new Set(["invalid_type", "invalid_value"]);

/** The issue a person should see for a union: the first one from a branch that tried in earnest. */
function explainUnion(issue: core.$ZodIssueInvalidUnion): core.$ZodIssue {
  const candidates = issue.errors.flat();
  return candidates.find((inner) => !WEAK_CODES.has(inner.code)) ?? candidates[0] ?? issue;
}

export function translateIssue(t: ValidationTranslator, issue: core.$ZodIssue, fieldName?: string): string {
  const explained = issue.code === "invalid_union" ? explainUnion(issue) : issue;
  const field = fieldName ?? String(issue.path[0] ?? "");
  const lookup = (code: string, values?: Record<string, string | number>) => {
    for (const key of [`fields.${field}.${code}`, code]) {
      if (field === "" && key.startsWith("fields.")) continue;
      if (t.has(key)) return t(key, values);
    }
    return null;
  };

  switch (explained.code) {
    case "too_small": {
      const minimum = Number(explained.minimum);
      if (minimum <= 1 && explained.origin === "string") return lookup("required") ?? t("required");
      return lookup("too_small", { minimum }) ?? t("invalid");
    }
    case "too_big":
      return lookup("too_big", { maximum: Number(explained.maximum) }) ?? t("invalid");
    case "custom": {
      const key = (explained.params as { key?: unknown } | undefined)?.key;
      if (typeof key === "string" && t.has(key)) return t(key);
      return lookup("custom") ?? t("invalid");
    }
    default:
      return lookup(explained.code) ?? t("invalid");
  }
}
