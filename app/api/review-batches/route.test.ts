import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { PATCH as review } from "@/app/api/calls/[id]/review/route";
import { EMPTY_QUERY } from "@/lib/calls/query";
import type { ReviewBatch, ReviewBatchDetail } from "@/lib/model";
import { installRuntime, type Runtime } from "@/lib/server/runtime";
import { createTestRuntime, paramsOf, requestAs } from "@/lib/testing/runtime";
import { seedCalls } from "@/lib/testing/seed-calls";
import { GET as next } from "./[id]/next/route";
import { GET as one } from "./[id]/route";
import { GET as all, POST } from "./route";

let runtime: Runtime;
const TZ = "Asia/Shanghai";

beforeEach(async () => {
  runtime = await createTestRuntime();
  await runtime.store.calls.upsert(seedCalls(600, 11).map((seed) => ({ ...seed, from: "list" as const })));
});

afterEach(async () => {
  await runtime.close();
  installRuntime(null);
});

type Who = "operator" | "supervisor" | "admin" | null;

async function create(who: Who, body: unknown) {
  return POST(await requestAs(who, "/api/review-batches", { method: "POST", body }), paramsOf({}));
}

async function created(body: unknown, who: Who = "supervisor"): Promise<ReviewBatchDetail> {
  const response = await create(who, body);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as ReviewBatchDetail;
}

async function get(id: string, who: Who = "supervisor") {
  return one(await requestAs(who, `/api/review-batches/${id}`), paramsOf({ id }));
}

async function nextOf(id: string, after?: string) {
  const search = after ? `?after=${after}` : "";
  return next(await requestAs("supervisor", `/api/review-batches/${id}/next${search}`), paramsOf({ id }));
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

/** Every call id the list query matches, in list order. */
async function matching(search: string): Promise<string[]> {
  const params = new URLSearchParams(search);
  const query = {
    ...EMPTY_QUERY,
    result: params.get("result") ? (params.get("result")!.split(",") as never) : [],
    limit: 500,
  };
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await runtime.store.calls.list({ ...query, cursor }, TZ);
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe("POST /api/review-batches", () => {
  test("a supervisor draws a batch from a list query: its calls all match, in the list's order", async () => {
    const batch = await created({ name: "昨日接通抽检", query: "?result=answered", size: 20 });
    expect(batch).toMatchObject({
      name: "昨日接通抽检",
      query: "result=answered",
      total: 20,
      done: 0,
      createdBy: "supervisor",
      size: 20,
      stratify: null,
    });
    expect(batch.id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Date.parse(batch.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    const answered = await matching("result=answered");
    expect(batch.matched).toBe(answered.length);
    expect(new Set(batch.callIds).size).toBe(20);
    const positions = batch.callIds.map((id) => answered.indexOf(id));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(batch.calls.map((call) => call.status)).toEqual(Array(20).fill("unreviewed"));
    const audit = await runtime.store.audit.list({ action: "batch.create" });
    expect(audit[0]).toMatchObject({ username: "supervisor", target: batch.id });
    expect(audit[0]!.detail).toMatchObject({ seed: batch.seed, query: "result=answered", total: 20 });
  });

  test("all matching calls when fewer match than the size", async () => {
    const few = await matching("result=busy");
    const batch = await created({ name: "busy", query: "result=busy", size: few.length + 50 });
    expect(batch.total).toBe(few.length);
    expect(batch.callIds).toEqual(few);
  });

  test("reproducible from its recorded seed; another seed draws other calls", async () => {
    const first = await created({ name: "a", query: "result=answered", size: 15 });
    const again = await created({ name: "b", query: "result=answered", size: 15, seed: first.seed });
    expect(again.callIds).toEqual(first.callIds);
    const other = await created({
      name: "c",
      query: "result=answered",
      size: 15,
      seed: (first.seed + 1) % 2 ** 32,
    });
    expect(other.callIds).not.toEqual(first.callIds);
  });

  test("stratified by intent: each intent gets its share of the sample, within one call", async () => {
    const size = 40;
    const batch = await created({
      name: "strata",
      query: "result=answered",
      size,
      stratify: "intent",
      seed: 99,
    });
    expect(batch.total).toBe(size);
    const stats = await runtime.store.calls.stats({ ...EMPTY_QUERY, result: ["answered"] }, TZ);
    const drawn = new Map<string, number>();
    for (const call of batch.calls)
      drawn.set(call.intent ?? "none", (drawn.get(call.intent ?? "none") ?? 0) + 1);
    for (const [intent, n] of Object.entries(stats.byIntent)) {
      const exact = (size * n!) / stats.total;
      expect(Math.abs((drawn.get(intent) ?? 0) - exact), intent).toBeLessThan(1);
    }
  });

  test("stratified by source: each source gets its share", async () => {
    const batch = await created({ name: "by source", query: "", size: 30, stratify: "source", seed: 5 });
    const counts = await runtime.store.calls.countsBySource();
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
    for (const [source, n] of counts) {
      const drawn = batch.calls.filter((call) => call.sourceId === source).length;
      expect(Math.abs(drawn - (30 * n) / total), source).toBeLessThan(1);
    }
  });

  test("a share instead of a size: 5 % of the matches", async () => {
    const answered = (await matching("result=answered")).length;
    const batch = await created({ name: "5 %", query: "result=answered", share: 5 });
    expect(batch.total).toBe(Math.round(answered * 0.05));
    expect(batch.share).toBe(5);
  });

  test("operators cannot create batches; nobody signed in gets a 401", async () => {
    const operator = await create("operator", { name: "x", query: "", size: 5 });
    expect(operator.status).toBe(403);
    expect((await errorOf(operator)).code).toBe("forbidden");
    expect((await create(null, { name: "x", query: "", size: 5 })).status).toBe(401);
    expect((await create("admin", { name: "x", query: "", size: 5 })).status).toBe(201);
  });

  test.each([
    [{ query: "", size: 5 }, "name"],
    [{ name: "  ", query: "", size: 5 }, "name"],
    [{ name: "x", size: 5 }, "query"],
    [{ name: "x", query: "", size: 0 }, "size"],
    [{ name: "x", query: "", size: 2.5 }, "size"],
    [{ name: "x", query: "", size: 100_000 }, "size"],
    [{ name: "x", query: "" }, "size"],
    [{ name: "x", query: "", size: 5, share: 5 }, "size"],
    [{ name: "x", query: "", share: 0 }, "share"],
    [{ name: "x", query: "", share: 150 }, "share"],
    [{ name: "x", query: "", size: 5, stratify: "task" }, "stratify"],
    [{ name: "x", query: "", size: 5, seed: -1 }, "seed"],
    [{ name: "x", query: "", size: 5, extra: true }, "extra"],
  ])("bad input %j is a 400 naming %s", async (body, field) => {
    const response = await create("supervisor", body);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("invalid_body");
    expect(error.message).toContain(field);
  });

  test.each([
    ["intent=Z", "intent"],
    ["?result=answered&roundsMin=abc", "roundsMin"],
    ["sort=loudness", "sort"],
    ["source=nowhere", "source"],
    ["annotation=typo", "annotation"],
    ["from=2026-13-01", "from"],
  ])("a batch over an invalid query (%s) is a 400 invalid_query naming %s", async (query, param) => {
    const response = await create("supervisor", { name: "x", query, size: 5 });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("invalid_query");
    expect(error.message.startsWith(`${param}:`)).toBe(true);
    expect(await runtime.store.batches.list()).toEqual([]);
  });
});

describe("working through a batch", () => {
  test("GET lists batches newest first with progress; one batch 404s when unknown", async () => {
    const a = await created({ name: "first", query: "result=answered", size: 3 });
    const b = await created({ name: "second", query: "result=answered", size: 4 });
    const list = (await (
      await all(await requestAs("operator", "/api/review-batches"), paramsOf({}))
    ).json()) as ReviewBatch[];
    expect(list.map((batch) => [batch.id, batch.total, batch.done])).toEqual([
      [b.id, 4, 0],
      [a.id, 3, 0],
    ]);
    const missing = await get("nope");
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe("not_found");
    expect((await nextOf("nope")).status).toBe(404);
  });

  test("next gives the first unreviewed call until every call is done (204); progress by reviewer", async () => {
    const batch = await created({ name: "walk", query: "result=answered", size: 4, seed: 1 });
    const reviewers = ["supervisor", "admin", "supervisor", "supervisor"] as const;
    let previous: string | undefined;
    for (const [i, who] of reviewers.entries()) {
      const response = await nextOf(batch.id, previous);
      expect(response.status).toBe(200);
      const { id } = (await response.json()) as { id: string };
      expect(id).toBe(batch.callIds[i]);
      const saved = await review(
        await requestAs(who, `/api/calls/${id}/review`, {
          method: "PATCH",
          body: { status: i === 1 ? "flagged" : "reviewed" },
        }),
        paramsOf({ id }),
      );
      expect(saved.status).toBe(200);
      const detail = (await (await get(batch.id)).json()) as ReviewBatchDetail;
      expect(detail.done).toBe(i + 1);
      previous = id;
    }
    expect((await nextOf(batch.id)).status).toBe(204);
    const detail = (await (await get(batch.id, "operator")).json()) as ReviewBatchDetail;
    expect(detail.byReviewer).toEqual([
      { by: "supervisor", done: 3 },
      { by: "admin", done: 1 },
    ]);
    expect(detail.calls.map((call) => call.status)).toEqual(["reviewed", "flagged", "reviewed", "reviewed"]);
    expect(detail.calls.every((call) => /\*{4}/.test(call.callee!))).toBe(true);
  });

  test("operators see the numbers in a batch's name and search masked, supervisors whole", async () => {
    const callee = (await runtime.store.calls.list({ ...EMPTY_QUERY, limit: 1 }, TZ)).items[0]!.callee!;
    const name = `回拨 ${callee} 和 110101199003071234`;
    // A part of a number beside the masked callees of its calls would give an operator the number whole.
    const query = `q=${callee.slice(0, 7)}`;
    const batch = await created({ name, query, size: 5 });
    const asOperator = [
      (
        (await (
          await all(await requestAs("operator", "/api/review-batches"), paramsOf({}))
        ).json()) as ReviewBatch[]
      ).find((listed) => listed.id === batch.id)!,
      (await (await get(batch.id, "operator")).json()) as ReviewBatchDetail,
    ];
    for (const seen of asOperator) {
      expect(seen.name).not.toContain(callee);
      expect(seen.name).not.toContain("110101199003071234");
      expect(seen.name).toMatch(/^回拨 \d{3}\*+\d{4} 和 /);
      expect(new URLSearchParams(seen.query).get("q")).toBe("*******");
    }
    const asSupervisor = (await (await get(batch.id)).json()) as ReviewBatchDetail;
    expect(asSupervisor.name).toBe(name);
    expect(new URLSearchParams(asSupervisor.query).get("q")).toBe(callee.slice(0, 7));
  });

  test("next after a call moves on past it, wrapping round to calls left for later", async () => {
    const batch = await created({ name: "skip", query: "result=answered", size: 3, seed: 2 });
    const [first, second, third] = batch.callIds as [string, string, string];
    expect(((await (await nextOf(batch.id, first)).json()) as { id: string }).id).toBe(second);
    expect(((await (await nextOf(batch.id, third)).json()) as { id: string }).id).toBe(first);
  });
});
