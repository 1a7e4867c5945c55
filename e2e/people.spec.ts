// Issue 4's acceptance scenario: Bob finds Alice by a Cyrillic partial name, sends a friend request
// that Alice accepts live in her window, they write to each other, then Bob blocks Alice and she
// can no longer message him (or find him, or ask again).
import { expect, test } from "@playwright/test";
import { messages, newUser, openChatFromList, sendMessage } from "./fixtures";

test("find by a Cyrillic partial name, befriend live, block", async ({ browser }) => {
  const alice = await newUser(browser, "Alice", {}, "Алиса Селезнёва");
  const bob = await newUser(browser, "Bob");

  // Bob searches from the chat list's search box: lower-case, part of the surname.
  await bob.page.getByTestId("sidebar-search").fill("селезн");
  await bob.page.getByTestId("sidebar-search").press("Enter");
  await expect(bob.page).toHaveURL(/\/people\?q=/);
  const aliceRow = bob.page.locator(`[data-testid="person-row"][data-username="${alice.person.username}"]`);
  await expect(aliceRow.getByTestId("person-name")).toHaveText("Алиса Селезнёва");
  // Upper case and the first name find her too, as he types.
  await bob.page.getByTestId("people-search-input").fill("АЛИС");
  await expect(bob.page).toHaveURL(/q=%D0%90%D0%9B%D0%98%D0%A1/);
  await expect(aliceRow).toBeVisible();
  await bob.page.getByTestId("people-search-input").fill("нет-такого-человека");
  await expect(bob.page.getByTestId("people-no-results")).toBeVisible();
  await bob.page.getByTestId("people-search-input").fill("селезнёва");

  // Her profile: the request from there.
  await aliceRow.getByTestId("person-name").click();
  await expect(bob.page).toHaveURL(/\/people\/[0-9a-f-]{36}$/);
  const aliceId = new URL(bob.page.url()).pathname.split("/").pop()!;
  const profile = bob.page.getByTestId("profile-view");
  await expect(profile.getByTestId("profile-name")).toHaveText("Алиса Селезнёва");
  await profile.getByTestId("person-request").click();
  await expect(profile).toHaveAttribute("data-friend-state", "outgoing");
  await expect(profile.getByTestId("profile-relation")).toHaveText("Заявка в друзья отправлена");

  // Alice sees it arrive without reloading, and accepts.
  await expect(alice.page.getByTestId("friend-requests-badge")).toHaveText("1");
  await alice.page.getByTestId("nav-friends").click();
  const request = alice.page.locator(`[data-testid="incoming-request"][data-username="${bob.person.username}"]`);
  await request.getByTestId("person-accept").click();
  await expect(alice.page.getByTestId("friend-requests-badge")).toHaveCount(0);
  const bobRow = alice.page.locator(`[data-testid="friend-row"][data-username="${bob.person.username}"]`);
  await expect(bobRow.getByTestId("person-status")).toHaveText("в сети");
  const bobId = (await bobRow.getAttribute("data-user-id"))!;

  // Bob's open profile of Alice turns to "friends" live.
  await expect(profile).toHaveAttribute("data-friend-state", "friends");
  await expect(profile.getByTestId("profile-presence")).toHaveText("в сети");

  // They write to each other: Bob from her profile, Alice from her chat list.
  await profile.getByTestId("person-message").click();
  await expect(bob.page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  const chatId = new URL(bob.page.url()).pathname.split("/").pop()!;
  await sendMessage(bob.page, "Привет, Алиса!");
  await alice.page.goto("/");
  await openChatFromList(alice.page, chatId);
  await expect(messages(alice.page, "Привет, Алиса!")).toHaveCount(1);
  await sendMessage(alice.page, "Привет, Боб!");
  await expect(messages(bob.page, "Привет, Боб!")).toHaveCount(1);

  // Bob opens her profile from the chat header and blocks her (after a confirmation).
  await bob.page.getByTestId("chat-peer-link").click();
  await expect(bob.page).toHaveURL(new RegExp(`/people/${aliceId}$`));
  bob.page.once("dialog", (dialog) => void dialog.accept());
  await profile.getByTestId("person-block").click();
  await expect(profile.getByTestId("profile-relation")).toHaveText("Вы заблокировали этого человека");
  await expect(profile.getByTestId("person-unblock")).toBeVisible();

  // Alice's open chat closes at once, with the reason; what was said stays readable.
  await expect(alice.page.getByTestId("chat-closed")).toHaveAttribute("data-reason", "blocked-by-them");
  await expect(alice.page.getByTestId("composer-input")).toHaveCount(0);
  await expect(messages(alice.page, "Привет, Алиса!")).toHaveCount(1);
  await alice.page.reload();
  await expect(alice.page.getByTestId("chat-closed")).toBeVisible();
  await expect(alice.page.getByTestId("composer-input")).toHaveCount(0);

  // The friendship is gone; she can neither message him, nor ask again, nor find him.
  await alice.page.goto(`/people/${bobId}`);
  await expect(alice.page.getByTestId("profile-relation")).toHaveText("Этот человек ограничил общение с вами");
  await expect(alice.page.getByTestId("person-message")).toHaveCount(0);
  await expect(alice.page.getByTestId("person-request")).toHaveCount(0);
  await alice.page.goto(`/people?q=${bob.person.username}`);
  await expect(alice.page.getByTestId("people-no-results")).toBeVisible();
  await alice.page.goto("/friends");
  await expect(alice.page.getByTestId("friend-row")).toHaveCount(0);

  // Bob sees his side of the block in the chat, with the way to undo it.
  await bob.page.goto(`/chat/${chatId}`);
  await expect(bob.page.getByTestId("chat-closed")).toHaveAttribute("data-reason", "blocked-by-me");
  await bob.page.getByTestId("chat-unblock").click();
  await expect(bob.page.getByTestId("composer-input")).toBeVisible();

  await alice.context.close();
  await bob.context.close();
});

test("privacy: who may see my last seen is saved on the account", async ({ browser }) => {
  const carol = await newUser(browser, "Carol");
  await carol.page.goto("/profile");
  const select = carol.page.locator('select[name="lastSeenVisibility"]');
  await expect(select).toHaveValue("EVERYONE");
  await select.selectOption("NOBODY");
  await expect(carol.page.getByTestId("privacy-form").getByTestId("form-success")).toBeVisible();
  await carol.page.reload();
  await expect(carol.page.locator('select[name="lastSeenVisibility"]')).toHaveValue("NOBODY");
  await carol.context.close();
});

test("a new chat and a new group find people by name as you type", async ({ browser }) => {
  const dmitry = await newUser(browser, "Dmitry", {}, "Дмитрий Орлов");
  const eve = await newUser(browser, "Eve");

  await eve.page.getByTestId("new-chat-button").click();
  await eve.page.getByTestId("new-chat-username").fill("орло");
  // Enter on a name (not a username) points to the suggestions instead of a format error.
  await eve.page.getByTestId("new-chat-submit").click();
  await expect(eve.page.getByTestId("new-chat-dialog")).toContainText("Выберите человека из списка");
  await eve.page.locator(`[data-testid="person-suggestion"][data-username="${dmitry.person.username}"]`).click();
  await expect(eve.page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  await expect(eve.page.getByTestId("chat-title")).toHaveText("Дмитрий Орлов");

  await eve.page.getByTestId("new-group-button").click();
  await eve.page.getByTestId("group-title-input").fill("Поход");
  await eve.page.getByTestId("group-member-input").fill("дмитр");
  await eve.page.locator(`[data-testid="person-suggestion"][data-username="${dmitry.person.username}"]`).click();
  await expect(eve.page.getByTestId("group-member").filter({ hasText: `@${dmitry.person.username}` })).toBeVisible();
  await expect(eve.page.getByTestId("group-member-input")).toHaveValue("");
  // Someone already on the list is not offered again.
  await eve.page.getByTestId("group-member-input").fill("дмитр");
  await expect(eve.page.locator(`[data-testid="person-suggestion"][data-username="${dmitry.person.username}"]`)).toHaveCount(0);
  await eve.page.getByTestId("group-create-submit").click();
  await expect(eve.page.getByTestId("chat-title")).toHaveText("Поход");
  await expect(eve.page.getByTestId("chat-status")).toHaveText("2 участника");

  await dmitry.context.close();
  await eve.context.close();
});
