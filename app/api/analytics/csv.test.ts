import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { installRuntime, type Runtime } from "@/lib/server/runtime";
import { resizeSearchSample } from "@/lib/store/search-sample-postgres";
import { TEXT_SAMPLING } from "@/lib/store/text-sample";
import { parseCsv } from "@/lib/testing/csv";
import { createTestRuntime, paramsOf, requestAs } from "@/lib/testing/runtime";
import { seedCalls } from "@/lib/testing/seed-calls";
import { testBackend } from "@/lib/testing/store";
import { ESTIMATE_COLUMNS } from "./csv";
import { GET as daily } from "./daily/route";
import { GET as dropoff } from "./dropoff/route";
import { GET as agreement } from "./intent-agreement/route";

/**
 * The analytics tables' CSV say when their figures are estimates (a text search matching many
 * calls, counted over a sample): two more columns on every row and `-estimate` in the file name,
 * so a downloaded estimate cannot pass for a count. Exact tables keep their columns. The sampling
 * threshold is lowered so that the seeded calls' common word is "many", and PostgreSQL's sample
 * index holds every call (a few hundred seeded calls have too few in its default 1/64 share).
 */

const saved = { ...TEXT_SAMPLING };
let runtime: Runtime;

beforeEach(async () => {
  runtime = await createTestRuntime();
  await runtime.store.calls.upsert(seedCalls(800, 21).map((seed) => ({ ...seed, from: "list" as const })));
  TEXT_SAMPLING.exactUpTo = 40;
  if (testBackend() === "postgres") await resizeSearchSample(runtime.store.sql, 1);
});
afterEach(async () => {
  Object.assign(TEXT_SAMPLING, saved);
  await runtime.close();
  installRuntime(null);
});

type Route = typeof daily;
const ROUTES: Record<string, { route: Route; path: string; table?: string }> = {
  "dropoff-rounds": { route: dropoff, path: "/api/analytics/dropoff" },
  "dropoff-lines": { route: dropoff, path: "/api/analytics/dropoff", table: "lines" },
  daily: { route: daily, path: "/api/analytics/daily" },
};

async function download(name: string, search: string) {
  const { route, path, table } = ROUTES[name]!;
  const params = new URLSearchParams(search);
  params.set("format", "csv");
  if (table) params.set("table", table);
  const response = await route(await requestAs("supervisor", `${path}?${params}`), paramsOf({}));
  expect(response.status).toBe(200);
  const text = await response.text();
  return {
    file: /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1],
    rows: parseCsv(text.replace(/^\uFEFF/, "")),
  };
}

/** The JSON answer's estimate, for the same filter. */
async function jsonEstimate(name: string, search: string) {
  const { route, path } = ROUTES[name]!;
  const response = await route(await requestAs("supervisor", `${path}?${search}`), paramsOf({}));
  const body = (await response.json()) as { estimate?: unknown } | { estimate?: unknown }[];
  return Array.isArray(body) ? body[0]?.estimate : body.estimate;
}

describe.each(Object.keys(ROUTES))("%s CSV", (name) => {
  test("an estimate (a common word) is flagged on every row and in the file name", async () => {
    const estimate = (await jsonEstimate(name, "q=价格")) as { sampled: number; matches: number } | undefined;
    const { file, rows } = await download(name, "q=价格");
    const [header, ...body] = rows;
    expect(body.length).toBeGreaterThan(0);
    expect(estimate).toBeDefined();
    expect(file).toBe(`callscope-${name}-estimate.csv`);
    expect(header!.slice(-2)).toEqual([...ESTIMATE_COLUMNS]);
    for (const row of body) {
      expect(row).toHaveLength(header!.length);
      expect(row.slice(-2)).toEqual([String(estimate!.sampled), String(estimate!.matches)]);
    }
  });

  test("exact figures keep the plain columns and file name", async () => {
    for (const search of ["", "q=机器人"]) {
      expect(await jsonEstimate(name, search)).toBeUndefined();
      const { file, rows } = await download(name, search);
      expect(file).toBe(`callscope-${name}.csv`);
      expect(rows[0]).not.toContain(ESTIMATE_COLUMNS[0]);
      expect(rows[0]).not.toContain(ESTIMATE_COLUMNS[1]);
    }
  });
});

test("intent agreement is never estimated: its CSV has no estimate columns", async () => {
  const params = "q=价格&format=csv";
  const response = await agreement(
    await requestAs("supervisor", `/api/analytics/intent-agreement?${params}`),
    paramsOf({}),
  );
  expect(response.headers.get("content-disposition")).toContain('filename="callscope-intent-agreement.csv"');
  const [header] = parseCsv((await response.text()).replace(/^\uFEFF/, ""));
  expect(header).toEqual(["vendor", "reviewer", "calls"]);
});
