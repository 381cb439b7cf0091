import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { SIM_CREDENTIALS } from "../lib/simulator/credentials";
import { signIn } from "./support/auth";

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
