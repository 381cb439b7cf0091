import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIM_CREDENTIALS } from "@/lib/simulator/credentials";
import type { SimContext, SimRequest } from "@/lib/simulator/http-types";
import { startSimulator, type SimulatorHandle } from "@/lib/simulator/server";
import { arrayDataset } from "@/lib/simulator/testing/array-dataset";
import { LONG_LINES, TASK_50, TASK_51, answered } from "@/lib/simulator/testing/tanyi-truth";
import { tanyiSignedHeaders } from "@/lib/vendors/tanyi/signature";
import { tanyiSimVendor } from "./tanyi";

// The simulated vendor's wire format: the quirks the adapter survives are really on the wire.

describe("Tanyi simulated vendor wire format", () => {
  // One instant for the whole suite: the recording links in a page carry an expiry counted from the
  // clock, so two equal requests a second apart rightly differ. Requests are signed at the same instant.
  const NOW = Date.now();
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator({
      now: () => NOW,
      dataset: arrayDataset([...TASK_50, ...TASK_51]),
      vendors: [tanyiSimVendor],
      credentials: SIM_CREDENTIALS,
    });
  });
  afterAll(() => sim?.close());

  const signed = () => tanyiSignedHeaders(SIM_CREDENTIALS.tanyi, NOW);
  const list = (body: unknown, headers: Record<string, string> = signed()) =>
    fetch(`${sim.url}/tanyi/apiOpen/v1/callRecord/getCallRecordInfoList`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("writes callRecordId as a bare number, even beyond 2^53, and every 3rd record's numbers as strings", async () => {
    const text = await (await list({ robotCallJobId: 50, pageNum: 1, pageSize: 100 })).text();
    expect(text).toContain('"callRecordId":9007199254740993');
    expect(text).toContain('"callRecordId":12345678901234567890');
    const content = (JSON.parse(text) as { data: { content: Record<string, unknown>[] } }).data.content;
    expect(content[2]!.chatDuration).toBe("14");
    expect(content[2]!.chatRound).toBe("2");
    expect(content[0]!.chatDuration).toBe(16);
    expect(content[7]!.chatDuration).toBe(13);
    expect(content[1]!.startTime).toBe("2026-11-16 09:10:00");
    expect(content[4]!.startTime).toBe("2026-11-16T09:40:00");
  });

  it("shuffles every 4th transcript, marks barge-ins and sends null for every 6th unanswered call", async () => {
    const body = (await (await list({ robotCallJobId: 50, pageNum: 1, pageSize: 100 })).json()) as {
      data: {
        content: {
          callDetailList: { text: string; type: string; callDetailId: number | string }[] | null;
          resultStatus: string;
        }[];
      };
    };
    const content = body.data.content;
    const ids = (i: number) => content[i]!.callDetailList!.map((line) => Number(line.callDetailId));
    const ascending = (values: number[]) => values.every((v, i) => i === 0 || v > values[i - 1]!);
    expect(ascending(ids(3))).toBe(false);
    expect(ascending(ids(7))).toBe(false);
    expect(ascending(ids(2))).toBe(true);
    expect(
      content[2]!.callDetailList!.find(
        (line) => line.type === "PERSON" && line.text.startsWith("<客户打断>"),
      ),
    ).toBeTruthy();
    expect(content[5]!.callDetailList).toBeNull();
    expect(content[1]!.callDetailList).toEqual([]);
    expect(content.map((record) => record.resultStatus).slice(13)).toEqual([
      "FROM_PHONE_ERROR",
      "SYSTEM_ERROR",
      "OPERATOR_BLOCK",
      "UNKNOWN_STATUS_X",
    ]);
  });

  it("sends concerns as a list, a comma string or null", async () => {
    type Content = { data: { content: { customerConcern: unknown }[] } };
    const task50 = ((await (await list({ robotCallJobId: 50, pageSize: 100 })).json()) as Content).data
      .content;
    const task51 = ((await (await list({ robotCallJobId: 51, pageSize: 100 })).json()) as Content).data
      .content;
    expect(task50[0]!.customerConcern).toEqual(["价格", "位置"]);
    expect(task50[13]!.customerConcern).toBeNull();
    expect(task50[14]!.customerConcern).toEqual([]);
    expect(task51[3]!.customerConcern).toBe("价格,位置");
  });

  it("answers the same request with the same bytes", async () => {
    const a = await (await list({ robotCallJobId: 50, pageNum: 2, pageSize: 3 })).text();
    const b = await (await list({ robotCallJobId: 50, pageNum: 2, pageSize: 3 })).text();
    expect(a).toBe(b);
  });

  it("refuses a page size over 100 the vendor's way, stack trace and all", async () => {
    const response = await list({ robotCallJobId: 50, pageNum: 1, pageSize: 101 });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ code: 400, data: null, resultMsg: "pageSize最大不能超过100" });
    expect(String(body.errorStackTrace)).toContain("Exception");
  });

  it("refuses unsigned and wrongly signed requests with HTTP 200 and code 401", async () => {
    const unsigned = (await (await list({ robotCallJobId: 50 }, {})).json()) as Record<string, unknown>;
    expect(unsigned.code).toBe(401);
    const wrong = { ...signed(), signature: "0".repeat(64) };
    const response = await list({ robotCallJobId: 50 }, wrong);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      code: 401,
      data: null,
      resultMsg: "签名验证失败",
      errorStackTrace: null,
    });
    const upper = { ...signed() };
    upper.signature = upper.signature!.toUpperCase();
    expect(await (await list({ robotCallJobId: 50 }, upper)).json()).toMatchObject({ code: 401 });
  });

  it("renders the detail in the doc's shape, and a 404 for an unknown id", async () => {
    const response = await fetch(`${sim.url}/tanyi/apiOpen/v1/callRecord/callDetail?callRecordId=880003`, {
      headers: signed(),
    });
    const text = await response.text();
    expect(text).toContain('"callRecordId":880003');
    const data = (JSON.parse(text) as { data: Record<string, unknown> }).data;
    expect(data).not.toHaveProperty("calledPhoneNumber");
    expect(data.customerPerson).toMatchObject({
      phoneNumber: TASK_50[3]!.callee,
      name: TASK_50[3]!.customerName,
    });
    expect(data.endTime).toBe("2026-11-16T09:30:23");

    const missing = await fetch(`${sim.url}/tanyi/apiOpen/v1/callRecord/callDetail?callRecordId=1`, {
      headers: signed(),
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 404, resultMsg: "通话记录不存在", data: null });
  });

  // How fast it renders is the bench's business; here, that a full page holds every record.
  it("renders a 100-record page with every record on it", async () => {
    const calls = Array.from({ length: 100 }, (_, i) =>
      answered(i, { lines: LONG_LINES, vendorCallId: String(7_000_000 + i) }),
    );
    const dataset = arrayDataset(calls);
    const context: SimContext = { ...sim.context, dataset };
    const request: SimRequest = {
      method: "POST",
      path: "/apiOpen/v1/callRecord/getCallRecordInfoList",
      query: new URLSearchParams(),
      headers: Object.fromEntries(Object.entries(signed()).map(([k, v]) => [k.toLowerCase(), v])),
      body: JSON.stringify({ robotCallJobId: 50, pageNum: 1, pageSize: 100 }),
    };
    const response = await tanyiSimVendor.handle(request, context);
    expect(response.status).toBe(200);
    const page = JSON.parse(String(response.body)) as { data: { content: { callRecordId: number }[] } };
    expect(page.data.content.map((record) => String(record.callRecordId))).toEqual(
      calls.map((call) => call.vendorCallId),
    );
  });
});
