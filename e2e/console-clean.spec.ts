import { expect, test, type Page } from "@playwright/test";
import { signIn, waitForIndex } from "./support/auth";

/**
 * No page throws in the browser or logs a console error (React's minified errors, such as #441 for a
 * server component that failed, arrive as console errors), in the production build. The one
 * console error allowed is Chromium's own report that a not-found page was answered with 404.
 */

function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console.error: ${message.text()}`);
  });
  return problems;
}

const NOT_FOUND_REPORT =
  /^console\.error: Failed to load resource: the server responded with a status of 404/;

/** Chromium's own report of a recording or its waveform that the server answered with a vendor timeout. */
const VENDOR_TIMEOUT_REPORT =
  /^console\.error: Failed to load resource: the server responded with a status of 504/;

async function visit(
  page: Page,
  problems: string[],
  path: string,
  expectedStatus = 200,
  allowed: RegExp | null = null,
): Promise<void> {
  const before = problems.length;
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(expectedStatus);
  await page.waitForLoadState("networkidle");
  // Late effects (the waveform, lazy panels) get a moment to fail too.
  await page.waitForTimeout(500);
  const found = problems
    .slice(before)
    .filter((problem) => !(expectedStatus === 404 && NOT_FOUND_REPORT.test(problem)))
    .filter((problem) => !allowed?.test(problem));
  expect(found, `${path}`).toEqual([]);
}

test("no browser errors on any page, signed in as an admin, in both languages", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin");
  await waitForIndex(page, 100);
  const list = await page.request.get("/api/calls?limit=200");
  const items = ((await list.json()) as { items: { id: string; result: string; hasRecording: boolean }[] })
    .items;
  const answered = items.find((call) => call.result === "answered" && call.hasRecording)!;
  const unanswered = items.find((call) => call.result !== "answered")!;
  const problems = watch(page);
  for (const locale of ["zh-CN", "en"]) {
    if (locale === "en") {
      await page.goto("/calls");
      await page.getByRole("button", { name: "English" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
    }
    await visit(page, problems, "/calls");
    await visit(page, problems, "/calls?intent=A&sort=durationSec:desc");
    await visit(page, problems, `/calls/${answered.id}`);
    await visit(page, problems, `/calls/${answered.id}?t=3`);
    await visit(page, problems, `/calls/${unanswered.id}`);
    await visit(page, problems, "/sources");
    await visit(page, problems, "/admin/audit");
    await visit(page, problems, "/admin/quarantine");
    await visit(page, problems, "/admin/sessions");
    await visit(page, problems, "/analytics");
    await visit(page, problems, "/reviews");
    await visit(page, problems, "/api-docs");
    await visit(page, problems, "/calls/no-such-call", 404);
    await visit(page, problems, "/no-such-page", 404);
  }
  await page.goto("/calls");
  await page.getByRole("button", { name: "中文" }).click();
  // Moving around inside the app, not only loading pages: list → call → next call → back.
  await page.locator('[role="row"][data-call-id]').nth(2).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/calls\/[\w-]+/);
  await page.waitForLoadState("networkidle");
  await page.goBack();
  await page.waitForLoadState("networkidle");
  // The not-found visits' own 404 reports were allowed above; anything else is not.
  expect(problems.filter((problem) => !NOT_FOUND_REPORT.test(problem))).toEqual([]);
});

test("no browser errors on the sign-in page and signing in", async ({ page }) => {
  const problems = watch(page);
  await visit(page, problems, "/login");
  await page.getByLabel(/用户名|Username/).fill("operator");
  await page.getByLabel(/密码|Password/).fill("operator");
  await page.getByLabel(/密码|Password/).press("Enter");
  await expect(page).toHaveURL(/\/calls/);
  await page.waitForLoadState("networkidle");
  expect(problems).toEqual([]);
});

test("no browser errors while a vendor hangs (the call page shows the indexed copy)", async ({ page }) => {
  await signIn(page, "admin");
  const items = (
    (await (await page.request.get("/api/calls?limit=100&result=answered")).json()) as {
      items: { id: string }[];
    }
  ).items;
  await page.request.post("/api/demo/faults", { data: { mode: "hang" } });
  try {
    const problems = watch(page);
    // The recording cannot be fetched while the vendor hangs: its waveform answers 504 (the page says so),
    // which Chromium reports on its own. Nothing else may fail.
    await visit(page, problems, `/calls/${items[40]!.id}`, 200, VENDOR_TIMEOUT_REPORT);
  } finally {
    await page.request.delete("/api/demo/faults");
  }
});
