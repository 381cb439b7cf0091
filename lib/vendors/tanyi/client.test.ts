import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Intent } from "@/lib/model";
import { startSimulator, type SimulatorHandle } from "@/lib/simulator/server";
import { SIM_CREDENTIALS } from "@/lib/simulator/credentials";
import { arrayDataset } from "@/lib/simulator/testing/array-dataset";
import type { SimCall } from "@/lib/simulator/types";
import { TASK_50, TASK_51 } from "@/lib/simulator/testing/tanyi-truth";
import { tanyiSimVendor } from "@/lib/simulator/vendors/tanyi";
import { VendorError } from "@/lib/vendors/errors";
import { createVendorHttp } from "@/lib/vendors/http";
import type { NormalizedCall, VendorAdapter } from "@/lib/vendors/types";
import { createAdapter, tanyiApiRoot } from "./client";
import type { Source } from "./config";
import { tanyiSignature, tanyiSignedHeaders } from "./signature";

const TZ = "Asia/Shanghai";

function adapterFor(
  baseUrl: string,
  overrides: Partial<Source> = {},
  fetchImpl?: typeof fetch,
): VendorAdapter {
  const source: Source = {
    id: "tanyi",
    name: "探意外呼",
    vendor: "tanyi",
    baseUrl,
    ...SIM_CREDENTIALS.tanyi,
    taskIds: ["50"],
    ...overrides,
  };
  const http = createVendorHttp({
    label: "探意外呼 (tanyi)",
    maxAttempts: 2,
    initialDelayMs: 1,
    maxDelayMs: 5,
    fetchImpl,
  });
  return createAdapter({ source, timezone: TZ, http });
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

function expectNoSecret(err: VendorError) {
  for (const secret of Object.values(SIM_CREDENTIALS.tanyi)) expect(err.message).not.toContain(secret);
}

describe("Tanyi signature", () => {
  it("is lowercase hex SHA-256 of tenantSign + the joined parameters (known answer from sha256sum)", () => {
    const credentials = { appKey: "K", appSecret: "S", tenantSign: "T" };
    expect(tanyiSignature(credentials, "1700000000000")).toBe(
      "06fa7d692863a0ecd0fd00b75ac710a70fcaa0cbce40f7f9898df499be0c91c0",
    );
    expect(tanyiSignature(SIM_CREDENTIALS.tanyi, "1754617273000")).toBe(
      "a076c687d83142c60674a5950aa0d70dd9aaacbe5b657a1c9a96974e4d396b50",
    );
  });

  it("builds the header set without the secret", () => {
    const headers = tanyiSignedHeaders({ appKey: "K", appSecret: "S3cr3t!", tenantSign: "T" }, 1700000000000);
    expect(headers).toEqual({
      appKey: "K",
      version: "v1",
      timestamp: "1700000000000",
      signature: tanyiSignature({ appKey: "K", appSecret: "S3cr3t!", tenantSign: "T" }, "1700000000000"),
      tenantSign: "T",
    });
    expect(Object.values(headers)).not.toContain("S3cr3t!");
  });
});

describe("tanyiApiRoot", () => {
  it("appends /apiOpen/v1 to the base, keeping any path prefix", () => {
    expect(tanyiApiRoot("https://openapi.tanyibot.com")).toBe("https://openapi.tanyibot.com/apiOpen/v1");
    expect(tanyiApiRoot("http://127.0.0.1:4010/tanyi")).toBe("http://127.0.0.1:4010/tanyi/apiOpen/v1");
    expect(tanyiApiRoot("https://gw.example.cn/proxy/tanyi/")).toBe(
      "https://gw.example.cn/proxy/tanyi/apiOpen/v1",
    );
  });

  it("does not add it twice when the base already ends with it", () => {
    expect(tanyiApiRoot("https://openapi.tanyibot.com/apiOpen/v1")).toBe(
      "https://openapi.tanyibot.com/apiOpen/v1",
    );
    expect(tanyiApiRoot("http://127.0.0.1:4010/tanyi/apiOpen/v1/")).toBe(
      "http://127.0.0.1:4010/tanyi/apiOpen/v1",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The envelope, against canned answers.

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

function cannedFetch(answers: { status?: number; body: string; headers?: Record<string, string> }[]) {
  const sent: Sent[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    sent.push({
      url: String(input),
      method: init?.method ?? "GET",
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: typeof init?.body === "string" ? init.body : null,
    });
    const answer = answers[Math.min(sent.length - 1, answers.length - 1)]!;
    return new Response(answer.body, { status: answer.status ?? 200, headers: answer.headers });
  }) as typeof fetch;
  return { sent, fetchImpl };
}

const fixtureText = (name: string) => fs.readFileSync(path.join(__dirname, "fixtures", name), "utf8");
const envelope = (fields: Record<string, unknown>) =>
  JSON.stringify({ data: null, requestId: "ABCDEFGH", errorStackTrace: null, ...fields });
const JAVA_JUNK = "com.tanyi.openapi.exception.BizException: boom\n\tat com.tanyi.Secret(Secret.java:1)";

describe("Tanyi adapter on canned answers", () => {
  it("POSTs a signed JSON list request to the prefixed API root, page size clamped to 100", async () => {
    const { sent, fetchImpl } = cannedFetch([{ body: fixtureText("list-response.json") }]);
    const before = Date.now();
    await adapterFor("https://openapi.example.cn/gw/", {}, fetchImpl).listCalls("50", null, {
      pageSize: 500,
    });
    const request = sent[0]!;
    expect(request.url).toBe("https://openapi.example.cn/gw/apiOpen/v1/callRecord/getCallRecordInfoList");
    expect(request.method).toBe("POST");
    expect(request.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(request.body!)).toEqual({ robotCallJobId: 50, pageNum: 1, pageSize: 100 });
    const { appkey, version, timestamp, signature, tenantsign } = request.headers;
    expect(appkey).toBe(SIM_CREDENTIALS.tanyi.appKey);
    expect(version).toBe("v1");
    expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(timestamp)).toBeLessThanOrEqual(Date.now());
    expect(signature).toBe(tanyiSignature(SIM_CREDENTIALS.tanyi, timestamp!));
    expect(tenantsign).toBe(SIM_CREDENTIALS.tanyi.tenantSign);
    expect(Object.values(request.headers)).not.toContain(SIM_CREDENTIALS.tanyi.appSecret);
    expect(request.body).not.toContain(SIM_CREDENTIALS.tanyi.appSecret);
  });

  it("does not double /apiOpen/v1, sends a task id beyond 2^53 as a string and a cursor as pageNum", async () => {
    const { sent, fetchImpl } = cannedFetch([{ body: fixtureText("list-response.json") }]);
    await adapterFor("https://openapi.tanyibot.com/apiOpen/v1", {}, fetchImpl).listCalls(
      "12345678901234567890",
      "3",
      {
        pageSize: 0,
      },
    );
    expect(sent[0]!.url).toBe("https://openapi.tanyibot.com/apiOpen/v1/callRecord/getCallRecordInfoList");
    expect(sent[0]!.body).toBe('{"robotCallJobId":"12345678901234567890","pageNum":3,"pageSize":1}');
  });

  it("reads the doc's list answer as one page", async () => {
    const { fetchImpl } = cannedFetch([{ body: fixtureText("list-response.json") }]);
    const page = await adapterFor("https://openapi.tanyibot.com", {}, fetchImpl).listCalls("50", null);
    expect(page.calls.map((call) => call.key)).toEqual(["47"]);
    expect(page.problems).toEqual([]);
    // number 1 of pages 1: the end, although the doc's totalElements says 4.
    expect(page.nextCursor).toBeNull();
    expect(page.total).toBe(4);
  });

  it("pages on while the vendor says there is more, even when it pages by a smaller size than asked", async () => {
    const items = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        callRecordId: from + i,
        calledPhoneNumber: "13900000000",
        resultStatus: "BUSY",
      }));
    const pageOf = (number: number, pageSize: number, content: unknown[]) =>
      envelope({ code: 200, data: { number, pageSize, totalElements: 45, pages: 3, content } });
    const { sent, fetchImpl } = cannedFetch([
      { body: pageOf(1, 20, items(1, 20)) },
      { body: pageOf(2, 20, items(21, 20)) },
      { body: pageOf(3, 20, items(41, 5)) },
    ]);
    const adapter = adapterFor("https://openapi.tanyibot.com", {}, fetchImpl);
    const keys: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<VendorAdapter["listCalls"]>> = await adapter.listCalls("50", cursor, {
        pageSize: 100,
      });
      keys.push(...page.calls.map((call) => call.key));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(sent.map((request) => JSON.parse(request.body!).pageNum)).toEqual([1, 2, 3]);
    expect(keys).toHaveLength(45);
    expect(new Set(keys).size).toBe(45);
  });

  it("reads a messy page: numbers as strings, a bare id beyond 2^53, broken records reported", async () => {
    const { fetchImpl } = cannedFetch([{ body: fixtureText("list-messy.json") }]);
    const page = await adapterFor("https://openapi.tanyibot.com", {}, fetchImpl).listCalls("50", null);
    expect(page.calls[0]!.summary.vendorCallId).toBe("12345678901234567890");
    expect(page.calls).toHaveLength(7);
    expect(page.problems).toHaveLength(2);
    expect(page.total).toBe(9);
    expect(page.nextCursor).toBeNull();
  });

  it("treats code 200 with no data as an empty, final page", async () => {
    const { fetchImpl } = cannedFetch([{ body: envelope({ code: 200, resultMsg: "获取成功" }) }]);
    const page = await adapterFor("https://openapi.tanyibot.com", {}, fetchImpl).listCalls("50", null);
    expect(page).toEqual({ calls: [], problems: [], nextCursor: null, total: null });
  });

  it("GETs the detail by the exact callRecordId and reads the doc's answer", async () => {
    const { sent, fetchImpl } = cannedFetch([{ body: fixtureText("detail-response.json") }]);
    const call = await adapterFor("https://openapi.tanyibot.com", {}, fetchImpl).getCall({
      callRecordId: "1",
    });
    expect(sent[0]!.method).toBe("GET");
    expect(sent[0]!.url).toBe("https://openapi.tanyibot.com/apiOpen/v1/callRecord/callDetail?callRecordId=1");
    expect(sent[0]!.body).toBeNull();
    expect(call.summary).toMatchObject({
      vendorCallId: "1",
      result: "vacant",
      intent: "F",
      callee: "18673125007",
    });
  });

  it("reads a big detail id without rounding it", async () => {
    const { sent, fetchImpl } = cannedFetch([{ body: fixtureText("detail-messy.json") }]);
    const call = await adapterFor("https://openapi.tanyibot.com", {}, fetchImpl).getCall({
      callRecordId: "9007199254740993",
    });
    expect(sent[0]!.url).toMatch(/callRecordId=9007199254740993$/);
    expect(call.key).toBe("9007199254740993");
  });

  const errorCases: {
    name: string;
    answer: { status?: number; body: string };
    kind: VendorError["kind"];
    words?: string;
  }[] = [
    {
      name: "code 401 签名验证失败",
      answer: { body: envelope({ code: 401, resultMsg: "签名验证失败", errorStackTrace: JAVA_JUNK }) },
      kind: "auth",
      words: "签名验证失败 (401)",
    },
    {
      name: "a signature complaint under another code",
      answer: { body: envelope({ code: 500, resultMsg: "signature error" }) },
      kind: "auth",
      words: "signature error (500)",
    },
    {
      name: "code 403",
      answer: { body: envelope({ code: 403, resultMsg: "无权限" }) },
      kind: "auth",
      words: "无权限 (403)",
    },
    { name: "HTTP 401 without JSON", answer: { status: 401, body: "Unauthorized" }, kind: "auth" },
    {
      name: "code 429",
      answer: { body: envelope({ code: 429, resultMsg: "请求太多" }) },
      kind: "throttled",
      words: "请求太多 (429)",
    },
    {
      name: "限流 words",
      answer: { body: envelope({ code: 500, resultMsg: "接口限流，请稍后再试" }) },
      kind: "throttled",
    },
    {
      name: "频繁 words",
      answer: { body: envelope({ code: 5001, resultMsg: "请求过于频繁" }) },
      kind: "throttled",
    },
    { name: "HTTP 429", answer: { status: 429, body: "slow down" }, kind: "throttled" },
    {
      name: "code 400 with a Java stack",
      answer: {
        body: envelope({ code: 400, resultMsg: "pageSize最大不能超过100", errorStackTrace: JAVA_JUNK }),
      },
      kind: "rejected",
      words: "pageSize最大不能超过100 (400)",
    },
    {
      name: "code 500 without words",
      answer: { body: envelope({ code: 500, resultMsg: null }) },
      kind: "rejected",
      words: "no message (500)",
    },
    {
      name: "an HTML page",
      answer: { body: "<!DOCTYPE html><html><body>502 Bad Gateway</body></html>" },
      kind: "bad_response",
    },
    {
      name: "truncated JSON",
      answer: { body: '{"code":200,"data":{"content":[{"callRecordId":' },
      kind: "bad_response",
    },
    { name: "JSON without an envelope", answer: { body: '{"content":[]}' }, kind: "bad_response" },
    {
      name: "a page whose content is not a list",
      answer: { body: envelope({ code: 200, data: { content: 7 } }) },
      kind: "bad_response",
    },
    { name: "HTTP 503", answer: { status: 503, body: "<html>down</html>" }, kind: "unavailable" },
  ];

  for (const { name, answer, kind, words } of errorCases) {
    it(`maps ${name} to ${kind}`, async () => {
      const { fetchImpl } = cannedFetch([answer]);
      const err = await failure(
        adapterFor("https://openapi.tanyibot.com", {}, fetchImpl).listCalls("50", null),
      );
      expect(err.kind).toBe(kind);
      expect(err.message).toMatch(/^探意外呼/);
      if (words) expect(err.message).toContain(words);
      expect(err.message).not.toMatch(/com\.tanyi|Secret\.java|\tat /);
      expectNoSecret(err);
    });
  }

  it("never repeats a credential the vendor echoes back", async () => {
    const { fetchImpl } = cannedFetch([
      {
        body: envelope({
          code: 401,
          resultMsg: `appKey ${SIM_CREDENTIALS.tanyi.appKey} 与 ${SIM_CREDENTIALS.tanyi.appSecret} 不匹配`,
        }),
      },
    ]);
    const err = await failure(
      adapterFor("https://openapi.tanyibot.com", {}, fetchImpl).listCalls("50", null),
    );
    expect(err.kind).toBe("auth");
    expect(err.message).toContain("[redacted]");
    expectNoSecret(err);
  });

  it("retries a throttled read with a freshly signed request", async () => {
    const { sent, fetchImpl } = cannedFetch([
      { status: 429, body: "", headers: { "retry-after": "0" } },
      { body: fixtureText("list-response.json") },
    ]);
    const page = await adapterFor("https://openapi.tanyibot.com", {}, fetchImpl).listCalls("50", null);
    expect(page.calls).toHaveLength(1);
    expect(sent).toHaveLength(2);
    for (const request of sent) {
      expect(request.headers.signature).toBe(
        tanyiSignature(SIM_CREDENTIALS.tanyi, request.headers.timestamp!),
      );
    }
  });

  const notFoundCases: { name: string; answer: { status?: number; body: string } }[] = [
    { name: "HTTP 404 with an HTML page", answer: { status: 404, body: "<html>Not Found</html>" } },
    {
      name: "HTTP 404 with the envelope",
      answer: { status: 404, body: envelope({ code: 404, resultMsg: "通话记录不存在" }) },
    },
    { name: "code 404 under HTTP 200", answer: { body: envelope({ code: 404, resultMsg: "not found" }) } },
    {
      name: "记录不存在 under another code",
      answer: { body: envelope({ code: 500, resultMsg: "记录不存在" }) },
    },
    { name: "code 200 without data", answer: { body: envelope({ code: 200, resultMsg: "执行成功" }) } },
  ];
  for (const { name, answer } of notFoundCases) {
    it(`reads ${name} on the detail as not_found`, async () => {
      const { fetchImpl } = cannedFetch([answer]);
      const err = await failure(
        adapterFor("https://openapi.tanyibot.com", {}, fetchImpl).getCall({ callRecordId: "777" }),
      );
      expect(err.kind).toBe("not_found");
      expect(err.message).toContain("call record 777");
    });
  }

  it("refuses a locator without callRecordId before asking the vendor", async () => {
    const { sent, fetchImpl } = cannedFetch([{ body: fixtureText("detail-response.json") }]);
    const err = await failure(adapterFor("https://openapi.tanyibot.com", {}, fetchImpl).getCall({}));
    expect(err.kind).toBe("not_found");
    expect(sent).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------
// The contract: the adapter against the simulated vendor, over HTTP.

const LABELS: Record<string, string> = {
  answered: "已接听",
  no_answer: "未接",
  busy: "占线",
  power_off: "关机",
  refused: "拒接",
  vacant: "空号",
  suspended: "被叫停机",
  unreachable: "无法接通",
  blocked: "OPERATOR_BLOCK",
  unknown: "UNKNOWN_STATUS_X",
};
const INTENT_NAMES: Record<Intent, string> = {
  A: "较强",
  B: "一般",
  C: "无法判断",
  D: "很少",
  E: "需要再次跟进",
  F: "无需再次跟进",
};

/** China time, whole seconds, written independently of the adapter's time helpers. */
function chinaIso(epochMs: number): string {
  return `${new Date(Math.floor(epochMs / 1000) * 1000 + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

function expectTruth(call: NormalizedCall, truth: SimCall, from: "list" | "detail") {
  const where = `${from} ${truth.index}`;
  expect(call.key, where).toBe(truth.vendorCallId);
  expect(call.locator, where).toEqual({ callRecordId: truth.vendorCallId });
  const s = call.summary;
  expect(s.vendorCallId, where).toBe(truth.vendorCallId);
  expect(s.taskId, where).toBe(truth.taskId);
  expect(s.callee, where).toBe(truth.callee);
  expect(s.caller, where).toBeNull();
  expect(s.result, where).toBe(truth.result);
  const label =
    truth.result === "failed"
      ? truth.index % 2 === 1
        ? "主叫号码不可用"
        : "外呼失败"
      : LABELS[truth.result];
  expect(s.resultLabel, where).toBe(label);
  expect(s.hangupBy, where).toBeNull();
  expect(s.rounds, where).toBe(truth.rounds);
  expect(s.intent, where).toBe(truth.intent);
  expect(s.intentLabel, where).toBe(truth.intent ? INTENT_NAMES[truth.intent] : null);
  expect(s.durationSec, where).toBe(Math.round(truth.talkMs / 1000));
  expect(s.startedAt, where).toBe(chinaIso(truth.dialAt));
  expect(s.answeredAt, where).toBeNull();
  expect(s.endedAt, where).toBe(from === "detail" ? chinaIso(truth.endAt) : null);
  expect(s.tags, where).toEqual(truth.concerns);
  expect(s.hasRecording, where).toBe(truth.recording !== null);
  expect(call.recordingUrl !== null, where).toBe(truth.recording !== null);
  expect(call.needsDetail, where).toBe(false);
  expect(
    call.transcript!.map((u) => [u.speaker, u.text, u.interrupted ?? false]),
    where,
  ).toEqual(truth.lines.map((line) => [line.speaker, line.text, line.interrupted]));
  expect(JSON.stringify(call.extra), where).not.toMatch(/https?:|\/oss\//);
}

describe("Tanyi adapter against the simulated vendor", () => {
  let sim: SimulatorHandle;
  let base: string;
  const listRequests: { taskId: string; body: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    sim = await startSimulator({
      dataset: arrayDataset([...TASK_50, ...TASK_51]),
      vendors: [tanyiSimVendor],
      credentials: SIM_CREDENTIALS,
      intercept: (request) => {
        if (request.path.endsWith("/getCallRecordInfoList")) {
          const body = JSON.parse(request.body) as Record<string, unknown>;
          listRequests.push({ taskId: String(body.robotCallJobId), body });
        }
        return false;
      },
    });
    base = `${sim.url}/tanyi`;
  });
  afterAll(() => sim?.close());

  async function listAll(adapter: VendorAdapter, taskId: string, pageSize: number) {
    const calls: NormalizedCall[] = [];
    const totals: (number | null)[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<VendorAdapter["listCalls"]>> = await adapter.listCalls(taskId, cursor, {
        pageSize,
      });
      expect(page.problems).toEqual([]);
      calls.push(...page.calls);
      totals.push(page.total);
      cursor = page.nextCursor;
      if (++pages > 20) throw new Error("paging does not end");
    } while (cursor !== null);
    return { calls, totals, pages };
  }

  it("pages to the end and every call comes back as the truth", async () => {
    const { calls, totals, pages } = await listAll(adapterFor(base), "50", 5);
    expect(pages).toBe(4); // 5 + 5 + 5 + 2: the short page ends it
    expect(totals.every((total) => total === TASK_50.length)).toBe(true);
    expect(calls).toHaveLength(TASK_50.length);
    calls.forEach((call, i) => expectTruth(call, TASK_50[i]!, "list"));
  });

  it("stops on the last page without asking for an empty one", async () => {
    listRequests.length = 0;
    const { calls, pages } = await listAll(adapterFor(base), "51", 2);
    expect(pages).toBe(2);
    expect(listRequests.filter((r) => r.taskId === "51")).toHaveLength(2);
    calls.forEach((call, i) => expectTruth(call, TASK_51[i]!, "list"));
  });

  it("clamps a page size beyond the vendor's 100", async () => {
    listRequests.length = 0;
    const page = await adapterFor(base).listCalls("50", null, { pageSize: 1000 });
    expect(listRequests[0]!.body.pageSize).toBe(100);
    expect(page.calls).toHaveLength(TASK_50.length);
    expect(page.nextCursor).toBeNull();
  });

  it("works with a base URL that already ends in /apiOpen/v1", async () => {
    const page = await adapterFor(`${base}/apiOpen/v1/`).listCalls("51", null);
    expect(page.calls).toHaveLength(TASK_51.length);
  });

  it("fetches every call by its list locator, ids beyond 2^53 intact", async () => {
    const adapter = adapterFor(base);
    const { calls } = await listAll(adapter, "50", 100);
    for (const [i, listed] of calls.entries()) {
      const detail = await adapter.getCall(listed.locator);
      expectTruth(detail, TASK_50[i]!, "detail");
      expect(detail.extra.customerName).toBe(TASK_50[i]!.customerName);
    }
    const big = calls.find((call) => call.key === "9007199254740993")!;
    expect(big.locator).toEqual({ callRecordId: "9007199254740993" });
    expect((await adapter.getCall(big.locator)).summary.vendorCallId).toBe("9007199254740993");
  });

  it("gets a recording URL the simulator serves", async () => {
    const call = await adapterFor(base).getCall({ callRecordId: "9007199254740993" });
    const response = await fetch(call.recordingUrl!, { headers: { range: "bytes=0-43" } });
    expect(response.status).toBe(206);
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe("RIFF");
  });

  it("says not_found for an unknown callRecordId, and for a rounded one", async () => {
    for (const callRecordId of ["424242", "9007199254740992"]) {
      const err = await failure(adapterFor(base).getCall({ callRecordId }));
      expect(err.kind).toBe("not_found");
      expect(err.message).toContain("通话记录不存在");
    }
  });

  it("is refused as auth with a wrong appSecret, a wrong tenantSign or an unknown appKey", async () => {
    const cases: [Partial<Source>, string][] = [
      [{ appSecret: "not-the-secret-at-all" }, "签名验证失败"],
      [{ tenantSign: "OTHERTENANT" }, "签名验证失败"],
      [{ appKey: "unknown-app-key" }, "appKey不存在"],
    ];
    for (const [overrides, words] of cases) {
      const err = await failure(adapterFor(base, overrides).listCalls("50", null));
      expect(err.kind).toBe("auth");
      expect(err.message).toContain(words);
      expect(err.message).not.toContain("not-the-secret-at-all");
      expectNoSecret(err);
      const detailErr = await failure(adapterFor(base, overrides).getCall({ callRecordId: "880003" }));
      expect(detailErr.kind).toBe("auth");
    }
  });

  it("is refused as auth when its clock is more than 5 minutes off the vendor's", async () => {
    const skewed = await startSimulator({
      dataset: arrayDataset(TASK_51),
      vendors: [tanyiSimVendor],
      credentials: SIM_CREDENTIALS,
      now: () => Date.now() + 6 * 60_000,
    });
    try {
      const err = await failure(adapterFor(`${skewed.url}/tanyi`).listCalls("51", null));
      expect(err.kind).toBe("auth");
      expect(err.message).toContain("请求已过期");
    } finally {
      await skewed.close();
    }
  });

  it("lists an unknown task as empty", async () => {
    const page = await adapterFor(base).listCalls("999", null);
    expect(page).toMatchObject({ calls: [], problems: [], nextCursor: null, total: 0 });
  });
});
