// Voice messages in the browser with Chromium's fake microphone (a steady beep): Alice taps the mic
// for a locked recording, stops it after ~2 s and sends it; Bob sees it with its duration and
// waveform and plays it. Then hold-to-record (release sends), Escape discards, and a refused
// microphone is explained.
import { expect, test, type Page } from "@playwright/test";
import config from "../playwright.config";
import { expectNoViolations } from "./axe";
import { newUser, openChatFromList, startDirectChat } from "./fixtures";

const base = config.use?.launchOptions ?? {};
test.use({ launchOptions: { ...base, args: [...(base.args ?? []), "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required"] } });

const voiceMessages = (page: Page) => page.getByTestId("attachment-audio").and(page.locator('[data-kind="VOICE"]'));

test("a recorded voice message arrives with its duration and waveform and plays for the other person", async ({ browser }) => {
  const alice = await newUser(browser, "Alice");
  const bob = await newUser(browser, "Bob");
  const chatId = await startDirectChat(alice.page, bob.person.username);
  await openChatFromList(bob.page, chatId);

  // A tap locks the recording: the bar shows the time running, with cancel and send.
  await alice.page.getByTestId("composer-mic").click();
  const recording = alice.page.getByTestId("voice-recording");
  await expect(recording).toBeVisible();
  await expect(alice.page.getByTestId("voice-elapsed")).toHaveText("0:02", { timeout: 5_000 });
  await expectNoViolations(alice.page, "the voice recording bar");
  // Recorded for as long as the bar showed when Send was pressed (axe took a few seconds).
  const shown = Number((await alice.page.getByTestId("voice-elapsed").textContent())!.split(":")[1]);
  await alice.page.getByTestId("voice-send").click();
  await expect(recording).toBeHidden();

  const received = voiceMessages(bob.page);
  await expect(received).toHaveCount(1);
  // The duration measured by the recorder, and a waveform of bars.
  await expect(received).toContainText(new RegExp(`0:(${String(shown).padStart(2, "0")}|${String(shown + 1).padStart(2, "0")})`));
  expect(await received.locator('[role="slider"] > span').count()).toBeGreaterThan(10);
  await expect(voiceMessages(alice.page)).toHaveCount(1);

  await received.getByTestId("audio-play").click();
  await expect.poll(() => received.locator("audio").evaluate((audio: HTMLAudioElement) => audio.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.2);
  await expect(received.getByTestId("audio-play")).toHaveAttribute("aria-label", "Пауза");
});

test("holding the mic records and releasing sends; Escape discards; a refused microphone is explained", async ({ browser }) => {
  const alice = await newUser(browser, "Alice");
  const bob = await newUser(browser, "Bob");
  await startDirectChat(alice.page, bob.person.username);
  const { page } = alice;
  const mic = page.getByTestId("composer-mic");

  // Hold for over a second, release: sent.
  const box = (await mic.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await expect(page.getByTestId("voice-elapsed")).toHaveText("0:01", { timeout: 5_000 });
  await page.mouse.up();
  await expect(voiceMessages(page)).toHaveCount(1);

  // Keyboard: Enter starts a locked recording, Escape throws it away.
  await mic.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("voice-recording")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("voice-recording")).toBeHidden();
  await expect(page.getByTestId("composer-input")).toBeVisible();

  // The browser refuses the microphone: the reason is shown, nothing is sent.
  await page.evaluate(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("Permission denied", "NotAllowedError"));
  });
  await mic.click();
  await expect(page.getByTestId("voice-error")).toContainText("Доступ к микрофону запрещён");
  await expect(voiceMessages(page)).toHaveCount(1);
});
