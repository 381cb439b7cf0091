import { EMPTY_QUERY, type CallQuery } from "@/lib/calls/query";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { GET as neighbors } from "@/app/api/calls/[id]/neighbors/route";
import { GET as exportCsv } from "@/app/api/calls/export/route";
import { GET as list } from "@/app/api/calls/route";
import { GET as stats } from "@/app/api/calls/stats/route";
import type { CallList } from "@/lib/model";
import type { Runtime } from "@/lib/server/runtime";
import { resetNumberSearches } from "@/lib/server/number-search";
import { installRuntime } from "@/lib/server/runtime";
import { createTestRuntime, paramsOf, requestAs } from "@/lib/testing/runtime";
import { seedCalls } from "@/lib/testing/seed-calls";

/**
 * Finding 1: an operator sees 133****5171 and must not recover the hidden digits by searching
 * parts of the number, on any route that reads the list query. A whole number still finds the call.
 */

let runtime: Runtime;
let target: { id: string; callee: string };

beforeAll(async () => {
  runtime = await createTestRuntime();
  const seeds = seedCalls(200, 11);
  // One call speaks a number in its transcript too.
  seeds[5]!.call.transcript = [
    { speaker: "customer", text: "改拨 13912345670 吧", startMs: 0, endMs: 1000, timing: "vendor" },
  ];
  // Another speaks one in characters, as recognisers write it; its robot closes with a number.
  seeds[6]!.call.transcript = [
    {
      speaker: "customer",
      text: "我的手机是一三九零零一三零零九五",
      startMs: 0,
      endMs: 1000,
      timing: "vendor",
    },
    {
      speaker: "robot",
      text: "好的，稍后回拨13711220095，再见。",
      startMs: 1000,
      endMs: 2000,
      timing: "vendor",
    },
  ];
  await runtime.store.calls.upsert(seeds.map((seed) => ({ ...seed, from: "list" as const })));
  const first = (
    await runtime.store.calls.list({ ...emptyQuery(), numbers: "any", limit: 1 }, "Asia/Shanghai")
  ).items[0]!;
  target = { id: first.id, callee: first.callee };
});
afterAll(async () => {
  await runtime.close();
  installRuntime(null);
});
beforeEach(async () => {
  await resetNumberSearches(runtime);
});

function emptyQuery(): CallQuery {
  return { ...EMPTY_QUERY };
}

async function ids(role: "operator" | "supervisor", q: string): Promise<string[]> {
  const response = await list(
    await requestAs(role, `/api/calls?limit=500&q=${encodeURIComponent(q)}`),
    paramsOf({}),
  );
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as CallList).items.map((item) => item.id);
}

describe("finding 1: partial number searches", () => {
  test("an operator's partial number (prefix, middle, 7 digits) never matches the masked digits", async () => {
    const { callee } = target;
    for (const part of [
      callee.slice(0, 4),
      callee.slice(0, 5),
      callee.slice(3, 7),
      callee.slice(2, 9),
      callee.slice(0, -1),
    ])
      expect(await ids("operator", part), part).not.toContain(target.id);
    // The supervisor, who sees the number whole anyway, searches any part of it.
    expect(await ids("supervisor", callee.slice(3, 7))).toContain(target.id);
  });

  test("an operator finds a call by its whole number, in the callee or spoken in the transcript", async () => {
    expect(await ids("operator", target.callee)).toContain(target.id);
    expect((await ids("operator", "13912345670")).length).toBe(1);
    expect(await ids("operator", "1391234")).toEqual([]);
    expect(await ids("operator", "139-1234-5670")).toHaveLength(1);
    // With its country code, as other systems write it.
    for (const written of [`+86${target.callee}`, `+86 ${target.callee}`, `0086${target.callee}`]) {
      expect(await ids("operator", written), written).toContain(target.id);
      expect(await ids("supervisor", written), written).toContain(target.id);
    }
  });

  test("a number spoken in characters: no part of it finds the call for an operator, the whole does", async () => {
    const spoken = "一三九零零一三零零九五";
    const [whole] = await ids("supervisor", spoken);
    expect(whole).toBeDefined();
    // Each part, down to two characters: pair by pair, a masked number's hidden digits were found.
    for (const part of ["一三九零", "九零", "零零一三", "一三零零九五", spoken.slice(0, 6)])
      expect(await ids("operator", part), part).not.toContain(whole);
    expect(await ids("operator", spoken)).toEqual([whole]);
    expect(await ids("supervisor", "九零零一")).toContain(whole);
  });

  test("the robot's last line with a number in it is a number search for an operator: audited and limited", async () => {
    const line = "好的，稍后回拨13711220095，再见。";
    const byLine = async (role: "operator" | "supervisor", text: string) =>
      list(await requestAs(role, `/api/calls?lastRobotLine=${encodeURIComponent(text)}`), paramsOf({}));
    expect(((await (await byLine("supervisor", line)).json()) as CallList).total).toBe(1);
    const guesses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const response = await byLine("operator", line.replace("1122", String(1100 + i)));
      guesses.push(response.status);
      if (response.status === 429) break;
    }
    // 30 numbers an hour, as for q: ten thousand guesses would take two weeks.
    expect(guesses.filter((status) => status === 200)).toHaveLength(30);
    expect(guesses.at(-1)).toBe(429);
    const audited = await runtime.store.audit.list({ action: "calls.search_number", username: "operator" });
    expect(audited.some((entry) => JSON.stringify(entry.detail).includes("13711000095"))).toBe(true);
  });

  test("stats, neighbors and the export apply the same rule", async () => {
    const part = target.callee.slice(0, 6);
    const count = async (role: "operator" | "supervisor") =>
      (
        (await (await stats(await requestAs(role, `/api/calls/stats?q=${part}`), paramsOf({}))).json()) as {
          total: number;
        }
      ).total;
    expect(await count("supervisor")).toBeGreaterThan(0);
    expect(await count("operator")).toBe(0);
    const csv = await (
      await exportCsv(await requestAs("operator", `/api/calls/export?q=${part}`), paramsOf({}))
    ).text();
    expect(csv.trim().split("\n")).toHaveLength(1); // the header only
    // neighbors: with the partial number as the list query, the operator's list is empty: no neighbours.
    const other = (
      await runtime.store.calls.list({ ...emptyQuery(), numbers: "any", limit: 3 }, "Asia/Shanghai")
    ).items[2]!;
    const around = (await (
      await neighbors(
        await requestAs("operator", `/api/calls/${other.id}/neighbors?q=${part}`),
        paramsOf({ id: other.id }),
      )
    ).json()) as { prev: string | null; next: string | null };
    expect(around).toEqual({ prev: null, next: null });
  });

  test("operators' number searches are audited and limited to 30 distinct numbers an hour", async () => {
    await ids("operator", target.callee);
    const entry = (
      await runtime.store.audit.list({ action: "calls.search_number", username: "operator" })
    )[0];
    expect(entry?.detail).toMatchObject({ numbers: [target.callee], via: "/api/calls" });
    let refused: Response | null = null;
    for (let i = 0; i < 40 && !refused; i++) {
      const response = await list(
        await requestAs("operator", `/api/calls?q=1380000${String(i).padStart(4, "0")}`),
        paramsOf({}),
      );
      if (response.status === 429) refused = response;
    }
    expect(refused?.status).toBe(429);
    expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused!.json()) as unknown).toMatchObject({ error: { code: "too_many_requests" } });
    // The same number again is not a new guess; supervisors are not counted.
    expect(
      (await list(await requestAs("operator", `/api/calls?q=${target.callee}`), paramsOf({}))).status,
    ).toBe(200);
    expect((await list(await requestAs("supervisor", "/api/calls?q=13800009999"), paramsOf({}))).status).toBe(
      200,
    );
  });
});
