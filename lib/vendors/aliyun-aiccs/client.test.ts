import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIM_CREDENTIALS } from "@/lib/simulator/credentials";
import type { SimRequest } from "@/lib/simulator/http-types";
import { startSimulator, type SimulatorHandle } from "@/lib/simulator/server";
import { arrayDataset } from "@/lib/simulator/testing/array-dataset";
import { BIG_ID, TASK, truthCall } from "@/lib/simulator/testing/aiccs-truth";
import type { SimCall } from "@/lib/simulator/types";
import { AICCS_SIM_PREFIX, createAliyunAiccsSimVendor } from "@/lib/simulator/vendors/aliyun-aiccs";
import { VendorError } from "@/lib/vendors/errors";
import { createVendorHttp } from "@/lib/vendors/http";
import { signRpcRequest, toQueryString } from "@/lib/vendors/shared/aliyun-rpc-signature";
import type { NormalizedCall, VendorAdapter } from "@/lib/vendors/types";
import { pageSizeWithin as clampPageSize } from "../shared/paging";
import { createAdapter, readEnvelope, readPage } from "./client";

const TZ = "Asia/Shanghai";
const { accessKeyId: KEY_ID, accessKeySecret: SECRET } = SIM_CREDENTIALS.aliyun;

// ---------------------------------------------------------------------------------------------
// The truth: answered calls of every shape and one of each other result, indexed so that the
// simulator's quirks (by index) all occur (lib/simulator/testing/aiccs-truth.ts).

const interruptedLines: SimCall["lines"] = [
  {
    speaker: "robot",
    text: "您好，这里是平安车险，您的车险下个月到期了。",
    startMs: 300,
    endMs: 4_000,
    interrupted: false,
    clipId: "r1",
  },
  { speaker: "customer", text: "我知道了", startMs: 3_500, endMs: 4_600, interrupted: true, clipId: "c1" },
  {
    speaker: "robot",
    text: "好的，给您报个价？",
    startMs: 5_200,
    endMs: 7_000,
    interrupted: false,
    clipId: "r2",
  },
  {
    speaker: "customer",
    text: "不用了，再见",
    startMs: 7_600,
    endMs: 8_800,
    interrupted: false,
    clipId: "c2",
  },
];

const TRUTH: SimCall[] = [
  truthCall(0, "answered", { hangupBy: "robot", intent: "B" }),
  truthCall(1, "answered", { hangupBy: "customer", intent: "A", lines: interruptedLines, talkMs: 12_400 }),
  truthCall(2, "answered", { intent: "C", tags: ["意向：高", "有车"] }),
  truthCall(3, "no_answer"),
  truthCall(4, "answered", { intent: "D", hangupBy: "customer" }),
  truthCall(5, "busy"),
  truthCall(6, "answered", { intent: "E", talkMs: 61_600 }),
  truthCall(7, "answered", { hangupBy: "customer", intent: null }),
  truthCall(8, "refused"),
  truthCall(9, "power_off"),
  truthCall(10, "answered", { recording: null, intent: "F", hangupBy: null }),
  truthCall(11, "vacant"),
  truthCall(12, "unreachable"),
  truthCall(13, "blocked"),
  truthCall(14, "failed"),
  truthCall(15, "unknown"),
  truthCall(16, "suspended"),
  truthCall(17, "answered", { intent: "A", lines: interruptedLines.slice(0, 2), rounds: 1 }),
];

function expectedTags(truth: SimCall): string[] {
  return truth.tags.map((tag) => (/[:：]/.test(tag) ? tag.replace("：", ":") : `客户标签:${tag}`));
}

function epoch(iso: string | null): number | null {
  return iso === null ? null : Date.parse(iso);
}

/** Every canonical field the truth decides, one by one. */
function expectTruth(call: NormalizedCall, truth: SimCall, from: "list" | "detail") {
  const s = call.summary;
  const where = `${from} #${truth.index} (${truth.result})`;
  expect(call.key, where).toBe(truth.vendorCallId);
  expect(s.vendorCallId, where).toBe(truth.vendorCallId);
  expect(call.locator, where).toEqual({ taskId: TASK, detailId: truth.vendorCallId, batchId: truth.batchId });
  expect(s.taskId, where).toBe(TASK);
  expect(s.callee, where).toBe(truth.callee);
  expect(s.caller, where).toBe(truth.caller);
  expect(s.result, where).toBe(truth.result);
  expect(s.hangupBy, where).toBe(truth.hangupBy);
  expect(s.intent, where).toBe(truth.intent);
  expect(s.durationSec, where).toBe(Math.round(truth.talkMs / 1000));
  expect(epoch(s.startedAt), where).toBe(truth.dialAt);
  expect(epoch(s.answeredAt), where).toBe(truth.answerAt);
  expect(epoch(s.endedAt), where).toBe(truth.endAt);
  // The detail has no ConversationTurnCount: rounds come from the list only.
  expect(s.rounds, where).toBe(from === "list" ? truth.rounds : null);
  expect(s.tags, where).toEqual(expectedTags(truth));
  expect(s.hasRecording, where).toBe(truth.result === "answered" && truth.recording !== null);
  expect(call.needsDetail, where).toBe(false);
  const lines = call.transcript!.map((u) => [u.speaker, u.text, u.interrupted ?? false]);
  expect(lines, where).toEqual(truth.lines.map((line) => [line.speaker, line.text.trim(), line.interrupted]));
  for (const u of call.transcript!) expect(u.timing, where).toBe("estimated");
}

// ---------------------------------------------------------------------------------------------

let sim: SimulatorHandle;
let endpoint: string;
let vendorRequests = 0;
/** An answer the intercept gives instead of the simulated vendor (`times` answers, or until cleared). */
let inject: { status: number; body: string; times?: number } | null = null;

function adapterFor(
  overrides: { accessKeyId?: string; accessKeySecret?: string; endpoint?: string } = {},
  maxAttempts = 1,
): VendorAdapter {
  const http = createVendorHttp({
    label: "阿里云AI外呼 (aicc)",
    maxAttempts,
    initialDelayMs: 1,
    maxDelayMs: 5,
    ratePerSecond: 1_000,
  });
  return createAdapter({
    source: {
      id: "aicc",
      name: "阿里云AI外呼",
      vendor: "aliyun-aiccs",
      endpoint: overrides.endpoint ?? endpoint,
      accessKeyId: overrides.accessKeyId ?? KEY_ID,
      accessKeySecret: overrides.accessKeySecret ?? SECRET,
      taskIds: [TASK],
    },
    timezone: TZ,
    http,
  });
}

async function failure(promise: Promise<unknown>): Promise<VendorError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(VendorError);
    return err as VendorError;
  }
  throw new Error("expected a VendorError, got success");
}

async function listAll(adapter: VendorAdapter, pageSize: number) {
  const calls: NormalizedCall[] = [];
  const totals: (number | null)[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await adapter.listCalls(TASK, cursor, { pageSize });
    calls.push(...page.calls);
    expect(page.problems).toEqual([]);
    totals.push(page.total);
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== null && pages < 50);
  return { calls, pages, totals };
}

/** A hand-signed request, for what the adapter never does on purpose (replays, POST, stale clocks). */
function signed(
  params: Record<string, string>,
  options: { method?: "GET" | "POST"; secret?: string; nonce?: string; now?: Date; action?: string } = {},
) {
  const method = options.method ?? "GET";
  const all = signRpcRequest({
    method,
    action: options.action ?? "QueryAiCallDetailPage",
    version: "2019-10-15",
    accessKeyId: KEY_ID,
    accessKeySecret: options.secret ?? SECRET,
    params,
    nonce: options.nonce,
    now: options.now,
  });
  const query = toQueryString(all);
  return method === "GET"
    ? fetch(`${endpoint}/?${query}`)
    : fetch(`${endpoint}/`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: query,
      });
}

beforeAll(async () => {
  sim = await startSimulator({
    dataset: arrayDataset(TRUTH),
    vendors: [createAliyunAiccsSimVendor()],
    credentials: SIM_CREDENTIALS,
    intercept: (request: SimRequest & { prefix: string }, _raw, res) => {
      if (request.prefix !== AICCS_SIM_PREFIX) return false;
      vendorRequests++;
      if (!inject) return false;
      const { status, body } = inject;
      if (inject.times !== undefined && --inject.times <= 0) inject = null;
      res.writeHead(status, {
        "content-type": body.startsWith("<") ? "text/html" : "application/json;charset=utf-8",
      });
      res.end(body);
      return true;
    },
  });
  endpoint = `${sim.url}${AICCS_SIM_PREFIX}`;
});

afterAll(async () => {
  await sim?.close();
});

describe("contract with the simulated AICCS", () => {
  it("pages to the end over several pages and every call comes back as the truth", async () => {
    const { calls, pages, totals } = await listAll(adapterFor(), 5);
    expect(pages).toBe(4); // 5 + 5 + 5 + 3
    expect(totals.every((total) => total === TRUTH.length)).toBe(true);
    expect(calls.map((call) => call.summary.vendorCallId)).toEqual(TRUTH.map((truth) => truth.vendorCallId));
    for (const [i, call] of calls.entries()) expectTruth(call, TRUTH[i]!, "list");
  });

  it("stops at the vendor's Total without asking for an empty page", async () => {
    const before = vendorRequests;
    const { calls, pages } = await listAll(adapterFor(), 9);
    expect(calls).toHaveLength(TRUTH.length);
    expect(pages).toBe(2);
    expect(vendorRequests - before).toBe(2);
  });

  it("reads a past-the-end page (List null or []) as the end", async () => {
    const adapter = adapterFor();
    for (const cursor of ["5", "6"]) {
      const page = await adapter.listCalls(TASK, cursor, { pageSize: 5 });
      expect(page.calls).toEqual([]);
      expect(page.nextCursor).toBeNull();
      expect(page.total).toBe(TRUTH.length);
    }
  });

  it("gets every call's detail with the list's locator", async () => {
    const adapter = adapterFor();
    const { calls } = await listAll(adapter, 100);
    for (const [i, listed] of calls.entries()) {
      const detail = await adapter.getCall(listed.locator);
      expectTruth(detail, TRUTH[i]!, "detail");
      expect(detail.extra.variables).toEqual({ 姓名: "张先生" });
      if (detail.summary.hasRecording)
        expect(detail.recordingUrl).toMatch(new RegExp(`^${sim.url}/oss/aiccs/`));
      else expect(detail.recordingUrl).toBeNull();
    }
  });

  it("keeps a DetailId beyond 2^53 exact: bare number on the wire, same digits after the round trip", async () => {
    const answer = await signed({ TaskId: TASK, PageNo: "1", PageSize: "1" });
    expect(await answer.text()).toContain(`"DetailId":${BIG_ID}`);

    const adapter = adapterFor();
    const page = await adapter.listCalls(TASK, null, { pageSize: 1 });
    const listed = page.calls[0]!;
    expect(listed.key).toBe(BIG_ID);
    expect(listed.locator.detailId).toBe(BIG_ID);
    const detail = await adapter.getCall(listed.locator);
    expect(detail.summary.vendorCallId).toBe(BIG_ID);
    expect(detail.key).toBe(BIG_ID);
  });

  it("serves the recording the detail names (signed OSS URL, byte ranges)", async () => {
    const detail = await adapterFor().getCall({
      taskId: TASK,
      detailId: TRUTH[6]!.vendorCallId,
      batchId: TRUTH[6]!.batchId,
    });
    expect(detail.recordingUrl).not.toContain("&amp;");
    const audio = await fetch(detail.recordingUrl!, { headers: { range: "bytes=0-3" } });
    expect(audio.status).toBe(206);
    expect(Buffer.from(await audio.arrayBuffer()).toString("latin1")).toBe("RIFF");
  });

  it("answers the same request with the same bytes", async () => {
    const first = await (await signed({ TaskId: TASK, PageNo: "2", PageSize: "5" })).text();
    const second = await (await signed({ TaskId: TASK, PageNo: "2", PageSize: "5" })).text();
    expect(second).toBe(first);
  });
});

describe("credentials, the gateway's way", () => {
  it("refuses a wrong secret as auth (SignatureDoesNotMatch), never echoing a secret", async () => {
    const err = await failure(
      adapterFor({ accessKeySecret: "wrong-secret-0123456789" }).listCalls(TASK, null),
    );
    expect(err.kind).toBe("auth");
    expect(err.vendorCode).toBe("SignatureDoesNotMatch");
    expect(err.message).toMatch(/^阿里云AI外呼 \(aicc\): /);
    expect(err.message).not.toContain("wrong-secret-0123456789");
    expect(err.message).not.toContain(SECRET);
    expect(err.message).not.toContain("string to sign");

    const raw = await signed({ TaskId: TASK }, { secret: "wrong-secret-0123456789" });
    expect(raw.status).toBe(400);
    const body = await raw.text();
    expect(JSON.parse(body)).toMatchObject({ Code: "SignatureDoesNotMatch" });
    expect(body).not.toContain(SECRET);
    expect(body).not.toContain("wrong-secret-0123456789");
  });

  it("refuses an unknown access key as auth (HTTP 404 InvalidAccessKeyId.NotFound)", async () => {
    const err = await failure(
      adapterFor({ accessKeyId: "LTAI5tNoSuchKey" }).getCall({
        taskId: TASK,
        detailId: BIG_ID,
        batchId: "139000000000216",
      }),
    );
    expect(err.kind).toBe("auth");
    expect(err.vendorCode).toBe("InvalidAccessKeyId.NotFound");
  });

  it("refuses a stale timestamp as auth (InvalidTimeStamp.Expired)", async () => {
    const raw = await signed({ TaskId: TASK }, { now: new Date(Date.now() - 16 * 60_000) });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ Code: "InvalidTimeStamp.Expired" });

    const late = await startSimulator({
      dataset: arrayDataset(TRUTH),
      vendors: [createAliyunAiccsSimVendor()],
      credentials: SIM_CREDENTIALS,
      now: () => Date.now() + 20 * 60_000,
    });
    try {
      const err = await failure(
        adapterFor({ endpoint: `${late.url}${AICCS_SIM_PREFIX}` }).listCalls(TASK, null),
      );
      expect(err.kind).toBe("auth");
      expect(err.vendorCode).toBe("InvalidTimeStamp.Expired");
      expect(err.message).toContain("clock");
    } finally {
      await late.close();
    }
  });

  it("refuses a replayed nonce (SignatureNonceUsed), which the adapter maps to auth", async () => {
    const nonce = "fixed-nonce-for-replay-test";
    expect((await signed({ TaskId: TASK }, { nonce })).status).toBe(200);
    const replay = await signed({ TaskId: TASK }, { nonce });
    expect(replay.status).toBe(400);
    const err = await failure(
      Promise.resolve().then(async () =>
        readEnvelope({ status: replay.status, headers: replay.headers, text: await replay.text() }, "aicc"),
      ),
    );
    expect(err.kind).toBe("auth");
    expect(err.vendorCode).toBe("SignatureNonceUsed");
  });

  it("accepts a POST form signed for POST", async () => {
    const answer = await signed({ TaskId: TASK, PageNo: "1", PageSize: "2" }, { method: "POST" });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { Code: string; Data: { List: unknown[] } };
    expect(body.Code).toBe("OK");
    expect(body.Data.List).toHaveLength(2);
  });
});

describe("not found", () => {
  it("an unknown DetailId", async () => {
    const err = await failure(
      adapterFor().getCall({ taskId: TASK, detailId: "123456", batchId: "139000000000216" }),
    );
    expect(err.kind).toBe("not_found");
    expect(err.vendorCode).toBe("DataNotExist");
  });

  it("an unknown task", async () => {
    const err = await failure(adapterFor().listCalls("999999999", null));
    expect(err.kind).toBe("not_found");
  });

  it("a locator without DetailId, without asking the vendor", async () => {
    const before = vendorRequests;
    const err = await failure(adapterFor().getCall({ taskId: TASK, detailId: "", batchId: "" }));
    expect(err.kind).toBe("not_found");
    expect(vendorRequests).toBe(before);
  });
});

describe("the vendor's error answers, over HTTP", () => {
  const cases: [string, number, string, string, string | null][] = [
    [
      "Throttling.User",
      400,
      JSON.stringify({
        RequestId: "r",
        Code: "Throttling.User",
        Message: "Request was denied due to user flow control.",
      }),
      "throttled",
      "Throttling.User",
    ],
    [
      "isv.BUSINESS_LIMIT_CONTROL",
      400,
      JSON.stringify({ Code: "isv.BUSINESS_LIMIT_CONTROL", Message: "触发流控" }),
      "throttled",
      "isv.BUSINESS_LIMIT_CONTROL",
    ],
    ["HTTP 429", 429, "Too Many Requests", "throttled", "HTTP 429"],
    [
      "Forbidden.RAM",
      403,
      JSON.stringify({
        Code: "Forbidden.RAM",
        Message: "User not authorized to operate on the specified resource.",
      }),
      "auth",
      "Forbidden.RAM",
    ],
    [
      "IncompleteSignature",
      400,
      JSON.stringify({
        Code: "IncompleteSignature",
        Message: "The request signature does not conform to Aliyun standards.",
      }),
      "auth",
      "IncompleteSignature",
    ],
    [
      "InvalidParameter.DetailId",
      404,
      JSON.stringify({ Code: "InvalidParameter.DetailId", Message: "DetailId is invalid" }),
      "not_found",
      "InvalidParameter.DetailId",
    ],
    [
      "Success false, not-found words",
      200,
      JSON.stringify({ Success: false, Code: "Error", Message: "通话记录不存在" }),
      "not_found",
      "Error",
    ],
    [
      "InvalidAction.NotFound (a wrong endpoint, not a missing call)",
      404,
      JSON.stringify({
        Code: "InvalidAction.NotFound",
        Message: "Specified api is not found, please check your url and method.",
      }),
      "rejected",
      "InvalidAction.NotFound",
    ],
    [
      "other non-OK",
      400,
      JSON.stringify({ Code: "InvalidParameter.PageSize", Message: "bad page size" }),
      "rejected",
      "InvalidParameter.PageSize",
    ],
    ["HTTP 503 page", 503, "<html>Service Unavailable</html>", "unavailable", "HTTP 503"],
    [
      "an HTML page with 200",
      200,
      "<!DOCTYPE html><html><body>login</body></html>",
      "bad_response",
      "HTTP 200",
    ],
    ["truncated JSON", 200, '{"Code":"OK","Data":{"List":[{"DetailId":', "bad_response", "HTTP 200"],
    ["no envelope", 200, JSON.stringify({ hello: "world" }), "bad_response", "HTTP 200"],
  ];

  it.each(cases)("%s", async (_name, status, body, kind, vendorCode) => {
    inject = { status, body };
    try {
      const err = await failure(adapterFor().listCalls(TASK, null));
      expect(err.kind).toBe(kind);
      expect(err.vendorCode).toBe(vendorCode);
      expect(err.message).toMatch(/^阿里云AI外呼 \(aicc\): /);
    } finally {
      inject = null;
    }
  });

  it("retries a throttled request and succeeds once the vendor lets it through", async () => {
    inject = {
      status: 400,
      body: JSON.stringify({
        Code: "Throttling.Api",
        Message: "Request was denied due to api flow control.",
      }),
      times: 2,
    };
    const before = vendorRequests;
    try {
      const page = await adapterFor({}, 4).listCalls(TASK, null, { pageSize: 3 });
      expect(page.calls.map((call) => call.key)).toEqual(
        TRUTH.slice(0, 3).map((truth) => truth.vendorCallId),
      );
      expect(vendorRequests - before).toBe(3);
    } finally {
      inject = null;
    }
  });

  it("reads an empty detail Data as not found", async () => {
    inject = { status: 200, body: JSON.stringify({ Code: "OK", Success: true, Message: "成功", Data: {} }) };
    try {
      const err = await failure(adapterFor().getCall({ taskId: TASK, detailId: "1", batchId: "2" }));
      expect(err.kind).toBe("not_found");
    } finally {
      inject = null;
    }
  });
});

describe("envelope and page reading", () => {
  const headers = new Headers();

  it("unwraps the documented detail answer's Data", () => {
    const text = readFileSync(
      new URL("./fixtures/query-conversation-detail-info.doc.json", import.meta.url),
      "utf8",
    );
    const data = readEnvelope({ status: 200, headers, text }, "aicc") as Record<string, unknown>;
    expect(data.CallResult).toBe("ANSWERED");
    expect(data.PickUpTime).toBe(1754617273000);
  });

  it("reads Data sent as a JSON string, big ids intact", () => {
    const inner = `{"List":[{"DetailId":${BIG_ID}}],"PageNo":1,"PageSize":"10","Total":"1"}`;
    const text = JSON.stringify({ Code: "OK", Success: "true", Data: inner });
    const page = readPage(readEnvelope({ status: 200, headers, text }, "aicc"), "aicc");
    expect(page.records).toEqual([{ DetailId: BIG_ID }]);
    expect(page.pageSize).toBe(10);
    expect(page.total).toBe(1);
  });

  it.each([
    ["null", { List: null, Total: 0 }],
    ["missing", { Total: 0 }],
    ["an empty string", { List: "", Total: 0 }],
    ["a JSON string of []", { List: "[]", Total: 0 }],
  ])("reads List as %s as an empty page", (_what, data) => {
    expect(readPage(data, "aicc").records).toEqual([]);
  });

  it("refuses a List that is not a list", () => {
    expect(() => readPage({ List: { DetailId: 1 } }, "aicc")).toThrow(VendorError);
  });

  it("clamps the page size to 1..100", () => {
    expect(clampPageSize(undefined)).toBe(100);
    expect(clampPageSize(500)).toBe(100);
    expect(clampPageSize(0)).toBe(1);
    expect(clampPageSize(7.9)).toBe(7);
  });
});
