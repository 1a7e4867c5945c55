// The installable PWA: Chromium's installability verdict (DevTools protocol), the service worker
// controlling the page, the app shell offline after one visit, the "new version" toast and the
// sign-out that leaves no page of the person in Cache Storage.
import { chromium, expect, test, type Page } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { newPerson, register } from "./fixtures";

async function controllerScript(page: Page): Promise<string | null> {
  return page.evaluate(() => (navigator.serviceWorker.controller?.state === "activated" ? navigator.serviceWorker.controller.scriptURL : null));
}

async function cacheNames(page: Page): Promise<string[]> {
  return page.evaluate(() => caches.keys());
}

async function keptPages(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      if (!name.startsWith("bm-pages-")) continue;
      for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
    }
    return paths;
  });
}

test("Chromium considers the app installable: a manifest without errors and no installability errors", async ({ baseURL }, testInfo) => {
  // Every ordinary Playwright context is incognito, which alone blocks installing: a persistent
  // profile in a temporary folder, launched like the configured browser.
  const profile = mkdtempSync(path.join(tmpdir(), "bm-pwa-"));
  const context = await chromium.launchPersistentContext(profile, { ...testInfo.project.use.launchOptions, baseURL, locale: "ru-RU" });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto("/sign-in");
    const cdp = await context.newCDPSession(page);
    // The verdict needs the worker registered by the page: asked again until it has settled.
    await expect.poll(async () => (await cdp.send("Page.getInstallabilityErrors")).installabilityErrors, { timeout: 20_000 }).toEqual([]);
    const manifest = await cdp.send("Page.getAppManifest");
    expect(manifest.errors).toEqual([]);
    expect(new URL(manifest.url).pathname).toBe("/manifest.webmanifest");
    const data = JSON.parse(manifest.data ?? "{}") as {
      name: string;
      display: string;
      icons: { sizes: string; purpose: string }[];
      shortcuts: { url: string }[];
    };
    expect(data.name).toBe("BrainMessenger");
    expect(data.display).toBe("standalone");
    for (const size of ["192x192", "512x512"]) {
      for (const purpose of ["any", "maskable"]) expect(data.icons).toContainEqual(expect.objectContaining({ sizes: size, purpose }));
    }
    expect(data.shortcuts.map((shortcut) => shortcut.url)).toContain("/?new=chat");
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test("the service worker controls the app, its shell opens offline, and sign-out forgets the person's pages", async ({ page, context }) => {
  const script = await page.request.get("/sw.js");
  expect(script.headers()["cache-control"]).toBe("no-cache");
  expect(script.headers()["service-worker-allowed"]).toBe("/");
  await register(page, newPerson("pwa"));
  await expect.poll(() => controllerScript(page), { timeout: 30_000 }).toMatch(/\/sw\.js$/);
  // The first visit loaded before the worker existed: the app asked it to keep the shell ("/").
  await expect.poll(() => keptPages(page)).toContain("/");

  await context.setOffline(true);
  await page.reload();
  // Chromium's offline error page has none of this, and neither has the worker's offline.html.
  await expect(page.getByTestId("shell-loading").or(page.getByTestId("form-error")).or(page.getByTestId("user-display-name")).first()).toBeVisible();
  await expect(page.getByTestId("offline-page")).toHaveCount(0);
  expect(await page.evaluate(() => document.title)).toContain("BrainMessenger");

  await context.setOffline(false);
  await page.reload();
  await expect(page.getByTestId("user-display-name").first()).toBeVisible();
  await page.getByTestId("signout-button").first().click();
  await expect(page).toHaveURL(/\/sign-in/);
  // Only the build's own files stay (the same for everyone); no page of the person who left.
  await expect.poll(() => keptPages(page)).toEqual([]);
  for (const name of await cacheNames(page)) expect(name).toMatch(/^bm-precache-/);
});

test("a new version waits for the person: the toast's Reload lets it take over", async ({ page }) => {
  await register(page, newPerson("pwaupdate"));
  await expect.poll(() => controllerScript(page), { timeout: 30_000 }).toMatch(/\/sw\.js$/);
  await expect(page.getByTestId("update-toast")).toHaveCount(0);

  // A new version: the same scope registered from another script URL is an update to install
  // (the browser installs it even with identical bytes); it then waits, like any new deployment.
  await page.evaluate(() => navigator.serviceWorker.register("/sw.js?version=next", { scope: "/" }));
  const toast = page.getByTestId("update-toast");
  await expect(toast).toBeVisible();
  await expect(toast).toContainText("Доступна новая версия");
  expect(await controllerScript(page)).toMatch(/\/sw\.js$/);

  const reloaded = page.waitForEvent("load");
  await toast.getByTestId("update-reload").click();
  await reloaded;
  await expect.poll(() => controllerScript(page)).toMatch(/\/sw\.js\?version=next$/);
});

test("the installed app's New chat shortcut opens the chat list with the new-chat dialog", async ({ page }) => {
  await register(page, newPerson("pwashortcut"));
  await page.goto("/?new=chat");
  const dialog = page.getByTestId("new-chat-dialog");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  // Closed: the shortcut's query is gone, so a reload does not open it again.
  await expect(page).toHaveURL(/\/$/);
});
