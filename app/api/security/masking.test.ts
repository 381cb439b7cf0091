import { EMPTY_QUERY, type CallQuery } from "@/lib/calls/query";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PATCH as review } from "@/app/api/calls/[id]/review/route";
import { GET as detail } from "@/app/api/calls/[id]/route";
import { GET as exportCsv } from "@/app/api/calls/export/route";
import { GET as list } from "@/app/api/calls/route";
import type { Runtime } from "@/lib/server/runtime";
import { installRuntime } from "@/lib/server/runtime";
import { createTestRuntime, paramsOf, requestAs } from "@/lib/testing/runtime";
import { seedCalls } from "@/lib/testing/seed-calls";

/**
 * Finding 6: for operators, phone, ID-card and bank-card numbers are masked in every text a call
 * carries — transcript, review note, tags, the vendor's words, keys and values of its extras —
 * however they are written. Supervisors see them whole.
 */

const WHOLE = [
  "13912345670", // a review note: 改拨 13912345670
  "15857123456", // spoken in the transcript, full-width
  "88996676", // (0571)88996676
  "13800138000", // 138.0013.8000
  "13812345678", // 138/1234/5678
  "13711112222", // next to a date
  "110101199003071234", // an ID card
  "6222021234567890123", // a bank card
  "18600001111", // a tag
  "17710726421", // vendor error text
  "13355556666", // a key in the extras
];
const WRITTEN = [
  "１５８５７１２３４５６",
  "(0571)88996676",
  "138.0013.8000",
  "138/1234/5678",
  "2026-11-20 13711112222",
  "110101199003071234",
  "6222 0212 3456 7890 123",
];

let runtime: Runtime;
let id = "";

beforeAll(async () => {
  runtime = await createTestRuntime();
  const seed = seedCalls(1, 3)[0]!;
  seed.call.summary = {
    ...seed.call.summary,
    result: "failed",
    resultLabel: "号码17710726421无效",
    tags: ["回拨18600001111", "意向"],
  };
  seed.call.transcript = WRITTEN.map((text, i) => ({
    speaker: "customer" as const,
    text: `我的号码是${text}。`,
    startMs: i * 1000,
    endMs: i * 1000 + 900,
    timing: "vendor" as const,
  }));
  seed.call.extra = { 转接13355556666: "ok", bridge: "（0571）88996676", nested: [{ v: 13812345678 }] };
  await runtime.store.calls.upsert([{ ...seed, from: "list" }]);
  id = (await runtime.store.calls.list({ ...emptyQuery(), numbers: "any" }, "Asia/Shanghai")).items[0]!.id;
  const response = await review(
    await requestAs("supervisor", `/api/calls/${id}/review`, {
      method: "PATCH",
      body: { note: "改拨 13912345670" },
    }),
    paramsOf({ id }),
  );
  expect(response.status).toBe(200);
});
afterAll(async () => {
  await runtime.close();
  installRuntime(null);
});

function emptyQuery(): CallQuery {
  return { ...EMPTY_QUERY };
}

/** Every digit of the text, full-width read as ASCII, separators dropped: what a reader could piece together. */
function digitsOf(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-./()（）]/g, "");
}

describe("finding 6: numbers in free text", () => {
  test("the detail as an operator holds no whole number anywhere; a supervisor's holds them all", async () => {
    const operator = await (
      await detail(await requestAs("operator", `/api/calls/${id}`), paramsOf({ id }))
    ).text();
    for (const number of WHOLE) expect(digitsOf(operator), number).not.toContain(number);
    const body = JSON.parse(operator) as { transcript: { text: string }[]; review: { note: string } };
    expect(body.review.note).toBe("改拨 139****5670");
    expect(body.transcript[1]!.text).toBe("我的号码是(057*)****6676。");
    expect(body.transcript[4]!.text).toContain("2026-11-20"); // the date stays readable
    const supervisor = await (
      await detail(await requestAs("supervisor", `/api/calls/${id}`), paramsOf({ id }))
    ).text();
    for (const number of WHOLE) expect(digitsOf(supervisor), number).toContain(number);
  });

  test("the list and the CSV export mask notes, tags and the vendor's words for operators", async () => {
    const page = await (await list(await requestAs("operator", "/api/calls"), paramsOf({}))).text();
    expect(page).toContain("改拨 139****5670");
    for (const text of [
      await (await list(await requestAs("operator", "/api/calls"), paramsOf({}))).text(),
      await (await exportCsv(await requestAs("operator", "/api/calls/export"), paramsOf({}))).text(),
    ]) {
      for (const number of ["13912345670", "18600001111", "17710726421"])
        expect(digitsOf(text)).not.toContain(number);
      expect(text).toContain("186****1111");
    }
  });

  test("error words reach operators masked too (a vendor's error can quote a number)", async () => {
    const asOperator = await detail(
      await requestAs("operator", "/api/calls/13912345670"),
      paramsOf({ id: "13912345670" }),
    );
    expect(asOperator.status).toBe(404);
    expect(((await asOperator.json()) as { error: { message: string } }).error.message).toBe(
      "no call with id 139****5670",
    );
    const asAdmin = await detail(
      await requestAs("admin", "/api/calls/13912345670"),
      paramsOf({ id: "13912345670" }),
    );
    expect(await asAdmin.text()).toContain("13912345670");
  });
});
