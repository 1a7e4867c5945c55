import { describe, expect, it } from "vitest";
import { ZGroupTitle, ZMessageContent } from "./chat";
import { ZSearchPeopleInput } from "./people";
import { hasVisibleContent, isStorableText } from "./text";
import { ZBio, ZDisplayName, ZSignInInput } from "./user";

const HIGH = "\uD83D";
const LOW = "\uDE00";

describe("isStorableText", () => {
  it.each([
    ["plain", "hello", true],
    ["Cyrillic", "привет", true],
    ["an emoji (a valid surrogate pair)", "hi 😀", true],
    ["a NUL byte", "a\0b", false],
    ["only NUL", "\0", false],
    ["a lone high surrogate", `a${HIGH}b`, false],
    ["a lone high surrogate at the end", `ab${HIGH}`, false],
    ["a lone low surrogate", `a${LOW}b`, false],
    ["a lone low surrogate at the start", `${LOW}ab`, false],
    ["two surrogates in the wrong order", `${LOW}${HIGH}`, false],
  ])("%s → %s", (_label, value, storable) => {
    expect(isStorableText(value)).toBe(storable);
  });
});

describe("hasVisibleContent", () => {
  const invisible: Array<[string, string]> = [
    ["empty", ""],
    ["spaces, tabs, new lines", " \t\n\r "],
    ["no-break and ideographic spaces", "\u00A0\u3000\u2007"],
    ["zero-width space", "\u200B\u200B\u200B"],
    ["zero-width non-joiner and joiner", "\u200C\u200D"],
    ["word joiner and invisible operators", "\u2060\u2061\u2062\u2063\u2064"],
    ["BOM", "\uFEFF"],
    ["soft hyphen", "\u00AD"],
    ["combining grapheme joiner", "\u034F"],
    ["Mongolian vowel separator", "\u180E"],
    ["braille blank", "\u2800\u2800"],
    ["Hangul filler", "\u3164"],
    ["Hangul choseong and jungseong fillers", "\u115F\u1160"],
    ["halfwidth Hangul filler", "\uFFA0"],
    ["variation selectors alone", "\uFE0F\uFE0E"],
    ["a supplementary variation selector", "\u{E0100}"],
    ["tag characters", "\u{E0041}\u{E0042}"],
    ["direction marks", "\u200E\u200F\u202E"],
    ["a mix", " \u200B\u2800\u3164\uFEFF\n"],
  ];
  it.each(invisible)("%s is not visible", (_label, value) => {
    expect(hasVisibleContent(value)).toBe(false);
  });

  const visible: Array<[string, string]> = [
    ["a letter", "a"],
    ["a dot", "."],
    ["an emoji with a variation selector", "❤\uFE0F"],
    ["a family emoji (joined by ZWJ)", "👨\u200D👩\u200D👧"],
    ["text among zero-width spaces", "\u200Bhi\u200B"],
    ["a Hangul syllable", "한"],
    ["a non-blank braille pattern", "\u2801"],
    ["Arabic", "مرحبا"],
  ];
  it.each(visible)("%s is visible", (_label, value) => {
    expect(hasVisibleContent(value)).toBe(true);
  });
});

describe("the shared schemas use these rules", () => {
  it.each([
    ["message", ZMessageContent],
    ["group title", ZGroupTitle],
    ["display name", ZDisplayName],
  ] as const)("a %s made only of invisible characters is refused, with a readable message", (_label, schema) => {
    for (const value of ["\u200B\u200B", "\u2800", "\u3164", " \uFEFF "]) {
      const result = schema.safeParse(value);
      expect(result.success, JSON.stringify(value)).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message).join()).toMatch(/empty|required/i);
    }
    expect(schema.safeParse("ok \u200B").success).toBe(true);
  });

  it("an empty message gives one issue, not two", () => {
    expect(ZMessageContent.safeParse("   ").error?.issues).toHaveLength(1);
  });

  it.each([
    ["message", ZMessageContent],
    ["group title", ZGroupTitle],
    ["display name", ZDisplayName],
    ["bio", ZBio],
  ] as const)("a %s with a NUL or a lone surrogate is refused", (_label, schema) => {
    for (const value of ["a\0b", `a${HIGH}b`, `a${LOW}b`]) {
      const result = schema.safeParse(value);
      expect(result.success, JSON.stringify(value)).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/NUL|broken Unicode/);
    }
  });

  it("sign-in and search refuse a NUL or a lone surrogate too", () => {
    expect(ZSignInInput.safeParse({ login: "al\0ice", password: "x" }).success).toBe(false);
    expect(ZSignInInput.safeParse({ login: "alice", password: `x${HIGH}` }).success).toBe(false);
    expect(ZSearchPeopleInput.safeParse({ query: `al${LOW}` }).success).toBe(false);
  });
});
