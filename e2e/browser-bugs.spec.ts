// Issue 8, items 19, 22, 23, 24: delivery ticks for messages that came while the page loaded, live
// profile changes, drafts that survive a reload, and right-to-left text.
import { expect, test, type Route } from "@playwright/test";
import { messages, newUser, openChatFromList, sendMessage, signIn, startDirectChat, type User } from "./fixtures";

async function closeAll(...users: User[]) {
  for (const user of users) await user.context.close();
}

const chatItem = (user: User, chatId: string) => user.page.locator(`[data-testid="chat-list-item"][data-chat-id="${chatId}"]`);

test("a message sent while the receiver's page loads is ✓✓ delivered without the receiver opening the chat", async ({ browser }) => {
  const alice = await newUser(browser, "Alice");
  const bob = await newUser(browser, "Bob");
  const chatId = await startDirectChat(alice.page, bob.person.username);
  await sendMessage(alice.page, "Ты тут?");
  await expect(chatItem(bob, chatId)).toBeVisible();
  await expect(messages(alice.page, "Ты тут?")).toHaveAttribute("data-status", "delivered");

  // Bob reloads; his socket cannot join until Alice's message is stored and fanned out (to no one).
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await bob.page.route(/\/api\/trpc\/[^?]*realtime\.token/, async (route: Route) => {
    await held;
    await route.continue();
  });
  await bob.page.reload();
  await sendMessage(alice.page, "Пока ты загружался");
  await expect(messages(alice.page, "Пока ты загружался")).toHaveAttribute("data-status", "sent");
  release();

  await expect(chatItem(bob, chatId).getByTestId("chat-list-preview")).toContainText("Пока ты загружался");
  await expect(messages(alice.page, "Пока ты загружался")).toHaveAttribute("data-status", "delivered", { timeout: 5_000 });
  // Delivered, not read: Bob never opened the chat.
  await expect(chatItem(bob, chatId)).toHaveAttribute("data-unread", "2");
  await closeAll(alice, bob);
});

test("a new display name reaches the other person's open chat and list live; right-to-left text gets dir=auto", async ({ browser }) => {
  const alice = await newUser(browser, "Alice");
  const bob = await newUser(browser, "Bob");
  const chatId = await startDirectChat(alice.page, bob.person.username);
  await sendMessage(alice.page, "שלום עולם");
  await openChatFromList(bob.page, chatId);
  await expect(bob.page.getByTestId("chat-title")).toHaveText("Alice");

  // Right-to-left text (item 24): the message, the preview, names and the composer follow the script.
  const text = messages(bob.page, "שלום עולם").getByTestId("message-text");
  await expect(text).toHaveAttribute("dir", "auto");
  await expect(chatItem(bob, chatId).getByTestId("chat-list-preview")).toHaveAttribute("dir", "auto");
  await expect(bob.page.getByTestId("composer-input")).toHaveAttribute("dir", "auto");
  expect(await text.evaluate((element) => getComputedStyle(element).direction)).toBe("rtl");

  // Alice takes a Hebrew name on her profile page (item 22): Bob sees it without a reload.
  await alice.page.goto("/profile");
  const form = alice.page.getByTestId("profile-form");
  await form.locator('input[name="displayName"]').fill("אליס");
  await form.locator('button[type="submit"]').click();
  await expect(alice.page.getByTestId("user-display-name")).toHaveText("אליס");

  await expect(bob.page.getByTestId("chat-title")).toHaveText("אליס");
  await expect(bob.page.getByTestId("chat-title")).toHaveAttribute("dir", "auto");
  await expect(chatItem(bob, chatId).getByTestId("chat-list-title")).toHaveText("אליס");
  await expect(chatItem(bob, chatId).getByTestId("chat-list-title")).toHaveAttribute("dir", "auto");
  await closeAll(alice, bob);
});

test("drafts survive a reload and switching chats, and sending clears them", async ({ browser }) => {
  const alice = await newUser(browser, "Alice");
  const bob = await newUser(browser, "Bob");
  const carol = await newUser(browser, "Carol");
  const withCarol = await startDirectChat(alice.page, carol.person.username);
  await alice.page.goto("/");
  const withBob = await startDirectChat(alice.page, bob.person.username);
  const composer = alice.page.getByTestId("composer-input");

  await composer.fill("Недописанная мысль");
  await alice.page.reload();
  await expect(composer).toHaveValue("Недописанная мысль");

  await openChatFromList(alice.page, withCarol);
  await expect(composer).toHaveValue("");
  await composer.fill("Для Кэрол");
  await openChatFromList(alice.page, withBob);
  await expect(composer).toHaveValue("Недописанная мысль");
  await alice.page.goto(`/chat/${withCarol}`);
  await expect(composer).toHaveValue("Для Кэрол");

  await composer.fill("Для Кэрол — отправлено");
  await composer.press("Enter");
  await expect(composer).toHaveValue("");
  await expect(messages(alice.page, "Для Кэрол — отправлено")).toHaveCount(1);
  await alice.page.reload();
  await expect(messages(alice.page, "Для Кэрол — отправлено")).toHaveCount(1);
  await expect(composer).toHaveValue("");
  await closeAll(alice, bob, carol);
});

test("signing out leaves no draft for the next account on the same browser", async ({ browser }) => {
  const alice = await newUser(browser, "Alice");
  const bob = await newUser(browser, "Bob");
  const withBob = await startDirectChat(alice.page, bob.person.username);
  const composer = alice.page.getByTestId("composer-input");
  await composer.fill("Секрет Алисы");
  await expect.poll(() => alice.page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("bm-draft:")).length)).toBe(1);

  // Alice signs out; Bob signs in on the same browser: none of her drafts is left for him.
  await alice.page.getByTestId("signout-button").click();
  await expect(alice.page).toHaveURL(/\/sign-in/);
  await signIn(alice.page, bob.person.username, bob.person.password);
  await expect(alice.page.getByTestId("user-display-name")).toHaveText("Bob");
  expect(await alice.page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("bm-draft:")))).toEqual([]);
  await alice.page.goto(`/chat/${withBob}`);
  await expect(alice.page.getByTestId("chat-title")).toHaveText("Alice");
  await expect(composer).toHaveValue("");
  await closeAll(alice, bob);
});
