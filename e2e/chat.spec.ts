// Issue 3's acceptance scenario: two (or three) people in separate browser contexts chat live —
// typing, read receipts, sending while offline, a reload with a message still unsent, a refused
// message retried or deleted, and a group
// whose owner renames it and removes a member.
import { expect, test, type Browser, type Route } from "@playwright/test";
import { createGroup, messages, newUser, openChatFromList, sendMessage, startDirectChat, type User } from "./fixtures";

const PHONE = { viewport: { width: 360, height: 740 } };

/** Alice (desktop) starts a direct chat with Bob; both have it open. */
async function directChat(browser: Browser, bobOptions = {}) {
  const alice = await newUser(browser, "Alice");
  const bob = await newUser(browser, "Bob", bobOptions);
  const chatId = await startDirectChat(alice.page, bob.person.username);
  await expect(alice.page.getByTestId("chat-title")).toHaveText("Bob");
  await openChatFromList(bob.page, chatId);
  await expect(bob.page.getByTestId("chat-title")).toHaveText("Alice");
  return { alice, bob, chatId };
}

async function closeAll(...users: User[]) {
  for (const user of users) await user.context.close();
}

test("a direct chat: live messages, presence, typing and read receipts", async ({ browser }) => {
  // Bob is on a phone: the chat takes the whole screen, with a way back to the list.
  const { alice, bob, chatId } = await directChat(browser, PHONE);
  await expect(bob.page.getByTestId("chat-back")).toBeVisible();
  await expect(bob.page.getByTestId("chat-list")).toBeHidden();
  await expect(alice.page.getByTestId("chat-status")).toHaveText("в сети");

  await sendMessage(alice.page, "Привет, Боб!");
  await expect(messages(bob.page, "Привет, Боб!")).toHaveCount(1);
  await sendMessage(bob.page, "Привет, Алиса! Как дела?");
  await expect(messages(alice.page, "Привет, Алиса! Как дела?")).toHaveCount(1);

  // Bob types: Alice sees it in the header, until he clears the box.
  await bob.page.getByTestId("composer-input").fill("Пишу ответ");
  await expect(alice.page.getByTestId("chat-status")).toHaveText("печатает…");
  await bob.page.getByTestId("composer-input").fill("");
  await expect(alice.page.getByTestId("chat-status")).toHaveText("в сети");

  // Bob has the chat open on a visible screen: Alice's message is read.
  const hello = messages(alice.page, "Привет, Боб!");
  await expect(hello).toHaveAttribute("data-status", "read");
  // Bob's message is not Alice's: no ticks on it.
  await expect(messages(alice.page, "Привет, Алиса! Как дела?")).not.toHaveAttribute("data-status", /.*/);

  // Shift+Enter makes a new line; Enter sends; an empty message is refused.
  const composer = alice.page.getByTestId("composer-input");
  await composer.fill("первая строка");
  await composer.press("Shift+Enter");
  await composer.pressSequentially("вторая строка");
  await composer.press("Enter");
  await expect(messages(bob.page, "первая строка\nвторая строка")).toHaveCount(1);
  await expect(composer).toBeFocused();
  await composer.fill("   ");
  await composer.press("Enter");
  await expect(composer).toHaveValue("   ");
  await expect(alice.page.getByTestId("composer-send")).toBeDisabled();

  // Bob goes back to his list: no unread badge left, the last message previewed.
  await bob.page.getByTestId("chat-back").click();
  const item = bob.page.locator(`[data-testid="chat-list-item"][data-chat-id="${chatId}"]`);
  await expect(item).toHaveAttribute("data-unread", "0");
  await expect(item.getByTestId("chat-list-preview")).toContainText("вторая строка");
  const overflow = await bob.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await closeAll(alice, bob);
});

test("messages written offline are sent once, in order, when the connection is back", async ({ browser }) => {
  const { alice, bob } = await directChat(browser);
  const banner = alice.page.getByTestId("connection-banner");
  await expect(banner).toBeHidden();

  await alice.context.setOffline(true);
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute("data-state", "offline");
  const texts = ["Раз — без связи", "Два — без связи", "Три — без связи"];
  for (const text of texts) {
    await sendMessage(alice.page, text);
    await expect(messages(alice.page, text)).toHaveAttribute("data-status", "sending");
  }

  await alice.context.setOffline(false);
  await expect(banner).toBeHidden();
  for (const text of texts) {
    await expect(messages(bob.page, text)).toHaveCount(1);
    // Sent, delivered, then read: Bob has the chat open.
    await expect(messages(alice.page, text)).toHaveAttribute("data-status", "read");
    await expect(messages(alice.page, text)).toHaveCount(1);
  }
  const order = (await bob.page.getByTestId("message-text").allTextContents()).filter((text) => texts.includes(text));
  expect(order).toEqual(texts);

  // What Bob sees is what the server holds.
  await bob.page.reload();
  for (const text of texts) await expect(messages(bob.page, text)).toHaveCount(1);

  await closeAll(alice, bob);
});

test("a message still unsent when the page reloads is sent once afterwards", async ({ browser }) => {
  const { alice, bob } = await directChat(browser);

  await alice.context.setOffline(true);
  await expect(alice.page.getByTestId("connection-banner")).toHaveAttribute("data-state", "offline");
  const text = "Отправлено до перезагрузки";
  await sendMessage(alice.page, text);
  await expect(messages(alice.page, text)).toHaveAttribute("data-status", "sending");

  await alice.context.setOffline(false);
  await alice.page.reload();

  await expect(messages(bob.page, text)).toHaveCount(1);
  await expect(messages(alice.page, text)).toHaveCount(1);
  await expect(messages(alice.page, text)).toHaveAttribute("data-status", "read");
  await bob.page.reload();
  await expect(messages(bob.page, text)).toHaveCount(1);

  await closeAll(alice, bob);
});

test("a group of three: the owner renames it and removes a member, live for everyone", async ({ browser }) => {
  const alice = await newUser(browser, "Alice");
  const bob = await newUser(browser, "Bob");
  const carol = await newUser(browser, "Carol");

  const chatId = await createGroup(alice.page, "Книжный клуб", [bob.person, carol.person]);
  await expect(alice.page.getByTestId("chat-title")).toHaveText("Книжный клуб");
  await expect(alice.page.getByTestId("chat-status")).toHaveText("3 участника");
  await expect(messages(alice.page, "Вы создали группу «Книжный клуб»")).toHaveAttribute("data-kind", "SYSTEM");

  await openChatFromList(bob.page, chatId);
  await openChatFromList(carol.page, chatId);
  await expect(messages(bob.page, "Alice создал(а) группу «Книжный клуб»")).toHaveCount(1);

  await sendMessage(bob.page, "Всем привет!");
  await expect(messages(carol.page, "Всем привет!")).toHaveCount(1);
  await expect(messages(alice.page, "Всем привет!")).toHaveCount(1);
  // Alice and Carol have the group open: Bob's message is read by both.
  await expect(messages(bob.page, "Всем привет!")).toHaveAttribute("data-status", "read");

  // Alice renames the group.
  await alice.page.getByTestId("group-info-button").click();
  const panel = alice.page.getByTestId("group-info-panel");
  await expect(panel.getByTestId("member-row")).toHaveCount(3);
  await panel.getByTestId("group-rename-input").fill("Клуб любителей книг");
  await panel.getByTestId("group-rename-submit").click();
  await expect(bob.page.getByTestId("chat-title")).toHaveText("Клуб любителей книг");
  await expect(messages(bob.page, "Alice переименовал(а) группу в «Клуб любителей книг»")).toHaveCount(1);
  await expect(bob.page.locator(`[data-testid="chat-list-item"][data-chat-id="${chatId}"]`)).toContainText("Клуб любителей книг");

  // Alice removes Carol: Carol is sent back to her list, where the group is gone.
  const carolRow = panel.getByTestId("member-row").filter({ hasText: `@${carol.person.username}` });
  await carolRow.getByTestId("member-remove").click();
  await expect(panel.getByTestId("member-row")).toHaveCount(2);
  await expect(messages(bob.page, "Alice удалил(а) из группы: Carol")).toHaveCount(1);
  await expect(bob.page.getByTestId("chat-status")).toHaveText("2 участника");
  await expect(carol.page).toHaveURL(/\/$/);
  await expect(carol.page.getByTestId("notice")).toBeVisible();
  await expect(carol.page.locator(`[data-testid="chat-list-item"][data-chat-id="${chatId}"]`)).toHaveCount(0);
  await expect(messages(alice.page, "Вы удалили из группы: Carol")).toHaveCount(1);

  await closeAll(alice, bob, carol);
});

test("a message the server refuses waits for the person: retry or delete", async ({ browser }) => {
  const { alice, bob } = await directChat(browser);
  // The server refuses every send (as it would a message to a chat one was removed from).
  const refuse = (route: Route) =>
    route.fulfill({
      status: 403,
      contentType: "application/json",
      body: JSON.stringify([{ error: { json: { message: "Forbidden", code: -32003, data: { code: "FORBIDDEN", httpStatus: 403, appCode: "FORBIDDEN" } } } }]),
    });
  await alice.page.route("**/api/trpc/message.send**", refuse);
  await sendMessage(alice.page, "Попытка номер один");
  await sendMessage(alice.page, "Попытка номер два");
  for (const text of ["Попытка номер один", "Попытка номер два"]) {
    await expect(messages(alice.page, text)).toHaveAttribute("data-status", "failed");
    await expect(messages(alice.page, text).getByTestId("message-error")).toContainText("Недостаточно прав");
  }

  await alice.page.unroute("**/api/trpc/message.send**");
  await messages(alice.page, "Попытка номер один").getByTestId("message-retry").click();
  await expect(messages(bob.page, "Попытка номер один")).toHaveCount(1);
  await expect(messages(alice.page, "Попытка номер один")).toHaveAttribute("data-status", "read");
  await messages(alice.page, "Попытка номер два").getByTestId("message-discard").click();
  await expect(messages(alice.page, "Попытка номер два")).toHaveCount(0);
  // Deleted means never sent, also after a reload (the outbox lives in IndexedDB).
  await alice.page.reload();
  await expect(messages(alice.page, "Попытка номер один")).toHaveCount(1);
  await expect(messages(alice.page, "Попытка номер два")).toHaveCount(0);
  await expect(messages(bob.page, "Попытка номер два")).toHaveCount(0);

  await closeAll(alice, bob);
});
