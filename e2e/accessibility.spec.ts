import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn, waitForIndex } from "./support/auth";

/**
 * axe-core on every page, in both languages (and the dark colour scheme once): no serious or
 * critical violation of the WCAG 2.1 A/AA rules and axe's best practices. Each page's findings are
 * a soft assertion, so one run lists every page's problems, each rule with the elements it found.
 */

// axe walks every node of a page: on a busy 2-core machine one long page can take minutes.
test.describe.configure({ timeout: 600_000 });

async function violations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    // axe ships this WCAG 2.5.3 rule as experimental (off by default): a button whose accessible
    // name does not contain its visible text cannot be operated by voice ("click Result").
    .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      elements: violation.nodes.map((node) => `${node.target.join(" ")} — ${node.failureSummary ?? ""}`),
    }));
}

async function check(page: Page, what: string) {
  expect.soft({ what, violations: await violations(page) }).toEqual({ what, violations: [] });
}

const RUNS = [
  { locale: "zh-CN", colorScheme: "light" },
  { locale: "en", colorScheme: "light" },
  { locale: "zh-CN", colorScheme: "dark" },
] as const;

for (const { locale, colorScheme } of RUNS) {
  test.describe(`${locale}, ${colorScheme}`, () => {
    test.use({ locale, colorScheme });

    test.beforeEach(async ({ context, baseURL }) => {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    });

    test("sign-in and the call list, with a filter and the shortcut help open", async ({ page }) => {
      const en = locale === "en";
      await page.goto("/login");
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.getByRole("button", { name: en ? "Sign in" : "登录" })).toBeVisible();
      await check(page, "/login");

      await signIn(page, "admin");
      await waitForIndex(page, 50);
      await page.goto("/calls");
      await expect(page.getByRole("row").nth(5)).toBeVisible();
      await check(page, "/calls");
      // A filter's popover, open (positioned by Floating UI).
      await page
        .getByRole("button", { name: en ? /^Result/ : /^结果/ })
        .first()
        .click();
      await expect(page.getByRole("dialog").first()).toBeVisible();
      await check(page, "/calls with the result filter open");
      await page.keyboard.press("Escape");
      await expect(page.getByRole("dialog")).toHaveCount(0);
      await page.keyboard.press("?");
      await expect(page.getByRole("dialog").first()).toBeVisible();
      await check(page, "/calls with the shortcut help open");
    });

    test("a call: player, transcript, review", async ({ page }) => {
      await signIn(page, "admin");
      await waitForIndex(page);
      const calls = await page.request.get("/api/calls?result=answered&limit=1");
      const id = ((await calls.json()) as { items: { id: string }[] }).items[0]!.id;
      await page.goto(`/calls/${id}`);
      await expect(page.getByRole("listitem").first()).toBeVisible();
      await expect(page.getByTestId("waveform")).toBeAttached();
      await check(page, "/calls/{id}");
    });

    test("analytics, review batches and one batch at work", async ({ page, baseURL }) => {
      await signIn(page, "admin");
      await waitForIndex(page);
      const created = await page.request.post("/api/review-batches", {
        data: { name: `axe ${locale} ${colorScheme}`, query: "result=answered", size: 3 },
        headers: { origin: new URL(baseURL!).origin },
      });
      expect(created.status()).toBe(201);
      const { id } = (await created.json()) as { id: string };
      for (const path of ["/analytics", "/reviews", `/reviews/${id}`, "/admin/sessions"]) {
        await page.goto(path);
        await expect(page.locator("h1").first()).toBeVisible();
        await page.waitForLoadState("networkidle");
        await check(page, path.replace(id, "{id}"));
      }
    });

    for (const paths of [
      ["/sources", "/admin/audit"],
      ["/admin/quarantine", "/no-such-page"],
      ["/api-docs"],
    ]) {
      test(`the pages ${paths.join(", ")}`, async ({ page }) => {
        await signIn(page, "admin");
        await waitForIndex(page);
        for (const path of paths) {
          await page.goto(path);
          await expect(page.locator("h1").first()).toBeVisible();
          await check(page, path);
        }
      });
    }
  });
}
