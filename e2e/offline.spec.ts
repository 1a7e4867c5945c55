// Issue 11, offline-first: after one visit the chat list and a chat's recent messages open from the
// history saved in IndexedDB — with the context offline (the service worker serves the shell), and
// with the server out of reach and no service worker at all — under a banner that says they are
// saved; a message written offline in a tab that is then closed is delivered once when the app is
// opened again online; signing out deletes the saved history and the outbox.
import { expect, test, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import { messages, newUser, openChatFromList, sendMessage, startDirectChat } from "./fixtures";

const SAVED_BANNER = "Нет связи — показаны сохранённые сообщения";

async function directChat(browser: Browser, options: BrowserContextOptions = {}) {
  const alice = await newUser(browser, "Alice", options);
  const bob = await newUser(browser, "Bob");
  const chatId = await startDirectChat(alice.page, bob.person.username);
  await openChatFromList(bob.page, chatId);
  return { alice, bob, chatId };
}

/** The saved history's databases on this origin (one per account). */
const historyDatabases = (page: Page) =>
  page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name ?? "").filter((name) => name.startsWith("brainmessenger")));

/** The texts of the chat's messages in the saved history (empty until the write-behind has run). */
function savedTexts(page: Page, chatId: string): Promise<string[]> {
  return page.evaluate(async (id) => {
    const names = (await indexedDB.databases()).map((database) => database.name ?? "").filter((name) => name.startsWith("brainmessenger-history:"));
    const texts: string[] = [];
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error("open failed"));
      });
      if (db.objectStoreNames.contains("chats")) {
        const saved = await new Promise<{ timeline: { messages: Array<{ content: string }> } } | undefined>((resolve, reject) => {
          const get = db.transaction("chats", "readonly").objectStore("chats").get(id);
          get.onsuccess = () => resolve(get.result as { timeline: { messages: Array<{ content: string }> } } | undefined);
          get.onerror = () => reject(get.error ?? new Error("get failed"));
        });
        texts.push(...(saved?.timeline.messages.map((message) => message.content) ?? []));
      }
      db.close();
    }
    return texts;
  }, chatId);
}

/** Alice and Bob talk; Alice's device has saved the chat. */
async function savedConversation(browser: Browser, options: BrowserContextOptions = {}) {
  const { alice, bob, chatId } = await directChat(browser, options);
  await sendMessage(alice.page, "Привет, Боб");
  await sendMessage(bob.page, "Привет! Как дела?");
  await expect(messages(alice.page, "Привет! Как дела?")).toHaveCount(1);
  await expect.poll(() => savedTexts(alice.page, chatId)).toEqual(["Привет, Боб", "Привет! Как дела?"]);
  return { alice, bob, chatId };
}

async function showsSavedChat(page: Page, chatId: string) {
  await expect(page.getByTestId("connection-banner")).toHaveText(SAVED_BANNER);
  await expect(page.locator(`[data-testid="chat-list-item"][data-chat-id="${chatId}"]`)).toBeVisible();
  await expect(messages(page, "Привет, Боб")).toHaveCount(1);
  await expect(messages(page, "Привет! Как дела?")).toHaveCount(1);
}

test("after one visit the app shell, the chat list and the chat's messages open with the context offline", async ({ browser }) => {
  const { alice, chatId } = await savedConversation(browser);
  await expect.poll(() => alice.page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  // The chat is opened from the list (in-app navigation): the app asks the worker to keep its page.
  await alice.page.goto("/");
  await openChatFromList(alice.page, chatId);
  await expect(messages(alice.page, "Привет! Как дела?")).toHaveCount(1);
  await expect.poll(() => alice.page.evaluate(async (path) => (await caches.match(new URL(path, location.href).href)) !== undefined, `/chat/${chatId}`)).toBe(true);

  await alice.context.setOffline(true);
  await alice.page.reload();
  await showsSavedChat(alice.page, chatId);

  // Back online: the banner goes, and what was said meanwhile arrives.
  await alice.context.setOffline(false);
  await expect(alice.page.getByTestId("connection-banner")).toBeHidden();
  await expect(messages(alice.page, "Привет! Как дела?")).toHaveCount(1);
});

test("with the server out of reach (and no service worker) a new page shows the saved chats, then the server's", async ({ browser }) => {
  const { alice, bob, chatId } = await savedConversation(browser, { serviceWorkers: "block" });

  // The page is served, but every API call fails as if the server were down.
  await alice.page.route("**/api/trpc/**", (route) => route.abort("connectionrefused"));
  await alice.page.reload();
  await showsSavedChat(alice.page, chatId);
  await sendMessage(bob.page, "Пока тебя не было");

  await alice.page.unroute("**/api/trpc/**");
  await expect(alice.page.getByTestId("connection-banner")).toBeHidden();
  await expect(messages(alice.page, "Пока тебя не было")).toHaveCount(1);
});

test("a message written offline in a tab that is then closed is delivered once when the app opens online", async ({ browser }) => {
  const { alice, bob, chatId } = await directChat(browser);
  await alice.context.setOffline(true);
  await expect(alice.page.getByTestId("connection-banner")).toHaveAttribute("data-state", "offline");
  await sendMessage(alice.page, "Написано без связи");
  await expect(messages(alice.page, "Написано без связи")).toHaveAttribute("data-status", "sending");
  await alice.page.close();

  await alice.context.setOffline(false);
  const reopened = await alice.context.newPage();
  await reopened.goto(`/chat/${chatId}`);
  await expect(messages(reopened, "Написано без связи")).toHaveCount(1);
  await expect(messages(reopened, "Написано без связи")).not.toHaveAttribute("data-status", "sending");

  await expect(messages(bob.page, "Написано без связи")).toHaveCount(1);
  await bob.page.reload();
  await expect(messages(bob.page, "Написано без связи")).toHaveCount(1);
  // And the server stored it once.
  const stored = await bob.page.evaluate(async (id) => {
    const input = encodeURIComponent(JSON.stringify({ json: { chatId: id, limit: 100 } }));
    const response = await fetch(`/api/trpc/message.history?input=${input}`);
    const body = (await response.json()) as { result: { data: { json: { messages: Array<{ content: string }> } } } };
    return body.result.data.json.messages.filter((message) => message.content === "Написано без связи").length;
  }, chatId);
  expect(stored).toBe(1);
});

test("signing out deletes the saved history and the outbox of the account on this device", async ({ browser }) => {
  const { alice } = await savedConversation(browser);
  expect(await historyDatabases(alice.page)).toHaveLength(2);
  await alice.page.getByTestId("signout-button").click();
  await expect(alice.page).toHaveURL(/\/sign-in/);
  await expect.poll(() => historyDatabases(alice.page)).toEqual([]);
});
