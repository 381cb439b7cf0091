import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn, waitForIndex } from "./support/auth";

/**
 * axe-core on every page, in both languages and both colour schemes: no serious or critical
 * violation (WCAG 2.1 A/AA rules, plus axe's best practices). A failure lists each rule with the
 * elements it found, so the fix is one read away.
 */

const LOCALES = ["zh-CN", "en"] as const;
const SCHEMES = ["light", "dark"] as const;

async function violations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      elements: violation.nodes.map((node) => `${node.target.join(" ")} — ${node.failureSummary ?? ""}`),
    }));
}

async function callId(page: Page): Promise<string> {
  const response = await page.request.get("/api/calls?result=answered&limit=1");
  return ((await response.json()) as { items: { id: string }[] }).items[0]!.id;
}

for (const locale of LOCALES) {
  for (const scheme of SCHEMES) {
    test.describe(`${locale}, ${scheme}`, () => {
      test.use({ locale, colorScheme: scheme });
      test.beforeEach(async ({ page, context, baseURL }) => {
        await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
        void page;
      });

      test("the sign-in page", async ({ page }) => {
        await page.goto("/login");
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expect(page.getByRole("button", { name: locale === "en" ? "Sign in" : "登录" })).toBeVisible();
        expect(await violations(page)).toEqual([]);
      });

      test("the call list, its filters open, and the shortcut help", async ({ page }) => {
        await signIn(page, "supervisor");
        await waitForIndex(page, 50);
        await page.goto("/calls");
        await expect(page.getByRole("row").nth(5)).toBeVisible();
        expect(await violations(page)).toEqual([]);
        // A filter's popover, open.
        await page.getByRole("button", { name: locale === "en" ? /^Result/ : /^结果/ }).first().click();
        await expect(page.getByRole("dialog").first()).toBeVisible();
        expect(await violations(page)).toEqual([]);
        await page.keyboard.press("Escape");
        await page.keyboard.press("?");
        await expect(page.getByRole("dialog").first()).toBeVisible();
        expect(await violations(page)).toEqual([]);
      });

      test("a call: player, transcript, review", async ({ page }) => {
        await signIn(page, "supervisor");
        await waitForIndex(page);
        await page.goto(`/calls/${await callId(page)}`);
        await expect(page.getByRole("listitem").first()).toBeVisible();
        await expect(page.locator("[data-testid=waveform] canvas, [data-testid=waveform] div").first()).toBeAttached();
        expect(await violations(page)).toEqual([]);
      });

      test("sources, the audit log, quarantine, the API reference, a missing page", async ({ page }) => {
        await signIn(page, "admin");
        await waitForIndex(page);
        for (const path of ["/sources", "/admin/audit", "/admin/quarantine", "/api-docs", "/no-such-page"]) {
          await page.goto(path);
          await expect(page.locator("h1").first()).toBeVisible();
          expect({ path, violations: await violations(page) }).toEqual({ path, violations: [] });
        }
      });
    });
  }
}
