import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallResult } from "@/lib/model";
import { SIM_CREDENTIALS } from "@/lib/simulator/credentials";
import { startSimulator, type SimulatorHandle } from "@/lib/simulator/server";
import { arrayDataset } from "@/lib/simulator/testing/array-dataset";
import type { SimCall } from "@/lib/simulator/types";
import { BASE_DIAL, TASK, truthCalls } from "@/lib/simulator/testing/dyvms-truth";
import { createAliyunDyvmsSimVendor } from "@/lib/simulator/vendors/aliyun-dyvms";
import { VendorError } from "@/lib/vendors/errors";
import { createVendorHttp, type HttpAnswer } from "@/lib/vendors/http";
import type { NormalizedCall, VendorAdapter } from "@/lib/vendors/types";
import { createAdapter, readEnvelope } from "./client";
import type { Source } from "./config";

const TZ = "Asia/Shanghai";
const SECRET = SIM_CREDENTIALS.aliyun.accessKeySecret;

/** The words the simulated vendor uses: its list's callResult and its detail's stateDesc. */
const LIST_WORDS: Record<CallResult, string> = {
  answered: "已接通",
  no_answer: "无人接听",
  busy: "占线",
  refused: "拒接",
  power_off: "关机",
  suspended: "停机",
  vacant: "空号",
  unreachable: "无法接通",
  blocked: "呼损",
  failed: "系统错误",
  unknown: "其他",
};
const DETAIL_WORDS: Record<CallResult, string> = {
  answered: "用户接听",
  no_answer: "用户未接听",
  busy: "用户占线",
  refused: "用户拒接",
  power_off: "关机",
  suspended: "停机",
  vacant: "空号",
  unreachable: "无法接通",
  blocked: "呼损",
  failed: "系统错误",
  unknown: "早媒体:线路侧返回未知信令",
};

/**
 * The expected text, by arithmetic rather than by the formatter under test: Shanghai has kept UTC+8
 * without daylight saving since 1991. (Literal spot checks below pin the arithmetic itself.)
 */
const iso = (epoch: number) => new Date(epoch + 8 * 3_600_000).toISOString().replace(/(\.000)?Z$/, "+08:00");

function source(endpoint: string, overrides: Partial<Source> = {}): Source {
  return {
    id: "hz-robot",
    name: "杭州外呼",
    vendor: "aliyun-dyvms",
    endpoint,
    accessKeyId: SIM_CREDENTIALS.aliyun.accessKeyId,
    accessKeySecret: SECRET,
    taskIds: [TASK],
    ...overrides,
  };
}

function adapterFor(endpoint: string, overrides: Partial<Source> = {}, maxAttempts = 1): VendorAdapter {
  return createAdapter({
    source: source(endpoint, overrides),
    timezone: TZ,
    http: createVendorHttp({ label: "杭州外呼", maxAttempts, initialDelayMs: 1, maxDelayMs: 5 }),
  });
}

async function listAll(adapter: VendorAdapter, pageSize: number) {
  const calls: NormalizedCall[] = [];
  const cursors: (string | null)[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const page = await adapter.listCalls(TASK, cursor, { pageSize });
    expect(page.problems).toEqual([]);
    expect(page.total).toBeNull();
    calls.push(...page.calls);
    cursors.push(page.nextCursor);
    cursor = page.nextCursor;
    if (cursor === null) break;
  }
  return { calls, cursors };
}

async function expectVendorError(promise: Promise<unknown>): Promise<VendorError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VendorError);
  return err as VendorError;
}

describe("aliyun-dyvms adapter against the simulated vendor", () => {
  const truth = truthCalls();
  let sim: SimulatorHandle;
  let endpoint: string;
  let adapter: VendorAdapter;

  beforeAll(async () => {
    sim = await startSimulator({
      dataset: arrayDataset(truth),
      vendors: [createAliyunDyvmsSimVendor()],
      credentials: SIM_CREDENTIALS,
    });
    endpoint = `${sim.url}/aliyun-dyvms`;
    adapter = adapterFor(endpoint);
  });
  afterAll(() => sim.close());

  it("pages to the end over several pages, stopping on the short one", async () => {
    const { calls, cursors } = await listAll(adapter, 6);
    expect(cursors).toEqual(["2", "3", "4", null]);
    expect(calls.map((c) => c.key)).toEqual(truth.map((t) => t.vendorCallId));
  });

  it("stops on an empty page when the last page was full", async () => {
    const { calls, cursors } = await listAll(adapter, 5);
    expect(cursors).toEqual(["2", "3", "4", "5", null]);
    expect(calls).toHaveLength(20);
  });

  it("returns every call of the list with the truth's canonical fields", async () => {
    const { calls } = await listAll(adapter, 7);
    expect(calls).toHaveLength(truth.length);
    for (const [i, call] of calls.entries()) {
      const t = truth[i]!;
      const s = call.summary;
      const where = `call ${t.index}`;
      expect(s.taskId, where).toBe(TASK);
      expect(s.vendorCallId, where).toBe(t.vendorCallId);
      expect(s.callee, where).toBe(t.callee);
      expect(s.caller, where).toBe(t.caller);
      expect(s.result, where).toBe(t.result);
      // Call 10's callResult is a status code, read as the code's words.
      expect(s.resultLabel, where).toBe(t.index === 10 ? "用户接听" : LIST_WORDS[t.result]);
      expect(s.hangupBy, where).toBe(t.hangupBy);
      expect(s.rounds, where).toBe(t.rounds);
      expect(s.intent, where).toBeNull();
      expect(s.durationSec, where).toBe(Math.round(t.talkMs / 1000));
      expect(s.startedAt, where).toBe(iso(t.dialAt));
      expect(s.answeredAt, where).toBeNull(); // the list does not say
      expect(s.endedAt, where).toBe(iso(t.endAt));
      expect(s.tags, where).toEqual(t.tags);
      expect(s.hasRecording, where).toBe(t.result === "answered");
      expect(call.transcript, where).toBeNull();
      expect(call.needsDetail, where).toBe(t.result === "answered");
      expect(call.locator, where).toEqual({
        taskId: TASK,
        callee: t.callee,
        queryDate: String(t.dialAt),
        callId: t.vendorCallId,
      });
    }
    // Pinned as written, not computed: calls dial a minute apart from 10:30 Shanghai time.
    expect(calls[0]!.summary.startedAt).toBe("2026-11-16T10:30:00+08:00");
    expect(calls[19]!.summary.startedAt).toBe("2026-11-16T10:49:00+08:00");
  });

  it("fetches each call's detail with the list's locator", async () => {
    const { calls } = await listAll(adapter, 100);
    for (const [i, listed] of calls.entries()) {
      const t = truth[i]!;
      const where = `call ${t.index}`;
      const call = await adapter.getCall(listed.locator);
      const s = call.summary;
      expect(call.key, where).toBe(listed.key);
      expect(s.result, where).toBe(t.result);
      expect(s.hangupBy, where).toBe(t.hangupBy);
      expect(s.rounds, where).toBe(t.rounds);
      expect(s.durationSec, where).toBe(Math.round(t.talkMs / 1000));
      expect(s.startedAt, where).toBe(iso(t.dialAt));
      expect(s.answeredAt, where).toBe(t.answerAt === null ? null : iso(t.answerAt));
      expect(s.endedAt, where).toBe(iso(t.endAt));
      expect(s.callee, where).toBe(t.callee);
      expect(s.caller, where).toBe(t.caller);
      expect(s.tags, where).toEqual(t.tags);
      expect(s.intent, where).toBeNull();
      // Every 7th call's stateDesc arrives as mojibake (calls 0, 7 and 14 here): repaired.
      expect(s.resultLabel, where).toBe(DETAIL_WORDS[t.result]);
      expect(s.hasRecording, where).toBe(t.recording !== null);
      expect(call.needsDetail, where).toBe(false);
      expect(
        call.transcript!.map((u) => [u.speaker, u.text, u.interrupted ?? false]),
        where,
      ).toEqual(t.lines.map((line) => [line.speaker, line.text, line.interrupted]));
      for (const [j, u] of call.transcript!.entries()) {
        // The vendor stamps whole seconds: within a second of the truth.
        expect(Math.abs(u.startMs! - t.lines[j]!.startMs), `${where} line ${j}`).toBeLessThanOrEqual(1000);
        expect(u.timing).toBe("vendor");
      }
      expect(JSON.stringify(call.extra)).not.toMatch(/https?:/);
      if (t.recording) {
        expect(call.recordingUrl, where).not.toContain("&amp;");
        const audio = await fetch(call.recordingUrl!, { headers: { range: "bytes=0-43" } });
        expect(audio.status, where).toBe(206);
        await audio.arrayBuffer();
      } else {
        expect(call.recordingUrl, where).toBeNull();
      }
    }
  });

  it("returns an answered call's transcript matching the truth lines", async () => {
    const page = await adapter.listCalls(TASK, null, { pageSize: 3 });
    const listed = page.calls.find((c) => c.summary.vendorCallId === truth[0]!.vendorCallId)!;
    expect(listed.needsDetail).toBe(true);
    const call = await adapter.getCall(listed.locator);
    expect(call.transcript).toEqual([
      // Line times are whole seconds after the answer: 300 ms → 0, 5,900 ms → 5,000, …
      {
        speaker: "robot",
        text: "您好，我是星河湾置业顾问，想问下您最近有没有看房的打算？",
        startMs: 0,
        endMs: 5000,
        timing: "vendor",
      },
      { speaker: "customer", text: "价格多少？", startMs: 5000, endMs: 7000, timing: "vendor" },
      {
        speaker: "robot",
        text: "均价一万七，（停顿2s）您方便的话可以来现场看看。",
        startMs: 7000,
        endMs: 12000,
        timing: "vendor",
      },
      {
        speaker: "customer",
        text: "好的，再见",
        startMs: 12000,
        endMs: 16000,
        timing: "vendor",
        interrupted: true,
      },
    ]);
  });

  it("refuses a wrong AccessKeySecret as auth, without the secret in the message", async () => {
    const wrongSecret = "WrongSecretValue0123456789abcdef";
    const err = await expectVendorError(
      adapterFor(endpoint, { accessKeySecret: wrongSecret }).listCalls(TASK, null),
    );
    expect(err.kind).toBe("auth");
    expect(err.vendorCode).toBe("SignatureDoesNotMatch");
    expect(err.message).toContain("杭州外呼");
    expect(err.message).not.toContain(wrongSecret);
    expect(err.message).not.toContain(SECRET);
    expect(err.message).not.toContain("string to sign");
  });

  it("refuses an unknown AccessKeyId as auth", async () => {
    const err = await expectVendorError(
      adapterFor(endpoint, { accessKeyId: "LTAI5tNoSuchKey" }).getCall(truthLocator(truth[0]!)),
    );
    expect(err.kind).toBe("auth");
    expect(err.vendorCode).toBe("InvalidAccessKeyId.NotFound");
  });

  it("answers an unknown callee, or a far-off date, with not_found", async () => {
    const unknown = await expectVendorError(
      adapter.getCall({ taskId: TASK, callee: "13800000000", queryDate: String(BASE_DIAL), callId: "" }),
    );
    expect(unknown.kind).toBe("not_found");
    const farOff = await expectVendorError(
      adapter.getCall({ ...truthLocator(truth[0]!), queryDate: String(BASE_DIAL - 10 * 86_400_000) }),
    );
    expect(farOff.kind).toBe("not_found");
  });

  it("lists an unknown task as empty", async () => {
    const page = await adapter.listCalls("999", null);
    expect(page).toEqual({ calls: [], problems: [], nextCursor: null, total: null });
  });

  it("appends to an endpoint given with a trailing slash", async () => {
    const page = await adapterFor(`${endpoint}/`).listCalls(TASK, null, { pageSize: 2 });
    expect(page.calls).toHaveLength(2);
  });

  it("refuses a cursor it did not write", async () => {
    const err = await expectVendorError(adapter.listCalls(TASK, "abc"));
    expect(err.kind).toBe("rejected");
  });
});

function truthLocator(t: SimCall) {
  return { taskId: t.taskId, callee: t.callee, queryDate: String(t.dialAt), callId: t.vendorCallId };
}

describe("reading Dyvms answers", () => {
  const answer = (status: number, text: string, headers: Record<string, string> = {}): HttpAnswer => ({
    status,
    headers: new Headers(headers),
    text,
  });
  const fixture = (name: string) => fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
  const read = (a: HttpAnswer) => {
    try {
      readEnvelope(a, "杭州外呼", SECRET);
    } catch (err) {
      expect(err).toBeInstanceOf(VendorError);
      return err as VendorError;
    }
    throw new Error("expected a VendorError");
  };

  it("passes an OK envelope through", () => {
    expect(readEnvelope(answer(200, fixture("query-robot-task-call-list.doc.json")), "x", SECRET).Code).toBe(
      "OK",
    );
  });

  it("maps throttling to a retryable kind, honouring Retry-After", () => {
    const err = read(answer(400, fixture("error.throttling-user.json"), { "retry-after": "2" }));
    expect(err.kind).toBe("throttled");
    expect(err.retryable).toBe(true);
    expect(err.retryAfterMs).toBe(2000);
    expect(read(answer(200, '{"Code":"isv.BUSINESS_LIMIT_CONTROL","Message":"触发流控"}')).kind).toBe(
      "throttled",
    );
    expect(read(answer(429, "")).kind).toBe("throttled");
  });

  it("maps key, signature, clock and permission errors to auth, without echoing the string to sign", () => {
    const err = read(answer(400, fixture("error.signature-does-not-match.json")));
    expect(err.kind).toBe("auth");
    expect(err.message).toBe(
      "杭州外呼: signature rejected by the vendor; check the AccessKey secret (SignatureDoesNotMatch)",
    );
    for (const code of [
      "InvalidAccessKeyId.NotFound",
      "InvalidTimeStamp.Expired",
      "IncompleteSignature",
      "Forbidden.RAM",
      "SignatureNonceUsed",
    ]) {
      expect(read(answer(403, JSON.stringify({ Code: code, Message: "m" }))).kind, code).toBe("auth");
    }
  });

  it("maps other vendor errors to rejected with the vendor's words, never the secret", () => {
    const err = read(
      answer(400, JSON.stringify({ Code: "isv.INVALID_PARAMETERS", Message: `bad TaskId ${SECRET}` })),
    );
    expect(err.kind).toBe("rejected");
    expect(err.message).toContain("bad TaskId");
    expect(err.message).toContain("(isv.INVALID_PARAMETERS)");
    expect(err.message).not.toContain(SECRET);
    expect(read(answer(404, JSON.stringify({ Code: "InvalidAction.NotFound", Message: "x" }))).kind).toBe(
      "rejected",
    );
    expect(
      read(answer(404, JSON.stringify({ Code: "isv.TASK_NOT_EXIST", Message: "任务不存在" }))).kind,
    ).toBe("not_found");
  });

  it("calls garbage bad_response and 5xx unavailable", () => {
    expect(read(answer(200, "<html><body>502 Bad Gateway</body></html>")).kind).toBe("bad_response");
    expect(read(answer(200, '{"Code":"OK","Data":"[')).kind).toBe("bad_response");
    expect(read(answer(200, '{"Message":"OK"}')).kind).toBe("bad_response");
    expect(read(answer(200, "[]")).kind).toBe("bad_response");
    expect(read(answer(503, "busy")).kind).toBe("unavailable");
  });
});

describe("retries against a flaky gateway", () => {
  it("signs each attempt afresh, so a retry after throttling succeeds", async () => {
    let throttled = 0;
    const sim = await startSimulator({
      dataset: arrayDataset(truthCalls()),
      vendors: [createAliyunDyvmsSimVendor()],
      credentials: SIM_CREDENTIALS,
      intercept: (_request, _raw, res) => {
        if (throttled > 0) return false;
        throttled++;
        res.writeHead(400, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            Code: "Throttling.User",
            Message: "Request was denied due to user flow control.",
          }),
        );
        return true;
      },
    });
    try {
      const page = await adapterFor(`${sim.url}/aliyun-dyvms`, {}, 3).listCalls(TASK, null, { pageSize: 4 });
      expect(throttled).toBe(1);
      expect(page.calls).toHaveLength(4);
    } finally {
      await sim.close();
    }
  });
});
