// Shared e2e helpers: unique people, registering one through the UI, and driving the chat UI.
import { expect, type Browser, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";

export interface Person {
  username: string;
  displayName: string;
  password: string;
  email: string;
}

/** A unique person; `name` (Latin) makes the username, `displayName` defaults to it. */
export function newPerson(name: string, displayName = name): Person {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return {
    username: `${name.toLowerCase()}_${tag}`,
    displayName,
    password: `Pw-${tag}-long`,
    email: `${name.toLowerCase()}_${tag}@example.test`,
  };
}

export async function register(page: Page, person: Person) {
  await page.goto("/register");
  const form = page.getByTestId("register-form");
  await form.locator('input[name="username"]').fill(person.username);
  await form.locator('input[name="email"]').fill(person.email);
  await form.locator('input[name="displayName"]').fill(person.displayName);
  await form.locator('input[name="password"]').fill(person.password);
  await form.locator('button[type="submit"]').click();
  await expect(page.getByTestId("user-display-name")).toHaveText(person.displayName);
}

export async function signIn(page: Page, login: string, password: string) {
  await page.goto("/sign-in");
  const form = page.getByTestId("signin-form");
  await form.locator('input[name="login"]').fill(login);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
}

/** A person registered in a browser context of their own (contexts share nothing: two devices). */
export async function newUser(browser: Browser, name: string, options: BrowserContextOptions = {}, displayName?: string) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const person = newPerson(name, displayName);
  await register(page, person);
  return { context, page, person };
}

export type User = Awaited<ReturnType<typeof newUser>>;

function exactText(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

/** The message bubbles (or system lines) whose text is exactly `text`. */
export function messages(page: Page, text: string): Locator {
  return page.getByTestId("message").filter({ has: page.getByTestId("message-text").filter({ hasText: exactText(text) }) });
}

/** Types a message into the open chat's composer and sends it with Enter. */
export async function sendMessage(page: Page, text: string) {
  const composer = page.getByTestId("composer-input");
  await composer.fill(text);
  await composer.press("Enter");
  await expect(composer).toHaveValue("");
}

/** Starts (or reopens) the direct chat with `username` from the chat list; returns the chat id. */
export async function startDirectChat(page: Page, username: string): Promise<string> {
  await page.getByTestId("new-chat-button").click();
  await page.getByTestId("new-chat-username").fill(`@${username}`);
  await page.getByTestId("new-chat-submit").click();
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** Creates a group with `title` and these members (by @username) from the chat list; returns its id. */
export async function createGroup(page: Page, title: string, members: Person[]): Promise<string> {
  await page.getByTestId("new-group-button").click();
  await page.getByTestId("group-title-input").fill(title);
  for (const person of members) {
    await page.getByTestId("group-member-input").fill(`@${person.username}`);
    await page.getByTestId("group-member-add").click();
    await expect(page.getByTestId("group-member").filter({ hasText: `@${person.username}` })).toBeVisible();
  }
  await page.getByTestId("group-create-submit").click();
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** Opens a chat from the chat list (it appears there live). */
export async function openChatFromList(page: Page, chatId: string) {
  const item = page.locator(`[data-testid="chat-list-item"][data-chat-id="${chatId}"]`);
  await item.click();
  await expect(page).toHaveURL(new RegExp(`/chat/${chatId}$`));
}
