import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { SIM_CREDENTIALS } from "../lib/simulator/credentials";
import { signIn, waitForIndex } from "./support/auth";

/** Every client file the production build ships to browsers. */
function clientFiles(): string[] {
  const root = path.resolve(process.env.NEXT_DIST_DIR || ".next", "static");
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(root);
  return out;
}

test("no configured secret is in any browser bundle or page", async ({ page }) => {
  // In demo mode the sources are configured with the simulator's credentials: they stand in for real keys.
  const secrets = [
    SIM_CREDENTIALS.aliyun.accessKeySecret,
    SIM_CREDENTIALS.tanyi.appSecret,
    SIM_CREDENTIALS.tanyi.appKey,
    SIM_CREDENTIALS.agent.token,
    fs.readFileSync(path.resolve("data/e2e/session-secret"), "utf8").trim(),
  ];
  const files = clientFiles();
  expect(files.length).toBeGreaterThan(5);
  for (const file of files) {
    const text = fs.readFileSync(file, "latin1");
    for (const secret of secrets)
      expect(text.includes(secret), `${secret.slice(0, 6)}… in ${file}`).toBe(false);
  }
  await signIn(page, "admin");
  for (const url of ["/calls", "/sources", "/admin/audit", "/admin/quarantine"]) {
    const html = await (await page.request.get(url)).text();
    for (const secret of secrets) expect(html.includes(secret), `${url}`).toBe(false);
  }
  const calls = (await (await page.request.get("/api/calls?limit=1&result=answered")).json()) as {
    items: { id: string }[];
  };
  const detail = await (await page.request.get(`/api/calls/${calls.items[0]!.id}`)).text();
  expect(detail).not.toMatch(/Signature=|OSSAccessKeyId|Expires=/);
});

test("pages carry the security headers", async ({ page }) => {
  const response = await page.request.get("/login");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("media-src 'self' blob:");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-powered-by"]).toBeUndefined();
});

test("the API refuses without a session, even with middleware-bypass headers", async ({ request }) => {
  for (const url of ["/api/calls", "/api/sources", "/api/audit"]) {
    const response = await request.get(url, {
      headers: { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
    });
    expect(response.status(), url).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
  }
  expect((await request.get("/api/health")).status()).toBe(200);
});

// ---- #14: the security findings, tried against the production build as an attacker would ----

test("#2 after logout, a copied session cookie is dead", async ({ page, playwright, baseURL }) => {
  await signIn(page, "operator");
  const cookie = (await page.context().cookies()).find((c) => c.name === "callscope_session")!;
  expect((await page.request.get("/api/auth/session")).status()).toBe(200);
  expect((await page.request.post("/api/auth/logout")).status()).toBe(200);
  const thief = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { cookie: `callscope_session=${cookie.value}` },
  });
  expect((await thief.get("/api/auth/session")).status()).toBe(401);
  expect((await thief.get("/api/calls")).status()).toBe(401);
  await thief.dispose();
});

test("#4 /login?next=/%09/example.org stays on the site", async ({ page, baseURL }) => {
  await signIn(page, "operator");
  for (const next of ["/%09/example.org", "//example.org", "/%5Cexample.org", "https://example.org/"]) {
    const response = await page.request.get(`/login?next=${next}`, { maxRedirects: 0 });
    expect(response.status(), next).toBeGreaterThanOrEqual(300);
    const location = new URL(response.headers()["location"]!, baseURL);
    expect(location.origin, next).toBe(new URL(baseURL!).origin);
  }
});

test("#5 a forged X-Forwarded-For does not reach the audit log", async ({ page }) => {
  const forged = await page.request.post("/api/auth/login", {
    data: { username: "operator", password: "wrong" },
    headers: { "x-forwarded-for": "1.2.3.4" },
  });
  expect(forged.status()).toBe(401);
  await signIn(page, "admin");
  const log = (await (await page.request.get("/api/audit?action=auth.login_failed&limit=1")).json()) as {
    items: { ip: string | null }[];
  };
  expect(log.items[0]!.ip).toBe("127.0.0.1");
});

test("#1 an operator's partial number finds nothing, on the API and the page; the whole number works", async ({
  page,
}) => {
  await signIn(page, "supervisor");
  await waitForIndex(page, 10);
  const call = (
    (await (await page.request.get("/api/calls?limit=1")).json()) as {
      items: { id: string; callee: string }[];
    }
  ).items[0]!;
  await signIn(page, "operator");
  const partial = call.callee.slice(0, 7);
  const ids = async (q: string) =>
    (
      (await (await page.request.get(`/api/calls?limit=500&q=${q}`)).json()) as { items: { id: string }[] }
    ).items.map((item) => item.id);
  expect(await ids(partial)).not.toContain(call.id);
  expect(await ids(call.callee)).toContain(call.id);
  await page.goto(`/calls?q=${partial}`);
  await expect(page.locator(`a[href^="/calls/${call.id}"]`)).toHaveCount(0);
  await page.goto(`/calls?q=${call.callee}`);
  await expect(page.locator(`a[href^="/calls/${call.id}"]`).first()).toBeVisible();
  await expect(page.getByText(call.callee)).toHaveCount(0);
});

test("#14 pages carry a nonce CSP without 'unsafe-inline' scripts, and still run", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/login");
  const csp = response!.headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp.split(";").find((part) => part.trim().startsWith("script-src"))).not.toContain("unsafe-inline");
  const again = (await page.request.get("/login")).headers()["content-security-policy"];
  expect(again).not.toBe(csp); // a fresh nonce per request
  // The login form is a client component: it works only if Next.js's nonce'd scripts ran.
  await page.getByRole("button", { name: /operator/ }).click();
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/calls/);
  expect(violations).toEqual([]);
});

test("#12 demo mode answers only to localhost names (DNS rebinding)", async ({ baseURL }) => {
  const { port } = new URL(baseURL!);
  const status = (path: string, host: string) =>
    new Promise<number>((resolve, reject) => {
      const request = http.get({ host: "127.0.0.1", port, path, headers: { host } }, (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      request.on("error", reject);
    });
  // Demo accounts are printed on the login page: a rebinding page could sign in and read every call.
  expect(await status("/api/calls", "rebind.attacker.example")).toBe(403);
  expect(await status("/login", "rebind.attacker.example")).toBe(404);
  expect(await status("/api/calls", `localhost:${port}`)).toBe(401);
  expect(await status("/login", `localhost:${port}`)).toBe(200);
});
