import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseVendorJson } from "@/lib/vendors/shared/json";
import type { NormalizedCall } from "@/lib/vendors/types";
import { normalizeRecord, normalizeRecords } from "./normalize";

const TASK = "287e19c4-1966-49d6-8f02-b53ef11c0a55";
const TZ = "Asia/Shanghai";

function fixtureData(name: string): unknown[] {
  const text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
  return (parseVendorJson(text) as { data: unknown[] }).data;
}

function only(records: unknown[], index: number): NormalizedCall {
  const outcome = normalizeRecord(records[index], { taskId: TASK, timezone: TZ });
  if (!outcome.ok) throw new Error(`record ${index} failed: ${outcome.problem.reason}`);
  return outcome.call;
}

describe("agent-api normalize: the doc's example record", () => {
  const call = only(fixtureData("record-list.doc.json"), 0);
  const s = call.summary;

  it("keeps the record id as key, vendorCallId and locator", () => {
    expect(call.key).toBe("50971322-2e84-4701-836c-fd1181306885");
    expect(s.vendorCallId).toBe("50971322-2e84-4701-836c-fd1181306885");
    expect(s.taskId).toBe(TASK);
    expect(call.locator).toEqual({
      taskId: TASK,
      recordId: "50971322-2e84-4701-836c-fd1181306885",
      callee: "18555525545",
    });
  });

  it("maps the call's canonical fields", () => {
    expect(s.callee).toBe("18555525545");
    expect(s.caller).toBe("0000000000");
    expect(s.result).toBe("answered");
    expect(s.resultLabel).toBe("NORMAL_CLEARING");
    expect(s.hangupBy).toBe("customer");
    expect(s.intent).toBe("A");
    expect(s.intentLabel).toBeNull();
    expect(s.durationSec).toBe(37.14);
    expect(s.rounds).toBe(2);
    expect(s.tags).toEqual([]);
    expect(s.hasRecording).toBe(false);
    expect(call.recordingUrl).toBeNull();
    expect(call.needsDetail).toBe(false);
  });

  it("reads the vendor's zone-less times in the source's zone", () => {
    expect(s.startedAt).toBe("2022-09-29T15:09:13+08:00");
    expect(s.answeredAt).toBe("2022-09-29T15:09:16+08:00");
    expect(s.endedAt).toBe("2022-09-29T15:09:53+08:00");
  });

  it("orders the out-of-order details by sequence (10, 11, 12) with vendor timing from the answer time", () => {
    expect(call.transcript).toEqual([
      // seq 10: ASR at 15:09:41 = 25 000 ms after pick-up, 709 ms after the speech ended, 930 ms of speech
      { speaker: "customer", text: "挂了吧。", startMs: 23_361, endMs: 24_291, timing: "vendor" },
      // seq 11: 15:09:44 → 28 000 − 544 = 27 456, minus 1 250
      { speaker: "customer", text: "挂了吧。", startMs: 26_206, endMs: 27_456, timing: "vendor" },
      // seq 12: an untimed playback (play_ms 0) at 15:09:53; it lasts until the talk time ends (bill 37 140)
      {
        speaker: "robot",
        text: "结束语挂断结束语挂断结束语挂断",
        startMs: 37_000,
        endMs: 37_140,
        timing: "vendor",
      },
    ]);
  });

  it("puts the vendor's extra fields, no URL and no id soup, into extra", () => {
    expect(call.extra).toEqual({
      operatorName: "联通",
      customerName: "测试掉保时间1",
      company: "诡事屋剧本推理社",
      gender: "男",
      score: 1000,
      levelName: "A类客户()",
      region: "安徽 蚌埠",
      hangupDisposition: "客户",
      components: { 微信: "17710726421" },
      dialMs: 39500,
    });
  });

  it("keeps the record as sent in raw", () => {
    expect((call.raw as { details: unknown[] }).details).toHaveLength(3);
    expect((call.raw as { volume_gain?: unknown; id: string }).id).toBe(
      "50971322-2e84-4701-836c-fd1181306885",
    );
  });
});

describe("agent-api normalize: messier records", () => {
  const records = fixtureData("record-list.messy.json");

  it("survives strings for numbers, a shuffled transcript, an unknown notify kind, empty ASR and play_ms 0", () => {
    const call = only(records, 0);
    const s = call.summary;
    expect(s.result).toBe("answered");
    expect(s.hangupBy).toBe("robot");
    expect(s.intent).toBe("B");
    expect(s.rounds).toBe(2);
    expect(s.durationSec).toBe(24.8);
    expect(s.tags).toEqual(["有房", "邀约"]);
    expect(call.transcript).toEqual([
      {
        speaker: "robot",
        text: "您好，这里是星河湾，请问您最近考虑买房吗？",
        startMs: 400,
        endMs: 4_000,
        timing: "vendor",
      },
      {
        speaker: "customer",
        text: "多少钱一平？",
        startMs: 6_000,
        endMs: 7_400,
        timing: "vendor",
        interrupted: true,
      },
      // play_ms 0 and no answer_content: starts at created_at, ends where the next turn starts
      { speaker: "robot", text: "均价两万，欢迎来看房。", startMs: 9_000, endMs: 13_600, timing: "vendor" },
      { speaker: "customer", text: "好的。", startMs: 13_600, endMs: 14_500, timing: "vendor" },
      { speaker: "robot", text: "那我们不打扰了，再见。", startMs: 23_000, endMs: 25_000, timing: "vendor" },
    ]);
  });

  it("decodes the recording URL but never puts it, or a component URL, into extra", () => {
    const call = only(records, 0);
    expect(call.recordingUrl).toBe(
      "https://oss.example.cn/rec/7c1d2a40.wav?Expires=1709600000&Signature=abc",
    );
    expect(call.summary.hasRecording).toBe(true);
    expect(call.extra.components).toEqual({ 产品: "星河湾" });
    expect(JSON.stringify(call.extra)).not.toMatch(/https?:/);
    expect(call.extra.region).toBe("北京");
    expect(call.extra.score).toBe(800);
    expect(call.extra).not.toHaveProperty("company");
  });

  it("keeps an id beyond 2^53 exact in raw", () => {
    expect((only(records, 0).raw as { group_id: unknown }).group_id).toBe("12345678901234567890");
  });

  it("clamps offsets at 0 and keeps starts non-decreasing despite one-second created_at", () => {
    const call = only(records, 1);
    expect(call.summary.hangupBy).toBe("customer");
    expect(call.summary.intent).toBe("E");
    expect(call.transcript?.map((u) => [u.speaker, u.text, u.startMs, u.endMs])).toEqual([
      ["robot", "喂，您好。", 0, 1_000],
      ["customer", "嗯。", 1_300, 1_700],
      ["robot", "我们有新楼盘开盘。", 1_500, 4_000],
      ["customer", "不需要，谢谢。", 1_500, 3_400],
    ]);
  });

  it("reads an unanswered busy call from hangupcause", () => {
    const call = only(records, 2);
    const s = call.summary;
    expect(s.result).toBe("busy");
    expect(s.resultLabel).toBe("USER_BUSY");
    expect(s.answeredAt).toBeNull();
    expect(s.durationSec).toBe(0);
    expect(s.hangupBy).toBeNull();
    expect(s.intent).toBeNull();
    expect(s.rounds).toBe(0);
    expect(call.transcript).toEqual([]);
    expect(call.needsDetail).toBe(false);
  });

  it("keeps an unknown hangupcause as the label of an unknown result", () => {
    const call = only(records, 3);
    const s = call.summary;
    expect(s.result).toBe("unknown");
    expect(s.resultLabel).toBe("WEIRD_CAUSE_17");
    expect(s.answeredAt).toBeNull();
    expect(s.caller).toBeNull();
    expect(s.rounds).toBeNull();
    expect(s.tags).toEqual([]);
    expect(call.transcript).toEqual([]);
    expect(call.extra.errorCode).toBe(17);
    expect(call.extra.dialMs).toBe(40000);
  });

  it("takes a letter intent, the hangup word, string tags and a recording alias; no details means the detail is needed", () => {
    const call = only(records, 4);
    const s = call.summary;
    expect(s.intent).toBe("C");
    expect(s.hangupBy).toBe("customer");
    expect(s.tags).toEqual(["高意向", "回访"]);
    expect(s.hasRecording).toBe(true);
    expect(call.recordingUrl).toBe("https://oss.example.cn/rec/3f8e7d6c.mp3");
    expect(s.durationSec).toBe(40);
    expect(call.transcript).toBeNull();
    expect(call.needsDetail).toBe(true);
  });

  it("keys a record without id by task, callee and dial time", () => {
    const call = only(records, 5);
    expect(call.key).toBe(`${TASK}|13400006666|2024-03-05 12:30:00`);
    expect(call.summary.vendorCallId).toBeNull();
    expect(call.summary.result).toBe("no_answer");
    expect(call.summary.resultLabel).toBe("NO_USER_RESPONSE");
    expect(call.locator).toEqual({
      taskId: TASK,
      recordId: "",
      callee: "13400006666",
      calldate: "2024-03-05 12:30:00",
    });
  });

  it("turns unusable records into RecordProblems and keeps the rest of the page", () => {
    const { calls, problems } = normalizeRecords(records, { taskId: TASK, timezone: TZ });
    expect(calls.map((call) => call.summary.callee)).toEqual([
      "13735460951",
      "13900002222",
      "13700003333",
      "13600004444",
      "13500005555",
      "13400006666",
    ]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toEqual({
      taskId: TASK,
      vendorCallId: null,
      reason: "record is not a JSON object",
      raw: '"not a record"',
    });
    expect(problems[1]!.reason).toMatch(/id and callee/);
    expect(JSON.parse(problems[1]!.raw)).toEqual({ rounds: 1, tags: [], calldate: "2024-03-05 12:40:00" });
  });

  it("takes the callee from the turns when the record lost its own", () => {
    const outcome = normalizeRecord(
      {
        id: "r-1",
        answerdate: null,
        bill: 0,
        hangupcause: "NO_ANSWER",
        details: [{ notify: "x", callee: "13300007777" }],
      },
      { taskId: TASK, timezone: TZ },
    );
    expect(outcome.ok && outcome.call.summary.callee).toBe("13300007777");
    expect(outcome.ok && outcome.call.summary.result).toBe("no_answer");
  });

  it("reads times in the source's own zone", () => {
    const call = normalizeRecord(fixtureData("record-list.doc.json")[0], { taskId: TASK, timezone: "UTC" });
    expect(call.ok && call.call.summary.startedAt).toBe("2022-09-29T15:09:13+00:00");
  });
});
