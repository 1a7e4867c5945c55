// The services' layering: every domain may import only the domains listed for it, so arrows run one
// way (core at the bottom; chats on top of people and messages; presence on top of people), and no
// service imports tRPC, Next or the API layer (the sidecar reuses them).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const MAY_IMPORT: Record<string, string[]> = {
  core: [],
  account: ["core", "attachments"],
  attachments: ["core"],
  people: ["core"],
  messages: ["core", "attachments"],
  chats: ["core", "people", "messages", "attachments"],
  presence: ["core", "people"],
  push: ["core"],
};

const root = join(__dirname);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(/from "([^"]+)"/g)].map((match) => match[1]!);
}

/** The service domain an import names, seen from `domain`'s folder, or null for anything else. */
function domainOf(specifier: string, domain: string): string | null {
  const absolute = /^~\/server\/services\/([a-z-]+)\//.exec(specifier)?.[1];
  if (absolute) return absolute;
  if (specifier.startsWith("./")) return domain;
  return /^\.\.\/([a-z-]+)\//.exec(specifier)?.[1] ?? null;
}

describe("service layers", () => {
  const files = sourceFiles(root).map((file) => ({ file: relative(root, file), domain: relative(root, file).split("/")[0]! }));

  it("every service folder is a known domain", () => {
    expect([...new Set(files.map((entry) => entry.domain))].sort()).toEqual(Object.keys(MAY_IMPORT).sort());
  });

  it("imports run one way between domains, and never reach tRPC, Next or the API layer", () => {
    const wrong = files.flatMap(({ file, domain }) =>
      importsOf(join(root, file))
        .filter((specifier) => {
          if (/^(next|@trpc)(\/|$)|^~\/server\/api\//.test(specifier)) return true;
          const target = domainOf(specifier, domain);
          return target !== null && target !== domain && !MAY_IMPORT[domain]!.includes(target);
        })
        .map((specifier) => `${file} → ${specifier}`),
    );
    expect(wrong).toEqual([]);
  });
});
