// An account's whole life in the browser: register → sign out → sign in → edit profile →
// switch language → delete account.
import { expect, test } from "@playwright/test";
import { newPerson, register, signIn } from "./fixtures";

test("register, sign out, sign in, edit profile, switch language, delete account", async ({ page }) => {
  const anna = newPerson("Anna");
  await register(page, anna);

  // The interface is Russian by default.
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");

  await page.getByTestId("signout-button").click();
  await expect(page).toHaveURL(/\/sign-in/);
  // Signed out means signed out: the app redirects back to sign-in.
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/sign-in/);

  // Wrong password: a clear message, and no way in.
  await signIn(page, anna.username, "not-the-password");
  await expect(page.getByTestId("form-error")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);

  // Sign in by email, in another case.
  await signIn(page, anna.email.toUpperCase(), anna.password);
  await expect(page.getByTestId("user-display-name")).toHaveText(anna.displayName);

  await page.goto("/profile");
  const profile = page.getByTestId("profile-form");
  await profile.locator('input[name="displayName"]').fill("Анна Каренина");
  await profile.locator('textarea[name="bio"]').fill("Пишу из поезда");
  await profile.locator('input[name="avatarUrl"]').fill("http://insecure.example/a.png");
  await profile.locator('button[type="submit"]').click();
  await expect(page.getByTestId("error-avatarUrl")).toBeVisible();
  await profile.locator('input[name="avatarUrl"]').fill("");
  await profile.locator('button[type="submit"]').click();
  await expect(page.getByTestId("user-display-name")).toHaveText("Анна Каренина");

  // The profile survives a reload (stored, not just shown).
  await page.reload();
  await expect(page.getByTestId("profile-form").locator('input[name="displayName"]')).toHaveValue("Анна Каренина");
  await expect(page.getByTestId("profile-form").locator('textarea[name="bio"]')).toHaveValue("Пишу из поезда");

  // Switch to English: the page's strings change and the choice persists.
  const russianHeading = await page.locator("h1").first().textContent();
  await page.getByTestId("locale-select").selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator("h1").first()).not.toHaveText(russianHeading ?? "");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  // Delete the account: a wrong password is refused, the right one ends it.
  const deletion = page.getByTestId("delete-account-form");
  await deletion.locator('input[name="password"]').fill("wrong-password-here");
  await deletion.locator('button[type="submit"]').click();
  await expect(page.getByTestId("error-password")).toBeVisible();
  await deletion.locator('input[name="password"]').fill(anna.password);
  page.once("dialog", (dialog) => void dialog.accept());
  await deletion.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/sign-in/);

  // The deleted account can no longer sign in.
  await signIn(page, anna.username, anna.password);
  await expect(page.getByTestId("form-error")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("registration refuses a password made of the username, beside the password field", async ({ page }) => {
  const person = newPerson("Vera");
  await page.goto("/register");
  const form = page.getByTestId("register-form");
  await form.locator('input[name="username"]').fill(person.username);
  await form.locator('input[name="displayName"]').fill(person.displayName);
  await form.locator('input[name="password"]').fill(`${person.username.toUpperCase()}!`);
  await form.locator('button[type="submit"]').click();
  await expect(page.getByTestId("error-password")).toHaveText("Пароль не должен содержать ваше имя пользователя, имя или email");
  await expect(page).toHaveURL(/\/register/);
});

test("a phone-sized screen shows the app without horizontal scrolling", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await register(page, newPerson("Boris"));
  for (const path of ["/", "/profile"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
  }
  await context.close();
});
