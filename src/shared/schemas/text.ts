// Text rules shared by every user-supplied string: what PostgreSQL can store unchanged (no NUL, no
// lone UTF-16 surrogate, which would be stored as U+FFFD) and what a reader can actually see.
import { z } from "zod";

const NUL = /\0/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether the text can be stored and read back exactly (no NUL byte, no lone surrogate). */
export function isStorableText(value: string): boolean {
  return !NUL.test(value) && !LONE_SURROGATE.test(value);
}

// Characters that draw nothing: white space, format and other default-ignorable characters (zero-width
// spaces and joiners, soft hyphen, word joiner, BOM, variation selectors, tags, Hangul fillers
// U+115F/U+1160/U+3164/U+FFA0), controls, and the blank braille pattern U+2800.
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\u2800]/gu;

/** Whether the text shows at least one visible character (not only blanks and invisible marks). */
export function hasVisibleContent(value: string): boolean {
  return value.replace(INVISIBLE, "").length > 0;
}

export const TEXT_INVALID_MESSAGE = "Text contains a NUL character or a broken Unicode character";

/** The base of every user-supplied string in the shared schemas: a string PostgreSQL stores as sent. */
export function zText() {
  return z.string().refine(isStorableText, { message: TEXT_INVALID_MESSAGE, params: { key: "textInvalid" }, abort: true });
}

/** For a trimmed text: refuses one made only of invisible characters (empty is left to `.min(1)`). */
export function visibleOrEmpty(value: string): boolean {
  return value.length === 0 || hasVisibleContent(value);
}

export const INVISIBLE_PARAMS = { key: "textInvisible" } as const;
