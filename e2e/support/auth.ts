import type { Page } from "@playwright/test";

export type DemoRole = "operator" | "supervisor" | "admin";

/** Signs in through the API (the demo accounts' password is the username); the cookie lands in the page's context. */
export async function signIn(page: Page, role: DemoRole = "supervisor"): Promise<void> {
  const response = await page.request.post("/api/auth/login", { data: { username: role, password: role } });
  if (!response.ok()) throw new Error(`sign-in as ${role} failed: HTTP ${response.status()}`);
}

/** Waits until the first sync has indexed calls (the demo syncs on start-up). */
export async function waitForIndex(page: Page, minimum = 1): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const response = await page.request.get("/api/calls?limit=1");
    if (response.ok() && ((await response.json()) as { total: number }).total >= minimum) return;
    await page.waitForTimeout(500);
  }
  throw new Error("the index never filled");
}
