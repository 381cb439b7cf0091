import net from "node:net";
import { expect, request, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { PEAK_RESOLUTIONS } from "../lib/peak-resolutions";
import { signIn, waitForIndex } from "./support/auth";

/**
 * Every error status each route can answer, against the production build: the status, the one error
 * body `{error: {code, message}}`, and its code. Vendor failures are made with the demo's fault
 * injection (`POST /api/demo/faults`; prefix "/oss" is the recording host).
 */

const EVIL = "http://evil.example";
const BIG = "x".repeat(70 * 1024); // over the 64 KB body limit

type Role = "operator" | "supervisor" | "admin";
const clients = new Map<Role | "anonymous", APIRequestContext>();

async function as(who: Role | "anonymous"): Promise<APIRequestContext> {
  let client = clients.get(who);
  if (!client) {
    client = await request.newContext({ baseURL: test.info().project.use.baseURL });
    if (who !== "anonymous") {
      const response = await client.post("/api/auth/login", { data: { username: who, password: who } });
      expect(response.status(), `sign in as ${who}`).toBe(200);
    }
    clients.set(who, client);
  }
  return client;
}

async function expectError(response: APIResponse, status: number, code: string): Promise<string> {
  expect(response.status(), `${response.url()} → ${await response.text()}`).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error.message;
}

interface Summary {
  id: string;
  hasRecording: boolean;
  result: string;
  sourceId: string;
}

let calls: Summary[] = [];
const withRecording = () => calls.filter((call) => call.hasRecording);
const withoutRecording = () => calls.find((call) => !call.hasRecording)!;

async function faults(rules: object[] | null): Promise<void> {
  const admin = await as("admin");
  const response = rules
    ? await admin.post("/api/demo/faults", { data: rules })
    : await admin.delete("/api/demo/faults");
  expect(response.status()).toBe(200);
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page, "admin");
  await waitForIndex(page, 300);
  await page.close();
  const list = await (await as("admin")).get("/api/calls?limit=500");
  calls = ((await list.json()) as { items: Summary[] }).items;
  expect(withRecording().length).toBeGreaterThan(20);
  expect(withoutRecording()).toBeDefined();
});

test.afterEach(async () => faults(null));

test.afterAll(async () => {
  for (const client of clients.values()) await client.dispose();
});

test.describe("auth", () => {
  test("POST /api/auth/login: 400, 401, 403, 413, 429", async () => {
    const anonymous = await as("anonymous");
    expect(
      await expectError(
        await anonymous.post("/api/auth/login", { data: { username: "admin" } }),
        400,
        "invalid_body",
      ),
    ).toMatch(/^password: /);
    await expectError(
      await anonymous.post("/api/auth/login", {
        headers: { "content-type": "text/plain" },
        data: "admin:admin",
      }),
      400,
      "invalid_body",
    );
    await expectError(
      await anonymous.post("/api/auth/login", { data: { username: "admin", password: "wrong" } }),
      401,
      "unauthorized",
    );
    await expectError(
      await anonymous.post("/api/auth/login", {
        headers: { origin: EVIL },
        data: { username: "admin", password: "admin" },
      }),
      403,
      "forbidden",
    );
    await expectError(
      await anonymous.post("/api/auth/login", { data: { username: "admin", password: BIG } }),
      413,
      "payload_too_large",
    );
    // Guessing: a name of its own and an address of its own, so no other spec is locked out.
    const guess = { username: "e2e-guesser", password: "wrong" };
    const from = { "x-forwarded-for": "203.0.113.77" };
    for (let i = 0; i < 5; i++) {
      await expectError(
        await anonymous.post("/api/auth/login", { headers: from, data: guess }),
        401,
        "unauthorized",
      );
    }
    const locked = await anonymous.post("/api/auth/login", { headers: from, data: guess });
    await expectError(locked, 429, "too_many_requests");
    expect(Number(locked.headers()["retry-after"])).toBeGreaterThan(0);
  });

  test("POST /api/auth/logout: 401 without a session, 403 cross-origin", async () => {
    await expectError(await (await as("anonymous")).post("/api/auth/logout"), 401, "unauthorized");
    await expectError(
      await (await as("operator")).post("/api/auth/logout", { headers: { origin: EVIL } }),
      403,
      "forbidden",
    );
  });

  test("GET /api/auth/session, /api/sources: 401 signed out", async () => {
    const anonymous = await as("anonymous");
    await expectError(await anonymous.get("/api/auth/session"), 401, "unauthorized");
    await expectError(await anonymous.get("/api/sources"), 401, "unauthorized");
  });
});

test.describe("lists", () => {
  for (const path of ["/api/calls", "/api/calls/stats", "/api/calls/export"]) {
    test(`GET ${path}: 400 naming the parameter, 401 signed out`, async () => {
      const operator = await as("operator");
      expect(await expectError(await operator.get(`${path}?intent=Z`), 400, "invalid_query")).toMatch(
        /^intent: /,
      );
      expect(await expectError(await operator.get(`${path}?durationMin=abc`), 400, "invalid_query")).toMatch(
        /^durationMin: /,
      );
      await expectError(await (await as("anonymous")).get(path), 401, "unauthorized");
    });
  }

  test("GET /api/calls: 400 for a bad limit, sort or cursor", async () => {
    const operator = await as("operator");
    expect(await expectError(await operator.get("/api/calls?limit=0"), 400, "invalid_query")).toMatch(
      /^limit: /,
    );
    expect(await expectError(await operator.get("/api/calls?sort=callee"), 400, "invalid_query")).toMatch(
      /^sort: /,
    );
    expect(await expectError(await operator.get("/api/calls?cursor=nonsense"), 400, "invalid_query")).toMatch(
      /^cursor: /,
    );
  });
});

test.describe("one call", () => {
  test("GET /api/calls/{id}: 401, 404 not_found", async () => {
    await expectError(await (await as("anonymous")).get(`/api/calls/${calls[0]!.id}`), 401, "unauthorized");
    await expectError(await (await as("operator")).get("/api/calls/no-such-call"), 404, "not_found");
  });

  test("GET /api/calls/{id}/neighbors: 400, 401, 404", async () => {
    const operator = await as("operator");
    await expectError(
      await operator.get(`/api/calls/${calls[0]!.id}/neighbors?limit=-1`),
      400,
      "invalid_query",
    );
    await expectError(
      await (await as("anonymous")).get(`/api/calls/${calls[0]!.id}/neighbors`),
      401,
      "unauthorized",
    );
    await expectError(await operator.get("/api/calls/no-such-call/neighbors"), 404, "not_found");
  });

  test("PATCH /api/calls/{id}/review: 400, 401, 403, 404, 413", async () => {
    const supervisor = await as("supervisor");
    const id = calls[1]!.id;
    expect(
      await expectError(
        await supervisor.patch(`/api/calls/${id}/review`, { data: { status: "great" } }),
        400,
        "invalid_body",
      ),
    ).toMatch(/^status: /);
    await expectError(
      await (await as("anonymous")).patch(`/api/calls/${id}/review`, { data: { status: "reviewed" } }),
      401,
      "unauthorized",
    );
    await expectError(
      await (await as("operator")).patch(`/api/calls/${id}/review`, { data: { status: "reviewed" } }),
      403,
      "forbidden",
    );
    await expectError(
      await supervisor.patch(`/api/calls/${id}/review`, {
        headers: { origin: EVIL },
        data: { status: "reviewed" },
      }),
      403,
      "forbidden",
    );
    await expectError(
      await supervisor.patch("/api/calls/no-such-call/review", { data: { status: "reviewed" } }),
      404,
      "not_found",
    );
    await expectError(
      await supervisor.patch(`/api/calls/${id}/review`, { data: { note: BIG } }),
      413,
      "payload_too_large",
    );
  });

  test("GET /api/calls/{id}/recording: 401, 404 (unknown call, no recording), 416", async () => {
    const operator = await as("operator");
    const id = withRecording()[0]!.id;
    await expectError(await (await as("anonymous")).get(`/api/calls/${id}/recording`), 401, "unauthorized");
    await expectError(await operator.get("/api/calls/no-such-call/recording"), 404, "not_found");
    expect(
      await expectError(
        await operator.get(`/api/calls/${withoutRecording().id}/recording`),
        404,
        "not_found",
      ),
    ).toMatch(/no recording/);
    const past = await operator.get(`/api/calls/${id}/recording`, { headers: { range: "bytes=999999999-" } });
    expect(past.status()).toBe(416);
    expect(past.headers()["content-range"]).toMatch(/^bytes \*\/\d+$/);
  });

  test("GET /api/calls/{id}/recording: 502 when the recording host fails, 504 within 8 s when it hangs", async () => {
    const operator = await as("operator");
    const [failing, hanging] = withRecording().slice(2, 4);
    await faults([{ mode: "unavailable", prefix: "/oss" }]);
    await expectError(await operator.get(`/api/calls/${failing!.id}/recording`), 502, "vendor_unavailable");
    await faults(null);
    await faults([{ mode: "hang", prefix: "/oss" }]);
    const started = Date.now();
    await expectError(
      await operator.get(`/api/calls/${hanging!.id}/recording`, { timeout: 30_000 }),
      504,
      "vendor_timeout",
    );
    expect(Date.now() - started).toBeLessThanOrEqual(8_000);
  });

  test("GET /api/calls/{id}/peaks: 400, 401, 404, 502, 504 within 8 s", async () => {
    const operator = await as("operator");
    const [failing, hanging] = withRecording().slice(5, 7);
    expect(
      await expectError(await operator.get(`/api/calls/${failing!.id}/peaks?points=3`), 400, "invalid_query"),
    ).toMatch(/^points: /);
    await expectError(
      await (await as("anonymous")).get(`/api/calls/${failing!.id}/peaks`),
      401,
      "unauthorized",
    );
    await expectError(await operator.get("/api/calls/no-such-call/peaks"), 404, "not_found");
    await expectError(await operator.get(`/api/calls/${withoutRecording().id}/peaks`), 404, "not_found");
    // The background analysis may already have cached these calls' peaks at the page's resolution:
    // the closest zoom's resolution, which no short call's page asks for, has to read the recording.
    const uncached = `peaks?points=${PEAK_RESOLUTIONS.at(-1)}`;
    await faults([{ mode: "unavailable", prefix: "/oss" }]);
    await expectError(await operator.get(`/api/calls/${failing!.id}/${uncached}`), 502, "vendor_unavailable");
    await faults(null);
    await faults([{ mode: "hang", prefix: "/oss" }]);
    const started = Date.now();
    await expectError(
      await operator.get(`/api/calls/${hanging!.id}/${uncached}`, { timeout: 30_000 }),
      504,
      "vendor_timeout",
    );
    expect(Date.now() - started).toBeLessThanOrEqual(8_000);
  });

  test("GET /api/calls/{id}/alignment: 401, 404 (unknown call, no recording)", async () => {
    const operator = await as("operator");
    await expectError(
      await (await as("anonymous")).get(`/api/calls/${withRecording()[0]!.id}/alignment`),
      401,
      "unauthorized",
    );
    await expectError(await operator.get("/api/calls/no-such-call/alignment"), 404, "not_found");
    expect(
      await expectError(
        await operator.get(`/api/calls/${withoutRecording().id}/alignment`),
        404,
        "not_found",
      ),
    ).toMatch(/no recording/);
  });

  test("a vendor that hangs: the call's detail answers within 8 s with the indexed copy, marked stale", async () => {
    const call = calls.filter((c) => c.result === "answered")[20]!;
    await faults([{ mode: "hang" }]);
    const started = Date.now();
    const response = await (await as("operator")).get(`/api/calls/${call.id}`, { timeout: 30_000 });
    const waited = Date.now() - started;
    expect(response.status()).toBe(200);
    const detail = (await response.json()) as { stale?: boolean; transcript: unknown[] };
    expect(detail.stale).toBe(true);
    expect(detail.transcript.length).toBeGreaterThan(0);
    expect(waited).toBeLessThanOrEqual(8_000);
  });

  test("a vendor that hangs: the call page shows the indexed copy within 8 s and says so", async ({
    page,
  }) => {
    const call = calls.filter((c) => c.result === "answered")[21]!;
    await signIn(page, "operator");
    await faults([{ mode: "hang" }]);
    const started = Date.now();
    // What a person sees: the notice on screen, not the browser's load event (which also waits for
    // the page's scripts and the rest of the stream).
    await page.goto(`/calls/${call.id}`, { waitUntil: "commit", timeout: 30_000 });
    await expect(page.getByText("暂时连不上厂商，下面是索引中保存的副本，可能不是最新。")).toBeVisible({
      timeout: 30_000,
    });
    expect(Date.now() - started).toBeLessThanOrEqual(8_000);
  });
});

test.describe("admin", () => {
  test("POST /api/sources/{id}/sync: 401, 403 (role, cross-origin), 404", async () => {
    await expectError(await (await as("anonymous")).post("/api/sources/tanyi/sync"), 401, "unauthorized");
    await expectError(await (await as("supervisor")).post("/api/sources/tanyi/sync"), 403, "forbidden");
    await expectError(
      await (await as("admin")).post("/api/sources/tanyi/sync", { headers: { origin: EVIL } }),
      403,
      "forbidden",
    );
    await expectError(await (await as("admin")).post("/api/sources/no-such-source/sync"), 404, "not_found");
  });

  test("POST /api/sources/{id}/sync: 403 when the client names its own origin as X-Forwarded-Host", async () => {
    // No trustProxy in the demo: the header is anyone's word, not a proxy's.
    await expectError(
      await (
        await as("admin")
      ).post("/api/sources/tanyi/sync", {
        headers: { origin: EVIL, "x-forwarded-host": new URL(EVIL).host },
      }),
      403,
      "forbidden",
    );
  });

  test("GET /api/audit: 400, 401, 403", async () => {
    expect(
      await expectError(await (await as("admin")).get("/api/audit?limit=0"), 400, "invalid_query"),
    ).toMatch(/^limit: /);
    await expectError(await (await as("anonymous")).get("/api/audit"), 401, "unauthorized");
    await expectError(await (await as("supervisor")).get("/api/audit"), 403, "forbidden");
  });

  test("GET /api/quarantine, POST /api/quarantine/reprocess: 401, 403", async () => {
    await expectError(await (await as("anonymous")).get("/api/quarantine"), 401, "unauthorized");
    await expectError(await (await as("supervisor")).get("/api/quarantine"), 403, "forbidden");
    await expectError(await (await as("anonymous")).post("/api/quarantine/reprocess"), 401, "unauthorized");
    await expectError(await (await as("supervisor")).post("/api/quarantine/reprocess"), 403, "forbidden");
    await expectError(
      await (await as("admin")).post("/api/quarantine/reprocess", { headers: { origin: EVIL } }),
      403,
      "forbidden",
    );
  });

  test("POST /api/demo/faults: 400, 401, 403, 413", async () => {
    const admin = await as("admin");
    expect(
      await expectError(
        await admin.post("/api/demo/faults", { data: { mode: "explode" } }),
        400,
        "invalid_body",
      ),
    ).toMatch(/^mode: /);
    await expectError(
      await (await as("anonymous")).post("/api/demo/faults", { data: { mode: "hang" } }),
      401,
      "unauthorized",
    );
    await expectError(
      await (await as("supervisor")).post("/api/demo/faults", { data: { mode: "hang" } }),
      403,
      "forbidden",
    );
    await expectError(
      await admin.post("/api/demo/faults", { data: { mode: "hang", match: BIG } }),
      413,
      "payload_too_large",
    );
  });
});

test.describe("paths and methods", () => {
  const BAD_ESCAPES = [
    "/api/calls/%ZZ",
    "/api/calls/%ZZ/peaks",
    "/api/calls/%ZZ/review",
    "/api/calls/%ZZ/annotations/1",
    "/api/review-batches/%ZZ",
    "/api/sources/%ZZ/sync",
  ];

  test("a bad percent-escape in an API path: 400 invalid_request, signed in or not", async () => {
    for (const who of ["anonymous", "admin"] as const)
      for (const path of BAD_ESCAPES)
        expect(await expectError(await (await as(who)).get(path), 400, "invalid_request")).toMatch(
          /path is not valid/,
        );
  });

  test("a bad percent-escape in a page's path: the not-found page", async ({ page }) => {
    for (const path of ["/calls/%ZZ", "/reviews/%ZZ"]) {
      const response = await page.goto(path);
      expect(response!.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
    }
  });

  test("an unknown /api path: 404 not_found for any method; real routes still answer", async () => {
    const admin = await as("admin");
    await expectError(await admin.get("/api/no-such-thing"), 404, "not_found");
    await expectError(await admin.post("/api/no/such/thing"), 404, "not_found");
    await expectError(await admin.get(`/api/calls/${calls[0]!.id}/no-such-thing`), 404, "not_found");
    await expectError(await (await as("anonymous")).get("/api/no-such-thing"), 404, "not_found");
    expect((await admin.get("/api/calls/stats")).status()).toBe(200);
    expect((await admin.get("/api/openapi.json")).status()).toBe(200);
  });

  test("a method a route does not serve: 405 method_not_allowed with Allow", async () => {
    const admin = await as("admin");
    const getSession = await admin.get("/api/admin/sessions/x");
    await expectError(getSession, 405, "method_not_allowed");
    expect(getSession.headers()["allow"]).toBe("DELETE, OPTIONS");
    const putCalls = await admin.put("/api/calls");
    await expectError(putCalls, 405, "method_not_allowed");
    expect(putCalls.headers()["allow"]).toBe("GET, HEAD, OPTIONS");
  });

  test("an upload the client drops midway: a 400 in the metrics, never a 500", async ({ baseURL }) => {
    const count = async (status: number) => {
      const text = await (await (await as("admin")).get("/api/metrics")).text();
      const line = new RegExp(
        `^callscope_http_request_duration_seconds_count\\{route="/api/auth/login",method="POST",status="${status}"\\} (\\d+)$`,
        "m",
      ).exec(text);
      return Number(line?.[1] ?? 0);
    };
    const before = await count(400);
    const { hostname, port } = new URL(baseURL!);
    // Content-Length 1000, 7 bytes sent, then the connection is gone.
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(port), hostname, () => {
        socket.write(
          `POST /api/auth/login HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
            `Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"user"`,
        );
        setTimeout(() => socket.destroy(), 300);
      });
      socket.on("close", () => resolve());
    });
    await expect.poll(() => count(400)).toBe(before + 1);
    expect(await count(500)).toBe(0);
  });
});

test.describe("pages", () => {
  test("an unknown call is a 404 page that says so and leads back to the list, in both languages", async ({
    page,
  }) => {
    await signIn(page, "operator");
    const response = await page.goto("/calls/no-such-call");
    expect(response!.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "找不到这通电话" })).toBeVisible();
    await page.getByRole("link", { name: "返回通话记录" }).last().click();
    await expect(page).toHaveURL(/\/calls$/);

    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    const english = await page.goto("/calls/no-such-call");
    expect(english!.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Call not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to calls" }).last()).toHaveAttribute("href", "/calls");
    await page.getByRole("button", { name: "中文" }).click();
  });

  test("an unknown page is a 404", async ({ page }) => {
    await signIn(page, "operator");
    const response = await page.goto("/no-such-page");
    expect(response!.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  });
});
