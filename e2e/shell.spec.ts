import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";

test("the shell renders in Chinese first, and in English after one click", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/calls");
  const nav = page.getByRole("navigation", { name: "主导航" });
  await expect(nav.getByRole("link", { name: "通话记录" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: /Callscope/ })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByTestId("current-user")).toContainText("supervisor");

  await page.getByRole("button", { name: "English" }).click();
  await expect(
    page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Calls" }),
  ).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");

  // The choice sticks across pages and reloads.
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
});

test("signed out, pages send you to sign in and back; the demo lists its accounts", async ({ page }) => {
  await page.goto("/calls?intent=A");
  await expect(page).toHaveURL(/\/login\?next=%2Fcalls%3Fintent%3DA/);
  for (const account of ["operator", "supervisor", "admin"])
    await expect(page.getByRole("button", { name: new RegExp(account) })).toBeVisible();
  await page.getByRole("button", { name: /supervisor/ }).click();
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/calls\?intent=A$/);
});

test("a wrong password says so, in the page's language", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("用户名").fill("admin");
  await page.getByLabel("密码").fill("not-the-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("用户名或密码错误");
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, "operator");
  await page.goto("/calls");
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get("/api/calls")).status()).toBe(401);
});
