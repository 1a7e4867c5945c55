import { describe, expect, it } from "vitest";
import { clearAllDrafts, readDraft, writeDraft } from "./drafts";

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    key: (index: number) => [...items.keys()][index] ?? null,
    get length() {
      return items.size;
    },
    items,
  };
}

describe("drafts", () => {
  it("are kept per user and chat: another account on the same browser does not see them", () => {
    const store = memoryStorage();
    writeDraft("alice", "chat-1", "half a thought", store);
    writeDraft("alice", "chat-2", "another", store);
    expect(readDraft("alice", "chat-1", store)).toBe("half a thought");
    expect(readDraft("alice", "chat-2", store)).toBe("another");
    expect(readDraft("bob", "chat-1", store)).toBe("");
  });

  it("an empty draft (sent or cleared) is removed, and signing out clears every draft but nothing else", () => {
    const store = memoryStorage();
    store.setItem("bm-theme", "dark");
    writeDraft("alice", "chat-1", "text", store);
    writeDraft("alice", "chat-1", "", store);
    expect(store.items.has("bm-draft:alice:chat-1")).toBe(false);
    writeDraft("alice", "chat-1", "a", store);
    writeDraft("bob", "chat-2", "b", store);
    clearAllDrafts(store);
    expect([...store.items.keys()]).toEqual(["bm-theme"]);
  });
});
