// Uploaded avatars in the browser: Alice picks a photo in her profile, frames the square in the
// cropper and saves; Bob sees it in his chat list and the chat's header. A group's owner sets the
// group's avatar from its info panel; a plain member sees it but has no such control.
import { expect, test, type Locator } from "@playwright/test";
import sharp from "sharp";
import { expectNoViolations } from "./axe";
import { createGroup, newUser, openChatFromList, sendMessage, startDirectChat } from "./fixtures";

function png(width: number, height: number, colour: string) {
  return sharp({ create: { width, height, channels: 3, background: colour } }).png().toBuffer();
}

/** The (first) avatar image inside `scope`, other than `except`, once loaded; its path. */
async function loadedAvatar(scope: Locator, except?: string | null) {
  const image = scope.locator(`img[src^="/api/avatars/"]${except ? `:not([src="${except}"])` : ""}`).first();
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(256);
  return image.getAttribute("src");
}

test("a cropped profile avatar shows to the other person; a group's owner sets the group's avatar", async ({ browser }) => {
  test.setTimeout(120_000);
  const alice = await newUser(browser, "Alice");
  const bob = await newUser(browser, "Bob");
  const chatId = await startDirectChat(alice.page, bob.person.username);
  await sendMessage(alice.page, "привет");

  await alice.page.goto("/profile");
  await alice.page.getByTestId("profile-avatar-input").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: await png(900, 600, "#2a7") });
  const cropper = alice.page.getByTestId("avatar-cropper");
  await expect(cropper).toBeVisible();
  await expectNoViolations(alice.page, "the avatar cropper");
  const frame = cropper.getByTestId("avatar-crop-frame");
  await frame.focus();
  await alice.page.keyboard.press("ArrowLeft");
  await cropper.getByTestId("avatar-zoom").fill("1.5");
  await cropper.getByTestId("avatar-crop-save").click();
  await expect(cropper).toBeHidden();
  const mine = await loadedAvatar(alice.page.getByTestId("profile-form"));
  await expect(alice.page.getByTestId("profile-avatar-remove")).toBeVisible();

  const item = bob.page.locator(`[data-testid="chat-list-item"][data-chat-id="${chatId}"]`);
  expect(await loadedAvatar(item)).toBe(mine);
  await openChatFromList(bob.page, chatId);
  expect(await loadedAvatar(bob.page.locator("header"))).toBe(mine);

  // The group's avatar: set by its owner in the info panel, shown to its members.
  await alice.page.goto("/");
  const groupId = await createGroup(alice.page, "Аватарки", [bob.person]);
  await alice.page.getByTestId("group-info-button").click();
  await alice.page.getByTestId("group-avatar-input").setInputFiles({ name: "group.png", mimeType: "image/png", buffer: await png(300, 500, "#a27") });
  await alice.page.getByTestId("avatar-crop-save").click();
  // The panel also lists Alice (with her own avatar) among the members.
  const groupAvatar = await loadedAvatar(alice.page.getByTestId("group-info-panel"), mine);

  await bob.page.goto("/");
  expect(await loadedAvatar(bob.page.locator(`[data-testid="chat-list-item"][data-chat-id="${groupId}"]`))).toBe(groupAvatar);
  await openChatFromList(bob.page, groupId);
  await bob.page.getByTestId("group-info-button").click();
  expect(await loadedAvatar(bob.page.getByTestId("group-info-panel"), mine)).toBe(groupAvatar);
  await expect(bob.page.getByTestId("group-avatar")).toHaveCount(0);
});
