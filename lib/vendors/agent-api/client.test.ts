import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIM_CREDENTIALS } from "@/lib/simulator/credentials";
import type { SimRequest, SimVendor } from "@/lib/simulator/http-types";
import { startSimulator, type SimulatorHandle } from "@/lib/simulator/server";
import { ODD_TASK, TASK, TRUTH, uuidOf, WORD } from "@/lib/simulator/testing/agent-truth";
import { arrayDataset } from "@/lib/simulator/testing/array-dataset";
import type { SimCall } from "@/lib/simulator/types";
import { agentApiSimVendor } from "@/lib/simulator/vendors/agent-api";
import { VendorError } from "@/lib/vendors/errors";
import { createVendorHttp, type HttpAnswer, type VendorHttp } from "@/lib/vendors/http";
import type { NormalizedCall, VendorAdapter } from "@/lib/vendors/types";
import { createAdapter, readEnvelope } from "./client";
import type { Source } from "./config";

const TZ = "Asia/Shanghai";

function source(overrides: Partial<Source> = {}, baseUrl = ""): Source {
  return {
    id: "agent",
    name: "AI客户联络",
    vendor: "agent-api",
    baseUrl,
    userId: SIM_CREDENTIALS.agent.userId,
    token: SIM_CREDENTIALS.agent.token,
    taskIds: [TASK],
    ...overrides,
  };
}

function adapterAt(url: string, overrides: Partial<Source> = {}): VendorAdapter {
  const http = createVendorHttp({ label: "agent", maxAttempts: 1 });
  return createAdapter({ source: source(overrides, url), timezone: TZ, http });
}

async function listAll(adapter: VendorAdapter, taskId: string, pageSize: number) {
  const calls: NormalizedCall[] = [];
  const cursors: (string | null)[] = [];
  let cursor: string | null = null;
  do {
    const page = await adapter.listCalls(taskId, cursor, { pageSize });
    expect(page.problems).toEqual([]);
    calls.push(...page.calls);
    cursor = page.nextCursor;
    cursors.push(cursor);
  } while (cursor !== null && cursors.length < 50);
  return { calls, cursors };
}

async function refusal(promise: Promise<unknown>): Promise<VendorError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VendorError);
  return err as VendorError;
}

/**
 * The expected text, by arithmetic rather than by the formatter under test: Shanghai has kept UTC+8
 * without daylight saving since 1991. (Literal spot checks below pin the arithmetic itself.)
 */
const iso = (epoch: number) =>
  new Date(Math.floor(epoch / 1000) * 1000 + 8 * 3_600_000).toISOString().replace(/(\.000)?Z$/, "+08:00");

function expectTruth(call: NormalizedCall, truth: SimCall) {
  const s = call.summary;
  expect(call.key).toBe(truth.vendorCallId);
  expect(s.vendorCallId).toBe(truth.vendorCallId);
  expect(s.taskId).toBe(truth.taskId);
  expect(s.callee).toBe(truth.callee);
  expect(s.caller).toBe(truth.caller);
  expect(s.result).toBe(truth.result);
  expect(s.hangupBy).toBe(truth.hangupBy);
  expect(s.rounds).toBe(truth.rounds);
  // The vendor has no F: an F call comes back without intent.
  expect(s.intent).toBe(truth.intent === "F" ? null : truth.intent);
  expect(s.durationSec).toBe(truth.talkMs / 1000);
  expect(s.startedAt).toBe(iso(truth.dialAt));
  expect(s.answeredAt).toBe(truth.answerAt === null ? null : iso(truth.answerAt));
  expect(s.endedAt).toBe(iso(truth.endAt));
  expect(s.tags).toEqual(truth.tags);
  expect(s.hasRecording).toBe(truth.recording !== null);
  expect(call.recordingUrl !== null).toBe(truth.recording !== null);
  expect(call.needsDetail).toBe(false);
  expect(call.locator).toEqual({ taskId: truth.taskId, recordId: truth.vendorCallId, callee: truth.callee });
  const transcript = call.transcript ?? [];
  expect(transcript.map((u) => [u.speaker, u.text, u.interrupted ?? false])).toEqual(
    truth.lines.map((line) => [line.speaker, line.text, line.interrupted]),
  );
  transcript.forEach((u, i) => {
    expect(u.timing).toBe("vendor");
    expect(Math.abs(u.startMs! - truth.lines[i]!.startMs)).toBeLessThan(1000);
  });
  if (WORD[truth.result]) expect(s.resultLabel).toBe(WORD[truth.result]);
  expect(call.extra.customerName).toBe(truth.customerName);
  expect(call.extra.dialMs).toBe(truth.endAt - truth.dialAt);
  expect(JSON.stringify(call.extra)).not.toContain(SIM_CREDENTIALS.agent.token);
  expect(JSON.stringify(call.extra)).not.toMatch(/https?:/);
}

describe("agent-api adapter against the simulated vendor", () => {
  let sim: SimulatorHandle;
  const seen: SimRequest[] = [];

  beforeAll(async () => {
    const recording: SimVendor = {
      prefix: agentApiSimVendor.prefix,
      handle(request, context) {
        seen.push(request);
        return agentApiSimVendor.handle(request, context);
      },
    };
    sim = await startSimulator({
      dataset: arrayDataset(TRUTH),
      vendors: [recording],
      credentials: SIM_CREDENTIALS,
    });
  });
  afterAll(() => sim.close());

  it("pages to the end and every call comes back with the truth's canonical fields", async () => {
    const adapter = adapterAt(`${sim.url}/agent`);
    const { calls, cursors } = await listAll(adapter, TASK, 4);
    expect(cursors).toEqual(["2", "3", "4", "5", null]);
    const truths = TRUTH.filter((call) => call.taskId === TASK);
    expect(calls).toHaveLength(truths.length);
    calls.forEach((call, i) => expectTruth(call, truths[i]!));
    // Pinned as written, not computed: call n dials n hours after 10:30 Shanghai time.
    expect(calls[0]!.summary.startedAt).toBe("2026-11-16T10:30:00+08:00");
    expect(calls[2]!.summary.startedAt).toBe("2026-11-16T12:30:00+08:00");
    const first = await adapter.listCalls(TASK, null, { pageSize: 4 });
    expect(first.total).toBe(truths.length);
  });

  it("sends the Bearer token to the documented path below the configured prefix", async () => {
    seen.length = 0;
    await adapterAt(`${sim.url}/agent/`).listCalls(TASK, null, { pageSize: 500 });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.path).toBe(`/agent-api/user/${SIM_CREDENTIALS.agent.userId}/task/${TASK}/record`);
    expect(seen[0]!.query.get("per_page")).toBe("100");
    expect(seen[0]!.query.get("page")).toBe("1");
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${SIM_CREDENTIALS.agent.token}`);
    expect(seen[0]!.headers.accept).toBe("application/json");
  });

  it("encodes path segments (a task id with a slash and a space)", async () => {
    const adapter = adapterAt(`${sim.url}/agent`);
    const page = await adapter.listCalls(ODD_TASK, null);
    expect(page.calls).toHaveLength(1);
    expectTruth(page.calls[0]!, TRUTH.at(-1)!);
    const again = await adapter.getCall(page.calls[0]!.locator);
    expect(again.summary).toEqual(page.calls[0]!.summary);
  });

  it("gets one call by the list's locator through the detail route", async () => {
    const adapter = adapterAt(`${sim.url}/agent`);
    const { calls } = await listAll(adapter, TASK, 100);
    seen.length = 0;
    for (const listed of calls.slice(0, 8)) {
      const call = await adapter.getCall(listed.locator);
      expect(call.summary).toEqual(listed.summary);
      expect(call.transcript).toEqual(listed.transcript);
    }
    expect(seen.every((request) => /\/record\/[^/]+$/.test(request.path))).toBe(true);
  });

  it("refuses a wrong token as auth, without the token in the message", async () => {
    const err = await refusal(
      adapterAt(`${sim.url}/agent`, { token: "wrong-token-123456" }).listCalls(TASK, null),
    );
    expect(err.kind).toBe("auth");
    expect(err.vendorCode).toBe("HTTP 401");
    expect(err.message).toContain("Unauthenticated.");
    expect(err.message).not.toContain("wrong-token-123456");
  });

  it("refuses a wrong user id as auth (1002), naming the user id and cloud node", async () => {
    const adapter = adapterAt(`${sim.url}/agent`, { userId: "00000000-0000-0000-0000-000000000000" });
    const err = await refusal(adapter.listCalls(TASK, null));
    expect(err.kind).toBe("auth");
    expect(err.vendorCode).toBe("1002");
    expect(err.message).toMatch(/user id/);
    expect(err.message).toMatch(/cloud node/);
    expect(err.message).toContain("未找到对应云节点");
  });

  it("answers an unknown task with not_found (5002), for the list and for a call", async () => {
    const adapter = adapterAt(`${sim.url}/agent`);
    const err = await refusal(adapter.listCalls("no-such-task", null));
    expect(err.kind).toBe("not_found");
    expect(err.vendorCode).toBe("5002");
    expect(err.message).toContain("任务不存在");
    const byCall = await refusal(
      adapter.getCall({ taskId: "no-such-task", recordId: uuidOf(0), callee: "13800000000" }),
    );
    expect(byCall.kind).toBe("not_found");
  });

  it("answers an unknown record with not_found", async () => {
    const adapter = adapterAt(`${sim.url}/agent`);
    const err = await refusal(
      adapter.getCall({ taskId: TASK, recordId: uuidOf(999), callee: "13800000000" }),
    );
    expect(err.kind).toBe("not_found");
  });
});

describe("agent-api adapter where the deployment has no detail route", () => {
  let sim: SimulatorHandle;
  const seen: SimRequest[] = [];

  beforeAll(async () => {
    // Laravel's own answer for a route it does not have.
    const listOnly: SimVendor = {
      prefix: "/agent",
      handle(request, context) {
        seen.push(request);
        if (/\/record\/[^/]+$/.test(request.path)) {
          return {
            status: 404,
            body: JSON.stringify({ message: `The route ${request.path.slice(1)} could not be found.` }),
          };
        }
        return agentApiSimVendor.handle(request, context);
      },
    };
    sim = await startSimulator({
      dataset: arrayDataset(TRUTH),
      vendors: [listOnly],
      credentials: SIM_CREDENTIALS,
    });
  });
  afterAll(() => sim.close());

  it("finds the call in the list filtered by callee", async () => {
    const adapter = adapterAt(`${sim.url}/agent`);
    const { calls } = await listAll(adapter, TASK, 100);
    for (const listed of [calls[0]!, calls[3]!, calls[10]!]) {
      seen.length = 0;
      const call = await adapter.getCall(listed.locator);
      expect(call.summary).toEqual(listed.summary);
      expect(call.transcript).toEqual(listed.transcript);
      expect(seen.map((request) => request.query.get("keyword"))).toEqual([null, listed.summary.callee]);
    }
  });

  it("finds a record that had no id by callee and dial time", async () => {
    const truth = TRUTH[1]!;
    const call = await adapterAt(`${sim.url}/agent`).getCall({
      taskId: TASK,
      recordId: "",
      callee: truth.callee,
      calldate: iso(truth.dialAt).slice(0, 19).replace("T", " "),
    });
    expectTruth(call, truth);
  });

  it("says not_found when the callee's calls do not hold the record", async () => {
    const adapter = adapterAt(`${sim.url}/agent`);
    const err = await refusal(
      adapter.getCall({ taskId: TASK, recordId: uuidOf(999), callee: TRUTH[0]!.callee }),
    );
    expect(err.kind).toBe("not_found");
    expect(err.message).toContain(uuidOf(999));
  });
});

describe("agent-api adapter where the detail route answers an array of one", () => {
  let sim: SimulatorHandle;

  beforeAll(async () => {
    const arrayDetail: SimVendor = {
      prefix: "/agent",
      async handle(request, context) {
        const answer = await agentApiSimVendor.handle(request, context);
        if (!/\/record\/[^/]+$/.test(request.path) || answer.status !== 200) return answer;
        const body = JSON.parse(String(answer.body)) as { data: unknown };
        return { ...answer, body: JSON.stringify({ ...body, data: [body.data] }) };
      },
    };
    sim = await startSimulator({
      dataset: arrayDataset(TRUTH),
      vendors: [arrayDetail],
      credentials: SIM_CREDENTIALS,
    });
  });
  afterAll(() => sim.close());

  it("reads the record from the array", async () => {
    const call = await adapterAt(`${sim.url}/agent`).getCall({
      taskId: TASK,
      recordId: uuidOf(2),
      callee: TRUTH[2]!.callee,
    });
    expectTruth(call, TRUTH[2]!);
  });
});

describe("agent-api adapter reading the doc's examples", () => {
  function fixedHttp(status: number, text: string): VendorHttp {
    return {
      circuitOpen: false,
      async request(build, read) {
        await build();
        return read({ status, headers: new Headers(), text });
      },
    };
  }
  const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
  const adapterWith = (status: number, text: string) =>
    createAdapter({
      source: source({}, "https://ai.api.example.cn"),
      timezone: TZ,
      http: fixedHttp(status, text),
    });

  it('pages on past the doc\'s page 1 of 29 (per_page "1")', async () => {
    const page = await adapterWith(200, fixture("record-list.doc.json")).listCalls(TASK, null);
    expect(page.calls.map((call) => call.key)).toEqual(["50971322-2e84-4701-836c-fd1181306885"]);
    expect(page.nextCursor).toBe("2");
    expect(page.total).toBe(29);
  });

  it("keeps going on a full page of the vendor's (string) per_page and reports the problems", async () => {
    const page = await adapterWith(200, fixture("record-list.messy.json")).listCalls(TASK, "1", {
      pageSize: 8,
    });
    expect(page.calls).toHaveLength(6);
    expect(page.problems).toHaveLength(2);
    expect(page.nextCursor).toBe("2");
    expect(page.total).toBe(31);
  });

  it("stops at the last page", async () => {
    const body = JSON.parse(fixture("record-list.doc.json")) as { meta: Record<string, unknown> };
    body.meta.current_page = 29;
    const page = await adapterWith(200, JSON.stringify(body)).listCalls(TASK, "29");
    expect(page.nextCursor).toBeNull();
  });

  it("maps the doc's error examples", async () => {
    const missing = await refusal(adapterWith(200, fixture("error-5002.doc.json")).listCalls(TASK, null));
    expect(missing.kind).toBe("not_found");
    const node = await refusal(adapterWith(200, fixture("error-1002.doc.json")).listCalls(TASK, null));
    expect(node.kind).toBe("auth");
  });
});

describe("agent-api envelope reading", () => {
  const answer = (status: number, text: string, headers: Record<string, string> = {}): HttpAnswer => ({
    status,
    text,
    headers: new Headers(headers),
  });
  const verdict = (a: HttpAnswer): VendorError => {
    try {
      readEnvelope(a, "agent");
    } catch (err) {
      expect(err).toBeInstanceOf(VendorError);
      return err as VendorError;
    }
    throw new Error("expected a refusal");
  };

  it("accepts code 200 and status success", () => {
    expect(readEnvelope(answer(200, '{"code":200,"status":"success","data":[]}'), "agent").data).toEqual([]);
    expect(readEnvelope(answer(200, '{"status":"success","data":[1]}'), "agent").data).toEqual([1]);
  });

  it("maps each failure to its kind", () => {
    expect(verdict(answer(401, '{"message":"Unauthenticated."}')).kind).toBe("auth");
    expect(verdict(answer(403, "<html>Forbidden</html>")).kind).toBe("auth");
    expect(verdict(answer(200, '{"code":401,"status":"error","message":"token 失效"}')).kind).toBe("auth");
    expect(verdict(answer(200, '{"code":403,"status":"error","message":"无权限"}')).kind).toBe("auth");
    const http429 = verdict(answer(429, '{"message":"Too Many Attempts."}', { "retry-after": "2" }));
    expect([http429.kind, http429.retryAfterMs]).toEqual(["throttled", 2000]);
    expect(verdict(answer(200, '{"code":429,"status":"error","message":"请求过于频繁"}')).kind).toBe(
      "throttled",
    );
    expect(verdict(answer(502, "<html>Bad Gateway</html>")).kind).toBe("unavailable");
    expect(verdict(answer(200, "<!DOCTYPE html><html><body>维护中</body></html>")).kind).toBe("bad_response");
    expect(verdict(answer(200, '{"code":200,"status":"success","data":[{"id"')).kind).toBe("bad_response");
    expect(verdict(answer(200, "[]")).kind).toBe("bad_response");
    expect(verdict(answer(200, '{"data":[]}')).kind).toBe("bad_response");
  });

  it("passes any other vendor error on as rejected, in the vendor's words", () => {
    const err = verdict(
      answer(200, '{"code":4001,"status":"error","message":"per_page 参数错误","data":[]}'),
    );
    expect(err.kind).toBe("rejected");
    expect(err.vendorCode).toBe("4001");
    expect(err.message).toBe("agent: the vendor refused the request: per_page 参数错误 (4001)");
    expect(verdict(answer(422, '{"message":"The given data was invalid."}')).vendorCode).toBe("HTTP 422");
  });
});
