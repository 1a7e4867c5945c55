// Issue 8, item 26: axe finds no WCAG 2 A/AA violations (nor a `region` one) on any page — signed
// out and in, in the light and the dark theme, on a desktop and a 360 px phone.
import { expect, test, type Browser, type BrowserContextOptions } from "@playwright/test";
import { expectNoViolations } from "./axe";
import { createGroup, messages, newUser, openChatFromList, sendMessage, signIn, startDirectChat, type Person } from "./fixtures";

interface World {
  alice: Person;
  bob: Person;
  bobId: string;
  directId: string;
  groupId: string;
}

/** Alice with a direct chat (read and unread messages), a group, a friend and a friend request. */
async function buildWorld(browser: Browser): Promise<World> {
  const alice = await newUser(browser, "Alice");
  const bob = await newUser(browser, "Bob");
  const carol = await newUser(browser, "Carol");
  const directId = await startDirectChat(alice.page, bob.person.username);
  await sendMessage(alice.page, "Привет! Как дела?");
  await openChatFromList(bob.page, directId);
  await sendMessage(bob.page, "Всё хорошо, спасибо");
  await expect(messages(alice.page, "Привет! Как дела?")).toHaveAttribute("data-status", "read");

  await alice.page.goto("/");
  const groupId = await createGroup(alice.page, "Книжный клуб", [bob.person, carol.person]);
  // An unread message in the direct chat, for the badge in Alice's list.
  await sendMessage(bob.page, "Ещё одно сообщение");

  // Bob becomes Alice's friend; Carol asks to be one.
  await bob.page.getByTestId("chat-peer-link").click();
  await expect(bob.page.getByTestId("profile-view")).toBeVisible();
  const aliceId = new URL(bob.page.url()).pathname.split("/").pop()!;
  await alice.page.goto(`/chat/${directId}`);
  await alice.page.getByTestId("chat-peer-link").click();
  await expect(alice.page.getByTestId("profile-view")).toBeVisible();
  const bobId = new URL(alice.page.url()).pathname.split("/").pop()!;
  await alice.page.getByTestId("person-request").click();
  await bob.page.goto("/friends");
  await bob.page.getByTestId("incoming-request").getByTestId("person-accept").click();
  await expect(bob.page.getByTestId("friend-row")).toHaveCount(1);
  await carol.page.goto(`/people/${aliceId}`);
  await carol.page.getByTestId("person-request").click();
  await expect(carol.page.getByTestId("person-cancel")).toBeVisible();

  for (const user of [alice, bob, carol]) await user.context.close();
  return { alice: alice.person, bob: bob.person, bobId, directId, groupId };
}

let world: World;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  world = await buildWorld(browser);
});

const PHONE = { width: 360, height: 740 };
const LAYOUTS: Array<{ name: string; options: BrowserContextOptions }> = [
  { name: "light, desktop", options: { colorScheme: "light" } },
  { name: "dark, desktop", options: { colorScheme: "dark" } },
  { name: "light, phone", options: { colorScheme: "light", viewport: PHONE } },
  { name: "dark, phone", options: { colorScheme: "dark", viewport: PHONE } },
];

for (const { name, options } of LAYOUTS) {
  test(`axe finds no violations on any page (${name})`, async ({ browser }) => {
    test.setTimeout(240_000);
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const phone = options.viewport?.width === PHONE.width;

    await page.goto("/register");
    await expect(page.getByTestId("register-form")).toBeVisible();
    await expectNoViolations(page, "register");
    await page.goto("/sign-in");
    await expect(page.getByTestId("signin-form")).toBeVisible();
    await expectNoViolations(page, "sign-in");

    await signIn(page, world.alice.username, world.alice.password);
    await expect(page.getByTestId("user-display-name")).toHaveText(world.alice.displayName);
    await expect(page.locator(`[data-testid="chat-list-item"][data-chat-id="${world.directId}"]`)).toBeVisible();
    await expect(page.getByTestId("connection-banner")).toBeHidden();
    await expectNoViolations(page, "chat list");

    await page.goto(`/chat/${world.directId}`);
    await expect(messages(page, "Ещё одно сообщение")).toHaveCount(1);
    await expect(messages(page, "Привет! Как дела?")).toHaveAttribute("data-status", "read");
    await expect(page.getByTestId("connection-banner")).toBeHidden();
    await expectNoViolations(page, "a direct chat");

    await page.goto(`/chat/${world.groupId}`);
    await expect(page.getByTestId("chat-title")).toHaveText("Книжный клуб");
    await page.getByTestId("group-info-button").click();
    await expect(page.getByTestId("group-info-panel").getByTestId("member-row")).toHaveCount(3);
    await expectNoViolations(page, "a group with its info panel");

    await page.goto(`/people?q=${encodeURIComponent(world.bob.username)}`);
    await expect(page.getByTestId("people-results").getByTestId("person-name")).toHaveCount(1);
    await expectNoViolations(page, "people search");

    await page.goto(`/people/${world.bobId}`);
    await expect(page.getByTestId("profile-view")).toBeVisible();
    await expectNoViolations(page, "a profile");

    await page.goto("/friends");
    await expect(page.getByTestId("friend-row")).toHaveCount(1);
    await expect(page.getByTestId("incoming-request")).toHaveCount(1);
    await expectNoViolations(page, "friends");

    await page.goto("/profile");
    await expect(page.getByTestId("profile-form")).toBeVisible();
    await expectNoViolations(page, `profile settings${phone ? " (phone)" : ""}`);

    await context.close();
  });
}
