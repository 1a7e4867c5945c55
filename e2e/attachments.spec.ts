// Issue 10's acceptance scenario in the browser: Alice attaches an image (progress visible while it
// uploads), Bob sees the thumbnail arrive live and opens it in the viewer; a PDF downloads under its
// original name. Then the other ways in (drop, paste), a refused file, a grid of images browsed in
// the viewer, and the chat's "media and files" — with axe on each new surface.
import { expect, test, type Browser, type Page, type Route } from "@playwright/test";
import sharp from "sharp";
import { expectNoViolations } from "./axe";
import { newUser, openChatFromList, startDirectChat } from "./fixtures";

/** A real PNG (the server decides the type from the bytes and makes a thumbnail). */
function png(width: number, height: number, colour: string) {
  return sharp({ create: { width, height, channels: 3, background: colour } }).png().toBuffer();
}

/** A minimal valid PDF (its magic bytes are what the server checks). */
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

async function directChat(browser: Browser) {
  const alice = await newUser(browser, "Alice");
  const bob = await newUser(browser, "Bob");
  const chatId = await startDirectChat(alice.page, bob.person.username);
  await openChatFromList(bob.page, chatId);
  return { alice, bob, chatId };
}

/** A DataTransfer in the page holding one PNG, as a drop or a paste carries it. */
async function transferOf(page: Page, name: string, bytes: Buffer) {
  return page.evaluateHandle(
    ({ name, base64 }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], name, { type: "image/png" }));
      return transfer;
    },
    { name, base64: bytes.toString("base64") },
  );
}

test("an image is sent with visible progress, arrives live and opens in the viewer; a PDF downloads with its name", async ({ browser }) => {
  const { alice, bob } = await directChat(browser);

  // Hold the image's bytes on their way to the storage, so the upload is seen in progress.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await alice.page.route("**/api/files/upload/**", async (route: Route) => {
    await held;
    await route.continue();
  });

  await alice.page.getByTestId("composer-file-input").setInputFiles([{ name: "sunset.png", mimeType: "image/png", buffer: await png(640, 320, "#e07a2f") }]);
  const staged = alice.page.getByTestId("attachment-staged");
  await expect(staged).toHaveAttribute("data-status", "uploading");
  await expect(staged.getByTestId("attachment-progress")).toBeVisible();
  await expect(staged).toContainText("sunset.png");
  // Not stored yet, yet sendable: the outbox would finish the upload (e2e/attachments-offline.spec.ts).
  await alice.page.getByTestId("composer-input").fill("Закат");
  await expect(alice.page.getByTestId("composer-send")).toBeEnabled();
  release();
  await expect(staged).toHaveAttribute("data-status", "done");
  await alice.page.getByTestId("composer-input").press("Enter");
  await expect(alice.page.getByTestId("attachment-tray")).toBeHidden();

  // Bob: the thumbnail arrives live, its box already shaped like the image (2:1), under the caption.
  const bobMessage = bob.page.getByTestId("message").filter({ has: bob.page.getByTestId("attachment-image") });
  await expect(bobMessage).toHaveCount(1);
  await expect(bobMessage.getByTestId("message-text")).toHaveText("Закат");
  const thumbnail = bobMessage.getByTestId("attachment-image").locator("img");
  await expect(thumbnail).toHaveJSProperty("complete", true);
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const box = await bobMessage.getByTestId("attachment-image").boundingBox();
  expect(Math.round(box!.width / box!.height)).toBe(2);

  // The viewer: opens on click, zooms, and Escape closes it, giving focus back.
  await bobMessage.getByTestId("attachment-image").click();
  const viewer = bob.page.getByTestId("image-viewer");
  await expect(viewer).toBeVisible();
  await expect(viewer.getByTestId("image-viewer-position")).toHaveText("1 / 1");
  await expect.poll(() => viewer.getByTestId("image-viewer-image").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(640);
  await viewer.getByTestId("image-viewer-zoom-in").click();
  await expect(viewer.getByTestId("image-viewer-zoom-out")).toBeEnabled();
  await bob.page.keyboard.press("Escape");
  await expect(viewer).toBeHidden();

  // A PDF: Bob sees a file card and it downloads under its original name with the same bytes.
  await alice.page.unroute("**/api/files/upload/**");
  await alice.page.getByTestId("composer-file-input").setInputFiles([{ name: "Отчёт за март.pdf", mimeType: "application/pdf", buffer: PDF }]);
  await expect(alice.page.getByTestId("attachment-staged")).toHaveAttribute("data-status", "done");
  await alice.page.getByTestId("composer-send").click();
  const card = bob.page.getByTestId("attachment-file");
  await expect(card).toContainText("Отчёт за март.pdf");
  await expect(card).toContainText("PDF");
  const [download] = await Promise.all([bob.page.waitForEvent("download"), card.click()]);
  expect(download.suggestedFilename()).toBe("Отчёт за март.pdf");
  const path = await download.path();
  const { readFile } = await import("node:fs/promises");
  expect(Buffer.compare(await readFile(path), PDF)).toBe(0);

  // Alice's profile counts what she stored against her quota.
  await alice.page.goto("/profile");
  const usage = alice.page.getByTestId("storage-usage");
  await expect(usage.getByRole("progressbar")).toHaveAttribute("aria-valuemax", "100");
  expect(Number(await usage.getAttribute("data-used-bytes"))).toBeGreaterThan(PDF.length);
  await expect(usage).toContainText(/Storage: .+ of .+ used|Хранилище: занято .+ из .+/);
  await expectNoViolations(alice.page, "the profile with storage usage");

  await alice.context.close();
  await bob.context.close();
});

test("files dropped on the chat or pasted, a refused file, a grid browsed in the viewer, and the chat's media", async ({ browser }) => {
  const { alice, bob } = await directChat(browser);
  const page = alice.page;

  // Dragging files over the chat shows the drop zone; dropping stages them.
  const dropped = await transferOf(page, "red.png", await png(300, 300, "#c03030"));
  await page.getByTestId("chat-pane").dispatchEvent("dragenter", { dataTransfer: dropped });
  await expect(page.getByTestId("attachment-drop-zone")).toBeVisible();
  await page.getByTestId("chat-pane").dispatchEvent("drop", { dataTransfer: dropped });
  await expect(page.getByTestId("attachment-drop-zone")).toBeHidden();
  await expect(page.getByTestId("attachment-staged")).toHaveCount(1);

  // A pasted image joins them (text pastes stay text).
  const pasted = await transferOf(page, "blue.png", await png(300, 300, "#3050c0"));
  await page.getByTestId("composer-input").evaluate((input, clipboardData) => {
    input.dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
  }, pasted);
  await expect(page.getByTestId("attachment-staged")).toHaveCount(2);

  // A file over the limit is refused before any byte is sent, with the reason, and can be removed.
  await page.getByTestId("composer-file-input").setInputFiles([{ name: "huge.bin", mimeType: "application/octet-stream", buffer: Buffer.alloc(26 * 1024 * 1024) }]);
  const huge = page.getByTestId("attachment-staged").filter({ hasText: "huge.bin" });
  await expect(huge).toHaveAttribute("data-status", "failed");
  await expect(huge.getByTestId("attachment-error")).toHaveText("Файл слишком большой.");
  await expect(page.getByTestId("composer-send")).toBeDisabled();
  await expectNoViolations(page, "the composer with staged files");
  await huge.getByTestId("attachment-remove").click();
  await expect(page.getByTestId("attachment-staged")).toHaveCount(2);
  for (const staged of await page.getByTestId("attachment-staged").all()) await expect(staged).toHaveAttribute("data-status", "done");

  // Sent without a caption: Bob gets both in one message, as a grid; the viewer walks through them.
  await page.getByTestId("composer-send").click();
  const grid = bob.page.getByTestId("message").filter({ has: bob.page.getByTestId("attachment-image") });
  await expect(grid.getByTestId("attachment-image")).toHaveCount(2);
  await expectNoViolations(bob.page, "a chat with images");
  await grid.getByTestId("attachment-image").first().click();
  const viewer = bob.page.getByTestId("image-viewer");
  await expect(viewer.getByTestId("image-viewer-position")).toHaveText("1 / 2");
  await expect(viewer.getByTestId("image-viewer-previous")).toBeDisabled();
  await expectNoViolations(bob.page, "the image viewer");
  await bob.page.keyboard.press("ArrowRight");
  await expect(viewer.getByTestId("image-viewer-position")).toHaveText("2 / 2");
  await expect(viewer.getByTestId("image-viewer-image")).toHaveAttribute("alt", "blue.png");
  await viewer.getByTestId("image-viewer-previous").click();
  await expect(viewer.getByTestId("image-viewer-image")).toHaveAttribute("alt", "red.png");
  await viewer.getByTestId("image-viewer-close").click();
  await expect(viewer).toBeHidden();

  // The chat's media and files: both pictures under "Media", nothing under "Files".
  await bob.page.getByTestId("chat-media-button").click();
  const panel = bob.page.getByTestId("media-panel");
  await expect(panel.getByTestId("media-item")).toHaveCount(2);
  await expectNoViolations(bob.page, "media and files");
  await panel.getByTestId("media-tab-files").click();
  await expect(panel.getByTestId("media-empty")).toBeVisible();
  await bob.page.keyboard.press("Escape");
  await expect(panel).toBeHidden();

  await alice.context.close();
  await bob.context.close();
});
