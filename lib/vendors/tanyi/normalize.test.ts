import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CallSummary, Utterance } from "@/lib/model";
import { parseVendorJson } from "@/lib/vendors/shared/json";
import type { NormalizedCall } from "@/lib/vendors/types";
import { normalizeTanyiContent, normalizeTanyiRecord } from "./normalize";

const TZ = "Asia/Shanghai";

/** Fixtures are read as text: a JSON import would round the ids beyond 2^53 before the adapter sees them. */
function fixture(name: string): { code: unknown; data: Record<string, unknown> } {
  const text = fs.readFileSync(path.join(__dirname, "fixtures", name), "utf8");
  return parseVendorJson(text) as { code: unknown; data: Record<string, unknown> };
}

function listOf(name: string) {
  const content = fixture(name).data.content as unknown[];
  return normalizeTanyiContent(content, { taskId: "50", timezone: TZ });
}

function detailOf(name: string): NormalizedCall {
  const outcome = normalizeTanyiRecord(fixture(name).data, { taskId: null, timezone: TZ });
  if (!outcome.ok) throw new Error(outcome.problem.reason);
  return outcome.call;
}

/** What the index would store must pass the canonical schemas. */
function expectCanonical(call: NormalizedCall) {
  CallSummary.omit({
    id: true,
    sourceId: true,
    vendor: true,
    review: true,
    alerts: true,
    metrics: true,
  }).parse(call.summary);
  for (const utterance of call.transcript ?? []) Utterance.parse(utterance);
  expect(JSON.stringify(call.extra)).not.toMatch(/https?:|\/\//);
}

describe("Tanyi list example (doc, verbatim)", () => {
  const { calls, problems } = listOf("list-response.json");
  const call = calls[0]!;

  it("normalizes the one record without problems", () => {
    expect(problems).toEqual([]);
    expect(calls).toHaveLength(1);
    expectCanonical(call);
  });

  it("keeps the record id as key, vendorCallId and locator", () => {
    expect(call.key).toBe("47");
    expect(call.summary.vendorCallId).toBe("47");
    expect(call.locator).toEqual({ callRecordId: "47" });
    expect(call.summary.taskId).toBe("50");
  });

  it("maps the canonical fields one by one", () => {
    const s = call.summary;
    expect(s.callee).toBe("18817501728");
    expect(s.caller).toBeNull();
    expect(s.result).toBe("answered");
    expect(s.resultLabel).toBe("已接听");
    expect(s.hangupBy).toBeNull();
    expect(s.intent).toBe("A");
    expect(s.intentLabel).toBe("很好");
    expect(s.durationSec).toBe(93);
    expect(s.rounds).toBe(16);
    expect(s.startedAt).toBe("2018-08-04T11:57:33+08:00");
    expect(s.answeredAt).toBeNull();
    expect(s.endedAt).toBeNull();
    expect(s.tags).toEqual(["价格", "位置"]);
    expect(s.hasRecording).toBe(true);
  });

  it("keeps the full recording URL server-side and the customer track nowhere", () => {
    expect(call.recordingUrl).toBe(
      "https://ai-call-platform.oss-cn-hangzhou.aliyuncs.com/DialogueRecording/TenantId1/CallJobId50/OUZAXBCB__TaskId_4/ai_user.wav",
    );
    expect(JSON.stringify(call.extra)).not.toContain("user.wav");
  });

  it("reads callDetailList as the transcript, stage directions kept for the UI's chips", () => {
    expect(call.needsDetail).toBe(false);
    const transcript = call.transcript!;
    expect(transcript.map((u) => u.speaker)).toEqual(["robot", "customer"]);
    expect(transcript[0]!.text).toContain("（停顿2s）");
    expect(transcript[0]!.text).toMatch(/^喂，您好/);
    expect(transcript[1]!.text).toBe("嗯");
    expect(transcript.every((u) => u.timing === "estimated" && !u.interrupted)).toBe(true);
    // Estimated across the 93 s of talk, in order.
    expect(transcript[0]!.startMs!).toBeLessThan(transcript[1]!.startMs!);
    expect(transcript[1]!.endMs!).toBeLessThanOrEqual(93_000);
  });

  it("puts the vendor fields without a canonical slot into extra", () => {
    expect(call.extra).toEqual({
      intentLevelName: "很好",
      realIntentLevelName: "很好",
      customerConcern: ["价格", "位置"],
      readStatus: "NOT_READ",
      robotCallTaskId: "4",
      dialogFlowId: "4",
    });
  });
});

describe("Tanyi detail example (doc, verbatim)", () => {
  const call = detailOf("detail-response.json");

  it("maps the canonical fields one by one", () => {
    expectCanonical(call);
    const s = call.summary;
    expect(call.key).toBe("1");
    expect(s.vendorCallId).toBe("1");
    expect(call.locator).toEqual({ callRecordId: "1" });
    expect(s.taskId).toBe("29");
    expect(s.callee).toBe("18673125007");
    expect(s.result).toBe("vacant");
    expect(s.resultLabel).toBe("空号");
    expect(s.intent).toBe("F");
    expect(s.intentLabel).toBe("一般");
    expect(s.startedAt).toBe("2018-10-02T16:54:08+08:00");
    expect(s.endedAt).toBe("2018-10-02T16:54:08+08:00");
    expect(s.durationSec).toBe(0);
    expect(s.rounds).toBe(0);
    expect(s.tags).toEqual(["价格", "位置"]);
    expect(s.hasRecording).toBe(true);
    expect(call.recordingUrl).toMatch(/early_media\.wav$/);
    // customerAudioUrl: null — no second track.
    expect(call.customerRecordingUrl).toBeNull();
  });

  it("takes the customer block into extra", () => {
    expect(call.extra).toMatchObject({
      customerName: "空号",
      customerProperties: { ss: "test" },
      customerGroupName: "研发",
      analysisBasis: "空号",
      realIntentLevelName: "一般",
    });
  });

  it("has the transcript robot first", () => {
    expect(call.transcript!.map((u) => [u.speaker, u.text])).toEqual([
      [
        "robot",
        "喂，您好, （停顿2s），您好，想问下您位于江北纬七路隧道附近，均价17000的高端商业综合体，我可以给您介绍一下吗？",
      ],
      ["customer", "嗯"],
    ]);
  });
});

describe("Tanyi messy list page", () => {
  const { calls, problems } = listOf("list-messy.json");
  const byId = new Map(calls.map((call) => [call.summary.vendorCallId, call]));

  it("keeps every readable record and reports the two unusable ones", () => {
    expect(calls.map((call) => call.summary.vendorCallId)).toEqual([
      "12345678901234567890",
      "48",
      "49",
      "50",
      "51",
      null,
      "52",
    ]);
    calls.forEach(expectCanonical);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ taskId: "50", vendorCallId: null, raw: '"garbage"' });
    expect(problems[0]!.reason).toMatch(/not a JSON object/);
    expect(problems[1]!.reason).toMatch(/callRecordId/);
    expect(JSON.parse(problems[1]!.raw)).toMatchObject({ resultStatus: "ANSWERED", chatDuration: 5 });
  });

  it("keeps a bare id beyond 2^53 exact", () => {
    const call = byId.get("12345678901234567890")!;
    expect(call.key).toBe("12345678901234567890");
    expect(call.locator).toEqual({ callRecordId: "12345678901234567890" });
    expect(call.extra.robotCallTaskId).toBe("9007199254740995");
  });

  it("reads numbers as strings, a lower-case intent, a comma string of concerns and a minute-only time", () => {
    const s = byId.get("12345678901234567890")!.summary;
    expect(s.durationSec).toBe(61);
    expect(s.rounds).toBe(3);
    expect(s.intent).toBe("B");
    expect(s.tags).toEqual(["价格", "位置", "装修"]);
    expect(s.startedAt).toBe("2018-10-01T16:39:00+08:00");
  });

  it("decodes entities in the recording URL", () => {
    const call = byId.get("12345678901234567890")!;
    expect(call.summary.hasRecording).toBe(true);
    expect(call.recordingUrl).toBe(
      "https://ai-call-platform.oss-cn-hangzhou.aliyuncs.com/rec/a.wav?OSSAccessKeyId=LTAIx&Expires=1754617273&Signature=abc%3D",
    );
  });

  it("orders out-of-order lines by callDetailId, strips the barge-in marker and drops empty lines", () => {
    const transcript = byId.get("12345678901234567890")!.transcript!;
    expect(transcript.map((u) => [u.speaker, u.text, u.interrupted ?? false])).toEqual([
      ["robot", "您好，这里是星河湾，（停顿2s）想跟您介绍一下新楼盘", false],
      ["customer", "多少钱一平", true],
      ["robot", "好的，那我加您微信发资料", false],
    ]);
    expect(transcript.at(-1)!.endMs!).toBeLessThanOrEqual(61_000);
  });

  it("reads callDetailList sent as a JSON string, and a phone number sent as a number", () => {
    const call = byId.get("48")!;
    expect(call.summary.callee).toBe("13900002222");
    expect(call.summary.tags).toEqual([]);
    expect(call.summary.startedAt).toBe("2018-08-04T12:00:00+08:00");
    expect(call.transcript!.map((u) => [u.speaker, u.text])).toEqual([
      ["robot", "喂，您好"],
      ["customer", "你是谁"],
    ]);
  });

  it("gives an empty transcript for null, [], missing and unreadable callDetailList", () => {
    for (const id of ["49", "50", "51", "52"]) {
      const call = byId.get(id)!;
      expect(call.transcript, id).toEqual([]);
      expect(call.needsDetail, id).toBe(false);
    }
  });

  it("has no recording when fullAudioUrl is empty, null or missing", () => {
    for (const id of ["49", "50", "51"]) {
      expect(byId.get(id)!.summary.hasRecording, id).toBe(false);
      expect(byId.get(id)!.recordingUrl, id).toBeNull();
    }
  });

  it("maps result words, keeping an unknown word as the label", () => {
    expect(byId.get("49")!.summary).toMatchObject({ result: "no_answer", resultLabel: "未接", intent: null });
    expect(byId.get("50")!.summary).toMatchObject({ result: "unknown", resultLabel: "TRANSFER_TO_HUMAN" });
    expect(byId.get("51")!.summary).toMatchObject({ result: "blocked", resultLabel: "OPERATOR_BLOCK" });
    expect(byId.get("52")!.summary).toMatchObject({ result: "failed", resultLabel: "外呼失败" });
  });

  it("turns unreadable numbers, times and intents into null rather than failing", () => {
    const s = byId.get("50")!.summary;
    expect(s.durationSec).toBeNull();
    expect(s.rounds).toBeNull();
    expect(s.startedAt).toBeNull();
    expect(s.intent).toBeNull();
  });

  it("reads concerns sent as a JSON string", () => {
    expect(byId.get("52")!.summary.tags).toEqual(["分期", "利率"]);
  });

  it("keeps a record without callRecordId when it has a callee, under a fallback key it cannot be fetched by", () => {
    const call = calls.find((c) => c.summary.vendorCallId === null)!;
    expect(call.summary.callee).toBe("13900006666");
    expect(call.summary.result).toBe("busy");
    expect(call.key).toBe("50|13900006666|2018-08-04T12:05:00+08:00");
    expect(call.locator).toEqual({});
  });
});

describe("Tanyi messy detail", () => {
  const call = detailOf("detail-messy.json");

  it("keeps the customer-only track beside the full recording, server-side (never in extra)", () => {
    expect(call.customerRecordingUrl).toBe(
      "https://ai-call-platform.oss-cn-hangzhou.aliyuncs.com/rec/user.wav",
    );
    expect(call.recordingUrl).toMatch(/rec\/c\.wav$/);
    expect(JSON.stringify(call.extra)).not.toContain("user.wav");
  });

  it("keeps ids beyond 2^53 exact and reads the customer block sent as JSON text", () => {
    expectCanonical(call);
    expect(call.key).toBe("9007199254740993");
    expect(call.summary.vendorCallId).toBe("9007199254740993");
    expect(call.locator).toEqual({ callRecordId: "9007199254740993" });
    expect(call.summary.taskId).toBe("12345678901234567891");
    expect(call.summary.callee).toBe("13700001234");
  });

  it("maps the rest", () => {
    const s = call.summary;
    expect(s.result).toBe("answered");
    expect(s.resultLabel).toBe("已接听");
    expect(s.intent).toBe("E");
    expect(s.intentLabel).toBe("需要再次跟进");
    expect(s.durationSec).toBe(87);
    expect(s.rounds).toBe(2);
    expect(s.startedAt).toBe("2018-10-02T16:54:08+08:00");
    expect(s.endedAt).toBe("2018-10-02T16:55:40+08:00");
    expect(call.transcript!.map((u) => u.text)).toEqual(["您好，您的信用卡可以提额了", "能提多少"]);
  });

  it("shows customer properties without links or nested values, and the human-corrected intent", () => {
    expect(call.extra.customerProperties).toEqual({ 产品: "信用卡", 额度: 50000 });
    expect(call.extra).toMatchObject({
      customerName: "李女士",
      customerGroupName: "信用卡名单",
      realIntentLevel: "D",
      realIntentLevelName: "很少",
      analysisBasis: "客户询问额度",
    });
  });
});

describe("Tanyi record problems", () => {
  it("refuses an id that was already rounded to a float", () => {
    const outcome = normalizeTanyiRecord(
      { callRecordId: 2 ** 60, calledPhoneNumber: "13900000000" },
      { taskId: "50", timezone: TZ },
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problem.reason).toMatch(/^callRecordId: .*2\^53/);
  });

  it("refuses arrays and null", () => {
    for (const raw of [null, [], 42]) {
      const outcome = normalizeTanyiRecord(raw, { taskId: "50", timezone: TZ });
      expect(outcome.ok).toBe(false);
    }
  });
});
