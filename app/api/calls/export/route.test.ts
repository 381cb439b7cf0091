import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { GET as list } from "@/app/api/calls/route";
import type { CallList } from "@/lib/model";
import type { Runtime } from "@/lib/server/runtime";
import { installRuntime } from "@/lib/server/runtime";
import { createTestRuntime, paramsOf, requestAs } from "@/lib/testing/runtime";
import { parseCsv } from "@/lib/testing/csv";
import { seedCalls } from "@/lib/testing/seed-calls";
import { CSV_COLUMNS, csvCell, neutralize } from "./csv";
import { GET } from "./route";

const BOM = "\uFEFF";
const HEADER =
  "id,startedAt,source,task,callee,caller,result,resultLabel,durationSec,rounds,hangupBy,intent,reviewIntent,reviewStatus,tags,vendorCallId,annotations.asr_error,annotations.wrong_answer,annotations.missed_intent,annotations.good,annotations.note,metrics.robotLatencyMedianMs,metrics.robotLatencyMaxMs,metrics.deadAirMaxMs,metrics.customerTalkRatio,metrics.bargeIns";

let runtime: Runtime;

beforeEach(async () => {
  runtime = await createTestRuntime();
  const seeds = seedCalls(1_234, 7);
  // One call with every kind of trouble a CSV cell can hold.
  const tricky = seeds[20]!;
  tricky.call.summary = {
    ...tricky.call.summary,
    result: "answered",
    resultLabel: '=HYPERLINK("http://evil","点我"),\n第二行',
    tags: ["价格,太贵", '说"不需要"', "@mention"],
    caller: "+86 571-8899-6676",
  };
  await runtime.store.calls.upsert(seeds.map((seed) => ({ ...seed, from: "list" as const })));
});

afterEach(async () => {
  await runtime.close();
  installRuntime(null);
});

async function exportAs(role: "operator" | "supervisor" | "admin" | null, search: string) {
  return GET(await requestAs(role, `/api/calls/export${search}`), paramsOf({}));
}

async function apiIds(
  role: "operator" | "supervisor",
  search: string,
): Promise<{ ids: string[]; total: number; items: CallList["items"] }> {
  const items: CallList["items"] = [];
  let cursor: string | null = null;
  let total = 0;
  do {
    const params = new URLSearchParams(search.replace(/^\?/, ""));
    params.set("limit", "500");
    if (cursor) params.set("cursor", cursor);
    const response = await list(await requestAs(role, `/api/calls?${params}`), paramsOf({}));
    const body = (await response.json()) as CallList;
    items.push(...body.items);
    total = body.total;
    cursor = body.nextCursor;
  } while (cursor);
  return { ids: items.map((item) => item.id), total, items };
}

describe("GET /api/calls/export", () => {
  test("starts with the UTF-8 BOM and the stable English header, as an attachment", async () => {
    const response = await exportAs("supervisor", "");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="callscope-calls-\d{8}-\d{4}\.csv"$/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(`${BOM}${HEADER}\r\n`)).toBe(true);
  });

  test.each([
    "",
    "?result=answered",
    "?intent=A,B&hangup=robot",
    "?intent=none&roundsMax=0",
    "?q=价格&sort=durationSec:asc",
    "?roundsMin=99",
  ])("has exactly the API's rows, in the API's order, for %s", async (search) => {
    const text = (await (await exportAs("supervisor", search)).text()).replace(BOM, "");
    const [header, ...rows] = parseCsv(text);
    expect(header!.join(",")).toBe(HEADER);
    const api = await apiIds("supervisor", search);
    expect(rows.length).toBe(api.total);
    expect(rows.map((row) => row[0])).toEqual(api.ids);
  });

  test("streams more rows than one batch without losing or repeating any", async () => {
    const text = await (await exportAs("admin", "")).text();
    const ids = parseCsv(text.replace(BOM, ""))
      .slice(1)
      .map((row) => row[0]);
    expect(ids.length).toBe(1_234);
    expect(new Set(ids).size).toBe(1_234);
  });

  test("escapes quotes, commas and line breaks, and neutralizes formulas but not phone numbers", async () => {
    const text = (await (await exportAs("supervisor", "")).text()).replace(BOM, "");
    const rows = parseCsv(text);
    const tricky = rows.find((row) => row[7]?.includes("HYPERLINK"));
    expect(tricky).toBeDefined();
    expect(tricky![7]).toBe(`'=HYPERLINK("http://evil","点我"),\n第二行`);
    expect(tricky![14]).toBe('价格,太贵|说"不需要"|@mention');
    expect(tricky![5]).toBe("+86 571-8899-6676");
    // The raw text quotes what needs quoting.
    expect(text).toContain(`"'=HYPERLINK(""http://evil"",""点我""),\n第二行"`);
    expect(rows.every((row) => row.length === CSV_COLUMNS.length)).toBe(true);
  });

  test("cell rules", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(12.5)).toBe("12.5");
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('a"b')).toBe('"a""b"');
    expect(neutralize("=1+1")).toBe("'=1+1");
    expect(neutralize("-2")).toBe("'-2");
    expect(neutralize("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutralize("\tx")).toBe("'\tx");
    expect(neutralize("+8613800000000")).toBe("+8613800000000");
    expect(neutralize("+86****0000")).toBe("+86****0000");
    expect(neutralize("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(neutralize("13800000000")).toBe("13800000000");
  });

  test("masks callee and caller for operators, as the list does", async () => {
    const operator = parseCsv((await (await exportAs("operator", "")).text()).replace(BOM, "")).slice(1);
    const supervisor = parseCsv((await (await exportAs("supervisor", "")).text()).replace(BOM, "")).slice(1);
    const api = await apiIds("operator", "");
    expect(operator.map((row) => row[4])).toEqual(api.items.map((item) => item.callee));
    expect(operator.every((row) => /\*{4}/.test(row[4]!))).toBe(true);
    expect(supervisor.some((row) => /^\d{11}$/.test(row[4]!))).toBe(true);
    expect(operator.filter((row) => row[5]).every((row) => row[5]!.includes("*"))).toBe(true);
  });

  test("records the export in the audit log when the stream ends, with the row count", async () => {
    const response = await exportAs("operator", "?result=answered&intent=A");
    expect(await runtime.store.audit.list({ action: "calls.export" })).toHaveLength(0);
    const rows = parseCsv((await response.text()).replace(BOM, "")).length - 1;
    const [entry] = await runtime.store.audit.list({ action: "calls.export" });
    expect(entry).toMatchObject({ username: "operator", role: "operator", action: "calls.export" });
    expect(entry!.detail).toEqual({ query: "result=answered&intent=A", rows });
  });

  test("refuses without a session and names a bad parameter", async () => {
    expect((await exportAs(null, "")).status).toBe(401);
    const bad = await exportAs("supervisor", "?intent=Z");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "invalid_query",
    });
  });
});
