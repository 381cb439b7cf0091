import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as auditRoute } from "@/app/api/audit/route";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as neighbors } from "@/app/api/calls/[id]/neighbors/route";
import { GET as peaks } from "@/app/api/calls/[id]/peaks/route";
import { GET as recording } from "@/app/api/calls/[id]/recording/route";
import { PATCH as review } from "@/app/api/calls/[id]/review/route";
import { GET as detail } from "@/app/api/calls/[id]/route";
import { GET as list } from "@/app/api/calls/route";
import { GET as stats } from "@/app/api/calls/stats/route";
import { POST as sync } from "@/app/api/sources/[id]/sync/route";
import { EMPTY_QUERY } from "@/lib/calls/query";
import type { Runtime } from "@/lib/server/runtime";
import { createTestRuntime, paramsOf, requestAs } from "@/lib/testing/runtime";
import { seedCalls } from "@/lib/testing/seed-calls";

/**
 * Property tests: random queries and bodies thrown at every route never produce a 500 or a stack,
 * and every 4xx carries the one error body.
 */

let runtime: Runtime;
let ids: string[] = [];

beforeAll(async () => {
  runtime = await createTestRuntime();
  await runtime.store.calls.upsert(
    seedCalls(60, 3).map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
  );
  ids = (await runtime.store.calls.list({ ...EMPTY_QUERY, limit: 60 }, "Asia/Shanghai")).items.map(
    (item) => item.id,
  );
});
afterAll(() => runtime.close());

const PARAMS = [
  "source",
  "task",
  "result",
  "hangup",
  "roundsMin",
  "roundsMax",
  "intent",
  "durationMin",
  "durationMax",
  "from",
  "to",
  "q",
  "review",
  "sort",
  "limit",
  "cursor",
  "points",
  "before",
  "action",
  "username",
];
const VALUE = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom(
    "A,B",
    "none",
    "answered,busy",
    "robot",
    "startedAt:asc",
    "rounds:sideways",
    "2026-11-01",
    "2026-13-45",
    "-1",
    "1e309",
    "NaN",
    "%",
    "😀",
    "利息",
    "\u0000",
    " ".repeat(3),
    "x".repeat(5000),
  ),
);
const QUERY = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...PARAMS), fc.string()), VALUE), { maxLength: 8 })
  .map((pairs) => new URLSearchParams(pairs).toString());

async function expectNoServerError(response: Response): Promise<void> {
  expect(response.status).toBeLessThan(500);
  if (response.status >= 400) {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof body.error?.code).toBe("string");
    expect(typeof body.error?.message).toBe("string");
    expect(String(body.error?.message)).not.toMatch(/\n\s+at |node_modules/);
  }
}

const RUNS = { numRuns: 150 };

describe("no route answers a random query with a 500", () => {
  const routes: [string, (query: string, id: string) => Promise<Response>][] = [
    ["GET /api/calls", async (q) => list(await requestAs("admin", `/api/calls?${q}`), paramsOf({}))],
    [
      "GET /api/calls/stats",
      async (q) => stats(await requestAs("admin", `/api/calls/stats?${q}`), paramsOf({})),
    ],
    [
      "GET /api/calls/{id}/neighbors",
      async (q, id) =>
        neighbors(await requestAs("admin", `/api/calls/${id}/neighbors?${q}`), paramsOf({ id })),
    ],
    [
      "GET /api/calls/{id}/peaks",
      async (q, id) => peaks(await requestAs("admin", `/api/calls/${id}/peaks?${q}`), paramsOf({ id })),
    ],
    [
      "GET /api/calls/{id}",
      async (q, id) => detail(await requestAs("admin", `/api/calls/${id}?${q}`), paramsOf({ id })),
    ],
    [
      "GET /api/calls/{id}/recording",
      async (q, id) =>
        recording(
          await requestAs("admin", `/api/calls/${id}/recording?${q}`, { headers: { range: q.slice(0, 40) } }),
          paramsOf({ id }),
        ),
    ],
    ["GET /api/audit", async (q) => auditRoute(await requestAs("admin", `/api/audit?${q}`), paramsOf({}))],
  ];
  const ID = fc.oneof(
    fc.constantFrom(...["x"]).map(() => ids[0]!),
    fc.string({ minLength: 1 }).map(encodeURIComponent),
  );
  test.each(routes)("%s", async (_name, call) => {
    await fc.assert(
      fc.asyncProperty(QUERY, ID, async (query, id) => expectNoServerError(await call(query, id))),
      RUNS,
    );
  });
});

describe("no route answers a random body with a 500", () => {
  const BODY = fc.oneof(
    fc.json(),
    fc.string(),
    fc
      .record({ status: fc.anything(), intent: fc.anything(), note: fc.anything() }, { requiredKeys: [] })
      .map((value) => JSON.stringify(value)),
    fc
      .record({ username: fc.anything(), password: fc.anything() }, { requiredKeys: [] })
      .map((value) => JSON.stringify(value)),
  );
  test("PATCH /api/calls/{id}/review", async () => {
    await fc.assert(
      fc.asyncProperty(BODY, async (body) => {
        const id = ids[1]!;
        await expectNoServerError(
          await review(
            await requestAs("supervisor", `/api/calls/${id}/review`, { method: "PATCH", body }),
            paramsOf({ id }),
          ),
        );
      }),
      RUNS,
    );
  });
  test("POST /api/auth/login", async () => {
    await fc.assert(
      fc.asyncProperty(BODY, fc.ipV4(), async (body, ip) => {
        await expectNoServerError(
          await login(
            await requestAs(null, "/api/auth/login", {
              method: "POST",
              body,
              headers: { "x-forwarded-for": ip },
            }),
            paramsOf({}),
          ),
        );
      }),
      { numRuns: 60 },
    );
  });
  test("POST /api/sources/{id}/sync with any id", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), async (id) => {
        await expectNoServerError(
          await sync(await requestAs("admin", `/api/sources/x/sync`, { method: "POST" }), paramsOf({ id })),
        );
      }),
      RUNS,
    );
  });
});

/**
 * A NUL character (U+0000) is text PostgreSQL cannot hold or compare with: it failed the statement,
 * a 500 (found by the audit route's fuzz above on PostgreSQL). The same 400 on both backends now.
 */
describe("a NUL character is refused as bad input", () => {
  test("in a query parameter: 400 naming it, on every route", async () => {
    const audit = await auditRoute(await requestAs("admin", "/api/audit?action=%00"), paramsOf({}));
    expect(audit.status).toBe(400);
    expect(((await audit.json()) as { error: { message: string } }).error.message).toMatch(/^action: /);
    const calls = await list(await requestAs("admin", "/api/calls?q=%E4%BB%B7%00"), paramsOf({}));
    expect(calls.status).toBe(400);
    expect(((await calls.json()) as { error: { message: string } }).error.message).toMatch(/^q: /);
  });

  test("in a body's text: never a 500, and never stored cut short", async () => {
    const id = ids[1]!;
    const body = JSON.stringify({ status: "flagged", note: "价格\u0000太贵" });
    const response = await review(
      await requestAs("supervisor", `/api/calls/${id}/review`, { method: "PATCH", body }),
      paramsOf({ id }),
    );
    await expectNoServerError(response);
    if (response.ok) expect((await runtime.store.reviews.get(id)).note).toBe("价格\u0000太贵");
  });
});
