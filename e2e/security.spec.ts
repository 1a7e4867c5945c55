// Issue 8, items 9 and 10: security headers on pages, assets and the API; the app cannot be framed
// by another origin; the app works under its Content-Security-Policy with no violation reported;
// a hostile `next` after sign-in stays on the app's origin.
import { expect as baseExpect, test, type BrowserContext } from "@playwright/test";
import { messages, newPerson, openChatFromList, register, sendMessage, startDirectChat } from "./fixtures";

const EVIL = "http://evil.example";

// Full page loads (sign-up, sign-in, reloads) are this spec's subject; give them room on a busy machine.
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

function expectStaticHeaders(headers: Record<string, string>, what: string) {
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(headers["cross-origin-opener-policy"], what).toBe("same-origin");
  expect(headers["x-frame-options"], what).toBe("DENY");
}

/** The nonce of a page's CSP, after checking the policy's directives. */
function checkPageCsp(csp: string | undefined, realtimePort: number): string {
  expect(csp).toBeTruthy();
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'(;|$)/.exec(csp!)?.[1];
  expect(nonce, csp).toBeTruthy();
  for (const part of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) expect(csp).toContain(part);
  expect(csp).toContain(`connect-src 'self' http://localhost:${realtimePort} ws://localhost:${realtimePort}`);
  expect(csp).not.toContain("unsafe-eval");
  return nonce!;
}

test("security headers on an auth page, an app page, a JS asset and tRPC answers", async ({ browser, baseURL }) => {
  const realtimePort = Number(new URL(baseURL!).port) + 1;
  const context = await browser.newContext();
  const page = await context.newPage();

  // An auth page: CSP with a nonce that is on every script of the HTML, new for each request.
  const signIn = await page.request.get("/sign-in");
  expect(signIn.status()).toBe(200);
  const headers = signIn.headers();
  expectStaticHeaders(headers, "/sign-in");
  expect(headers["strict-transport-security"], "no HSTS over http").toBeUndefined();
  const nonce = checkPageCsp(headers["content-security-policy"], realtimePort);
  const html = await signIn.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(1);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  const again = checkPageCsp((await page.request.get("/sign-in")).headers()["content-security-policy"], realtimePort);
  expect(again).not.toBe(nonce);

  // A JS asset of that page.
  const asset = /<script\b[^>]*\bsrc="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(asset).toBeTruthy();
  const js = await page.request.get(asset!);
  expect(js.status()).toBe(200);
  expectStaticHeaders(js.headers(), asset!);

  // Signed in: an app page and tRPC answers (personal data: never cached).
  await register(page, newPerson("Hedda"));
  const home = await page.goto("/");
  expectStaticHeaders(home!.headers(), "/");
  checkPageCsp(home!.headers()["content-security-policy"], realtimePort);
  const me = await page.request.get("/api/trpc/account.me");
  expect(me.status()).toBe(200);
  expectStaticHeaders(me.headers(), "tRPC account.me");
  expect(me.headers()["cache-control"]).toBe("no-store");
  const signedOut = await browser.newContext();
  const refused = await signedOut.request.get(`${baseURL}/api/trpc/account.me`);
  expect(refused.status()).toBe(401);
  expect(refused.headers()["cache-control"]).toBe("no-store");
  expectStaticHeaders(refused.headers(), "tRPC 401");
  await signedOut.close();
  await context.close();
});

test("a page on another origin cannot frame the app", async ({ page, baseURL }) => {
  await page.route(`${EVIL}/**`, (route) =>
    route.fulfill({ contentType: "text/html", body: `<!doctype html><iframe src="${baseURL}/sign-in" width="800" height="600"></iframe>` }),
  );
  await page.goto(`${EVIL}/`);
  // Chromium replaces a frame it refuses (frame-ancestors / X-Frame-Options) with its error page.
  const child = () => page.frames().find((frame) => frame !== page.mainFrame());
  await expect.poll(() => child()?.url(), { timeout: 15_000 }).toBe("chrome-error://chromewebdata/");
  await expect(child()!.getByTestId("signin-form")).toHaveCount(0);
});

/** Collects every CSP violation in the context's pages: the DOM event and Chromium's console report. */
async function watchCsp(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeBinding("__reportCspViolation", (_source, text: string) => void violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      void report(`${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  context.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|connect|apply|evaluate)/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("the app works under its CSP: sign-up, a live chat, theme and language, no violation", async ({ browser }) => {
  const aliceContext = await browser.newContext();
  const bobContext = await browser.newContext();
  const violations = [...(await Promise.all([watchCsp(aliceContext), watchCsp(bobContext)]))];
  const all = () => violations.flat();
  const alicePage = await aliceContext.newPage();
  const bobPage = await bobContext.newPage();
  const alice = newPerson("Alice");
  const bob = newPerson("Bob");

  // Theme on the auth page before signing up: the inline theme script (nonce'd) applies it.
  await alicePage.goto("/register");
  await alicePage.getByTestId("theme-select").selectOption("dark");
  await expect(alicePage.locator("html")).toHaveClass(/\bdark\b/);
  await register(alicePage, alice);
  await register(bobPage, bob);
  await expect(alicePage.locator("html")).toHaveClass(/\bdark\b/);

  // A chat with a live message each way (the socket to the sidecar passes connect-src).
  const chatId = await startDirectChat(alicePage, bob.username);
  await openChatFromList(bobPage, chatId);
  await sendMessage(alicePage, "Под CSP всё работает");
  await expect(messages(bobPage, "Под CSP всё работает")).toHaveCount(1);
  await sendMessage(bobPage, "И ответ тоже");
  await expect(messages(alicePage, "И ответ тоже")).toHaveCount(1);
  await expect(messages(alicePage, "Под CSP всё работает")).toHaveAttribute("data-status", "read");

  // Theme and language in the profile.
  await alicePage.goto("/profile");
  await alicePage.getByTestId("theme-select").selectOption("light");
  await expect(alicePage.locator("html")).not.toHaveClass(/\bdark\b/);
  await alicePage.getByTestId("locale-select").selectOption("en");
  await expect(alicePage.locator("html")).toHaveAttribute("lang", "en");
  await alicePage.reload();
  await expect(alicePage.locator("html")).toHaveAttribute("lang", "en");
  await expect(alicePage.getByTestId("user-display-name")).toHaveText(alice.displayName);

  expect(all()).toEqual([]);

  // The watch itself works: a connection the policy does not allow is refused and reported.
  await alicePage.evaluate(() => fetch("http://evil.example/collect").catch(() => undefined));
  await expect.poll(() => all().join("\n")).toMatch(/connect-src/);

  await aliceContext.close();
  await bobContext.close();
});

test("signing in with a hostile `next` stays on the app's origin", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  let leftTheApp = false;
  await context.route(`${EVIL}/**`, (route) => {
    leftTheApp = true;
    return route.fulfill({ contentType: "text/html", body: "<h1>evil</h1>" });
  });
  const page = await context.newPage();
  const person = newPerson("Rita");
  await register(page, person);

  for (const next of ["/.//evil.example", "/a/..//evil.example", "/%2e//evil.example", "/\\evil.example", "/%5C%5Cevil.example"]) {
    await context.clearCookies();
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    const form = page.getByTestId("signin-form");
    await form.locator('input[name="login"]').fill(person.username);
    await form.locator('input[name="password"]').fill(person.password);
    await form.locator('button[type="submit"]').click();
    await expect(page.getByTestId("user-display-name"), next).toHaveText(person.displayName);
    expect(new URL(page.url()).origin, next).toBe(new URL(baseURL!).origin);
    expect(leftTheApp, next).toBe(false);
  }
  await context.close();
});
