import { describe, expect, it } from "vitest";
import { TASK, TRUTH, truthCall, uuidOf } from "@/lib/simulator/testing/agent-truth";
import { arrayDataset } from "@/lib/simulator/testing/array-dataset";
import { normalizeRecord } from "@/lib/vendors/agent-api/normalize";
import { SIM_CREDENTIALS } from "@/lib/simulator/credentials";
import { allCalls, demoDataset } from "@/lib/simulator/dataset/test-fixtures";
import type { SimContext, SimRequest } from "@/lib/simulator/http-types";
import { handleAgentRequest, renderRecord } from "./agent-api";

/**
 * agent-api's turn times as the platform writes them: whole wall-clock seconds, when the ASR had the
 * customer's words or a playback ended. Read back by the real adapter, they are near the truth but
 * never exact — the reason its calls need alignment too.
 */
describe("agent-api turn times", () => {
  const dataset = demoDataset();
  const context: SimContext = {
    dataset,
    credentials: SIM_CREDENTIALS,
    baseUrl: "http://127.0.0.1:1",
    recordingUrl: () => "http://127.0.0.1:1/oss/agent/x.wav",
    now: () => Date.UTC(2026, 10, 20),
  };
  const calls = allCalls(dataset).filter((call) => call.source === "agent" && call.lines.length > 0);

  it("are whole seconds: the adapter's starts are within a second of the truth, rarely on it", () => {
    const errors: number[] = [];
    for (const call of calls) {
      const outcome = normalizeRecord(renderRecord(call, context), {
        taskId: call.taskId,
        timezone: "Asia/Shanghai",
      });
      if (!outcome.ok) throw new Error(outcome.problem.reason);
      const transcript = outcome.call.transcript ?? [];
      expect(transcript.map((u) => u.text)).toEqual(call.lines.map((line) => line.text));
      transcript.forEach((u, i) => {
        expect(u.timing).toBe("vendor");
        errors.push(u.startMs! - call.lines[i]!.startMs);
      });
    }
    expect(errors.length).toBeGreaterThan(500);
    for (const error of errors) expect(Math.abs(error)).toBeLessThan(1000);
    const exact = errors.filter((error) => Math.abs(error) < 20).length / errors.length;
    expect(exact).toBeLessThan(0.1);
    const sorted = errors.map(Math.abs).sort((a, b) => a - b);
    expect(sorted[sorted.length >> 1]).toBeGreaterThan(200);
  });

  it("stamp a customer turn after its ASR latency, and a playback when it ends", () => {
    const call = calls.find((c) => c.index % 4 !== 2 && c.index % 5 !== 4 && c.lines.length >= 4)!;
    const record = renderRecord(call, context) as { details: Record<string, unknown>[] };
    const customer = call.lines.find((line) => line.speaker === "customer")!;
    const turn = record.details.find(
      (d) => d.question === customer.text && d.notify === "asrprogress_notify",
    )!;
    const written = Date.parse(`${String(turn.created_at).replace(" ", "T")}+08:00`);
    expect(written).toBe(Math.floor((call.answerAt! + customer.heardAtMs!) / 1000) * 1000);
    expect(turn.asr_elapse).toBeGreaterThan(0);
    expect(turn.record_ms).toBeGreaterThan(customer.endMs - customer.startMs);
  });
});

describe("simulated agent-api vendor", () => {
  // How fast it renders is the bench's business; here, that a full page holds every record.
  it("renders a 100-record page with every record on it", () => {
    const calls = Array.from({ length: 100 }, (_, i) => truthCall(i % 8 === 0 ? i : i % 8));
    const many = calls.map((call, i) => ({ ...call, index: i, vendorCallId: uuidOf(i) }));
    const context = {
      dataset: arrayDataset(many),
      credentials: SIM_CREDENTIALS,
      baseUrl: "http://127.0.0.1:1",
      recordingUrl: () => "http://127.0.0.1:1/oss/agent/x.wav?Expires=1&Signature=s",
      now: () => 0,
    };
    const request: SimRequest = {
      method: "GET",
      path: `/agent-api/user/${SIM_CREDENTIALS.agent.userId}/task/${TASK}/record`,
      query: new URLSearchParams({ page: "1", per_page: "100" }),
      headers: { authorization: `Bearer ${SIM_CREDENTIALS.agent.token}` },
      body: "",
    };
    const body = JSON.parse(String(handleAgentRequest(request, context).body)) as {
      data: unknown[];
      meta: { per_page: unknown };
    };
    expect(body.data).toHaveLength(100);
    expect(body.meta.per_page).toBe("100");
  });

  it("answers the same request with the same bytes", () => {
    const context = {
      dataset: arrayDataset(TRUTH),
      credentials: SIM_CREDENTIALS,
      baseUrl: "http://127.0.0.1:1",
      recordingUrl: () => "http://127.0.0.1:1/oss/agent/x.wav",
      now: () => 0,
    };
    const request: SimRequest = {
      method: "GET",
      path: `/agent-api/user/${SIM_CREDENTIALS.agent.userId}/task/${TASK}/record`,
      query: new URLSearchParams({ page: "2", per_page: "5" }),
      headers: { authorization: `Bearer ${SIM_CREDENTIALS.agent.token}` },
      body: "",
    };
    expect(handleAgentRequest(request, context).body).toBe(handleAgentRequest(request, context).body);
  });
});
