// Issue 12's first slice: two people reply (and jump to the quoted message), edit and delete live,
// and a receiver who was offline through an edit and a deletion sees both after reconnecting,
// without a reload (the change log's catch-up).
import { expect, test, type Browser, type Page } from "@playwright/test";
import { messages, newUser, openChatFromList, sendMessage, startDirectChat, type User } from "./fixtures";

async function directChat(browser: Browser) {
  const alice = await newUser(browser, "Alice");
  const bob = await newUser(browser, "Bob");
  const chatId = await startDirectChat(alice.page, bob.person.username);
  await openChatFromList(bob.page, chatId);
  await expect(bob.page.getByTestId("chat-title")).toHaveText("Alice");
  return { alice, bob };
}

async function closeAll(...users: User[]) {
  for (const user of users) await user.context.close();
}

/** Opens a message's actions menu with the mouse and picks `action` (reply, edit, delete, hide). */
async function act(page: Page, text: string, action: string) {
  const message = messages(page, text);
  await message.hover();
  await message.getByTestId("message-actions").click();
  await page.getByTestId(`message-action-${action}`).click();
}

test("reply to a message and jump to it from the quote; the actions menu works from the keyboard", async ({ browser }) => {
  const { alice, bob } = await directChat(browser);
  await sendMessage(alice.page, "Во сколько встречаемся?");
  for (const text of ["Один", "Два", "Три"]) await sendMessage(alice.page, text);
  await expect(messages(bob.page, "Три")).toHaveCount(1);

  await act(bob.page, "Во сколько встречаемся?", "reply");
  await expect(bob.page.getByTestId("reply-bar")).toContainText("Во сколько встречаемся?");
  await expect(bob.page.getByTestId("composer-input")).toBeFocused();
  await sendMessage(bob.page, "В семь");
  await expect(bob.page.getByTestId("reply-bar")).toHaveCount(0);

  const reply = messages(alice.page, "В семь");
  await expect(reply.getByTestId("reply-quote")).toContainText("Во сколько встречаемся?");
  await reply.getByTestId("reply-quote").click();
  await expect(messages(alice.page, "Во сколько встречаемся?")).toHaveAttribute("data-highlighted", "");

  // Keyboard: the menu opens on its button, arrows move, Escape closes and gives focus back.
  const button = messages(alice.page, "Два").getByTestId("message-actions");
  await button.focus();
  await alice.page.keyboard.press("Enter");
  await expect(alice.page.getByTestId("message-action-reply")).toBeFocused();
  await alice.page.keyboard.press("ArrowDown");
  await expect(alice.page.getByTestId("message-action-edit")).toBeFocused();
  await alice.page.keyboard.press("Escape");
  await expect(alice.page.getByRole("menu")).toHaveCount(0);
  await expect(button).toBeFocused();

  await closeAll(alice, bob);
});

test("edit and delete live, and delete for me", async ({ browser }) => {
  const { alice, bob } = await directChat(browser);
  await sendMessage(alice.page, "Превед");
  await sendMessage(alice.page, "Лишнее");
  await sendMessage(alice.page, "Только для Алисы");
  await expect(messages(bob.page, "Только для Алисы")).toHaveCount(1);

  await act(alice.page, "Превед", "edit");
  const composer = alice.page.getByTestId("composer-input");
  await expect(composer).toHaveValue("Превед");
  await composer.fill("Привет");
  await composer.press("Enter");
  await expect(messages(bob.page, "Привет").getByTestId("message-edited")).toBeVisible();
  await expect(messages(bob.page, "Привет").getByTestId("message-edited")).toHaveAttribute("title", /.+/);
  await expect(messages(alice.page, "Привет").getByTestId("message-edited")).toBeVisible();

  await act(alice.page, "Лишнее", "delete");
  await expect(messages(bob.page, "Лишнее")).toHaveCount(0);
  await expect(bob.page.locator("[data-testid=message][data-deleted]").getByTestId("message-text")).toHaveText("Сообщение удалено");
  await expect(alice.page.locator("[data-testid=message][data-deleted]")).toHaveCount(1);

  await act(alice.page, "Только для Алисы", "hide");
  await expect(messages(alice.page, "Только для Алисы")).toHaveCount(0);
  await expect(messages(bob.page, "Только для Алисы")).toHaveCount(1);
  await alice.page.reload();
  await expect(messages(alice.page, "Привет")).toHaveCount(1);
  await expect(messages(alice.page, "Только для Алисы")).toHaveCount(0);

  await closeAll(alice, bob);
});

test("a receiver offline through an edit and a deletion sees both when back online, without a reload", async ({ browser }) => {
  const { alice, bob } = await directChat(browser);
  await sendMessage(alice.page, "Встреча в пять");
  await sendMessage(alice.page, "Забудь это");
  await expect(messages(bob.page, "Забудь это")).toHaveCount(1);
  // Marks this document: a reload would lose it.
  await bob.page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

  await bob.context.setOffline(true);
  await expect(bob.page.getByTestId("connection-banner")).toHaveAttribute("data-state", "offline");
  await act(alice.page, "Встреча в пять", "edit");
  await alice.page.getByTestId("composer-input").fill("Встреча в шесть");
  await alice.page.getByTestId("composer-input").press("Enter");
  await expect(messages(alice.page, "Встреча в шесть")).toHaveCount(1);
  await act(alice.page, "Забудь это", "delete");
  await expect(messages(alice.page, "Забудь это")).toHaveCount(0);
  await expect(messages(bob.page, "Встреча в пять")).toHaveCount(1);

  await bob.context.setOffline(false);
  await expect(messages(bob.page, "Встреча в шесть").getByTestId("message-edited")).toBeVisible();
  await expect(messages(bob.page, "Забудь это")).toHaveCount(0);
  await expect(bob.page.locator("[data-testid=message][data-deleted]")).toHaveCount(1);
  expect(await bob.page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);

  await closeAll(alice, bob);
});
