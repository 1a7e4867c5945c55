// Issue 10, "attachments survive the outbox": an image attached and sent offline shows as sending
// (with its local preview) and arrives once when the connection is back; an upload cut by a page
// reload is resumed by the outbox after it, and the message arrives once.
// (Next cannot serve the page offline without a service worker, so the reload happens online.)
import { expect, test, type Browser, type Page } from "@playwright/test";
import sharp from "sharp";
import { newUser, openChatFromList, startDirectChat } from "./fixtures";

const png = (colour: string) => sharp({ create: { width: 64, height: 48, channels: 3, background: colour } }).png().toBuffer();

async function directChat(browser: Browser) {
  const alice = await newUser(browser, "Alice");
  const bob = await newUser(browser, "Bob");
  const chatId = await startDirectChat(alice.page, bob.person.username);
  await openChatFromList(bob.page, chatId);
  return { alice, bob };
}

const withCaption = (page: Page, caption: string) => page.getByTestId("message").filter({ has: page.getByTestId("message-text").getByText(caption, { exact: true }) });

/** Bob has exactly one message with the image under `caption`, also after a reload. */
async function arrivedOnce(bob: Page, caption: string) {
  const message = withCaption(bob, caption);
  await expect(message).toHaveCount(1);
  await expect(message.getByTestId("attachment-image")).toHaveCount(1);
  await bob.reload();
  await expect(withCaption(bob, caption)).toHaveCount(1);
  await expect(withCaption(bob, caption).getByTestId("attachment-image")).toHaveCount(1);
}

async function attachAndSend(page: Page, name: string, caption: string) {
  await page.getByTestId("composer-file-input").setInputFiles([{ name, mimeType: "image/png", buffer: await png("#2f7ae0") }]);
  await page.getByTestId("composer-input").fill(caption);
  await expect(page.getByTestId("composer-send")).toBeEnabled();
  await page.getByTestId("composer-input").press("Enter");
  await expect(page.getByTestId("attachment-tray")).toBeHidden();
}

test("an image attached and sent offline shows as sending and arrives once after going online", async ({ browser }) => {
  const { alice, bob } = await directChat(browser);
  await alice.context.setOffline(true);
  await expect(alice.page.getByTestId("connection-banner")).toHaveAttribute("data-state", "offline");

  await attachAndSend(alice.page, "offline.png", "Снято без связи");
  const mine = withCaption(alice.page, "Снято без связи");
  await expect(mine).toHaveAttribute("data-status", "sending");
  // The preview comes from the bytes kept in IndexedDB.
  await expect.poll(() => mine.getByTestId("pending-file-preview").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);

  await alice.context.setOffline(false);
  await expect(mine).toHaveAttribute("data-status", "read");
  await expect(mine).toHaveCount(1);
  await arrivedOnce(bob.page, "Снято без связи");
  await alice.page.reload();
  await expect(withCaption(alice.page, "Снято без связи")).toHaveCount(1);
});

test("an upload cut by a reload is finished by the outbox after it, and the message arrives once", async ({ browser }) => {
  const { alice, bob } = await directChat(browser);
  // The bytes never reach the storage on this page: the upload is still running when it reloads.
  let putsHeld = 0;
  await alice.page.route("**/api/files/upload/**", () => void putsHeld++);
  await attachAndSend(alice.page, "cut.png", "Прервано перезагрузкой");
  await expect(withCaption(alice.page, "Прервано перезагрузкой")).toHaveAttribute("data-status", "sending");
  await expect.poll(() => putsHeld).toBeGreaterThan(0);

  await alice.page.unrouteAll({ behavior: "ignoreErrors" });
  await alice.page.reload();
  const mine = withCaption(alice.page, "Прервано перезагрузкой");
  await expect(mine).toHaveAttribute("data-status", "read");
  await expect(mine).toHaveCount(1);
  await arrivedOnce(bob.page, "Прервано перезагрузкой");
});
