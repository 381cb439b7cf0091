import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseVendorJson } from "@/lib/vendors/shared/json";
import type { NormalizedCall } from "@/lib/vendors/types";
import { normalizeRecord, normalizeRecords, type NormalizeOptions } from "./normalize";

const TZ = "Asia/Shanghai";

function fixtureText(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
}

function dataOf(text: string): Record<string, unknown> {
  return (parseVendorJson(text) as { Data: Record<string, unknown> }).Data;
}

function normalizeOk(record: unknown, options: Partial<NormalizeOptions> = {}): NormalizedCall {
  const outcome = normalizeRecord(record, {
    taskId: "138000000001",
    timezone: TZ,
    origin: "detail",
    ...options,
  });
  if (!outcome.ok) throw new Error(`expected a call, got a problem: ${outcome.problem.reason}`);
  return outcome.call;
}

describe("QueryConversationDetailInfo, the documented example verbatim", () => {
  const data = dataOf(fixtureText("query-conversation-detail-info.doc.json"));
  const call = normalizeOk(data, { detailId: "966200000000012345", batchId: "139000000000216" });
  const s = call.summary;

  it("takes its ids from the request, since the detail does not repeat them", () => {
    expect(call.key).toBe("966200000000012345");
    expect(s.vendorCallId).toBe("966200000000012345");
    expect(call.locator).toEqual({
      taskId: "138000000001",
      detailId: "966200000000012345",
      batchId: "139000000000216",
    });
    expect(s.taskId).toBe("138000000001");
  });

  it("reads the result from CallResult, not from the contradicting StatusCode 200005", () => {
    expect(s.result).toBe("answered");
    expect(s.resultLabel).toBe("ANSWERED");
  });

  it("reads who hung up, the intent, talk time and rounds", () => {
    expect(s.hangupBy).toBe("customer");
    expect(s.intent).toBe("D");
    expect(s.intentLabel).toBeNull();
    expect(s.durationSec).toBe(16);
    expect(s.rounds).toBeNull(); // the detail has no ConversationTurnCount
  });

  it("drops the implausible example times and keeps the real one", () => {
    expect(s.startedAt).toBeNull(); // StartCallTime 123123123123123 is the year 5871
    expect(s.answeredAt).toBe("2025-08-08T09:41:13+08:00");
    expect(s.endedAt).toBeNull(); // ReleaseTime 98
  });

  it("keeps the numbers as given, masked callee included", () => {
    expect(s.callee).toBe("186******");
    expect(s.caller).toBe("0571*******");
  });

  it("joins the output tag's name with its JSON-string values", () => {
    expect(s.tags).toEqual(["客户意向度:高(非常积极,大概率转化)"]);
  });

  it("has the recording the detail names", () => {
    expect(s.hasRecording).toBe(true);
    expect(call.recordingUrl).toBe("https://********");
  });

  it("reads the 12-line ConversationRecord in order, barge-in markers removed and flagged", () => {
    const transcript = call.transcript!;
    expect(transcript).toHaveLength(12);
    expect(transcript.map((u) => u.speaker)).toEqual([
      "robot",
      "customer",
      "customer",
      "customer",
      "customer",
      "robot",
      "robot",
      "robot",
      "customer",
      "customer",
      "robot",
      "robot",
    ]);
    expect(transcript[1]).toMatchObject({
      speaker: "customer",
      text: "哎,你是谁?",
      interrupted: true,
      timing: "estimated",
    });
    expect(transcript[2]).toMatchObject({ text: "你再说一遍。", interrupted: true });
    expect(transcript[3]!.text).toBe("哎,我没听清。");
    expect(transcript[3]!.interrupted).toBeUndefined();
    expect(transcript[8]).toMatchObject({ text: "哎,那我是谁?", interrupted: true });
    expect(transcript[11]!.text).toBe("祝您生活愉快!再见!");
    expect(transcript.every((u) => !u.text.includes("客户打断"))).toBe(true);
  });

  it("estimates timing across the 16 s of talk, in order", () => {
    const transcript = call.transcript!;
    for (const [i, u] of transcript.entries()) {
      expect(u.timing).toBe("estimated");
      expect(u.endMs!).toBeGreaterThan(u.startMs!);
      if (i > 0) expect(u.startMs!).toBeGreaterThanOrEqual(transcript[i - 1]!.endMs!);
    }
    expect(transcript[11]!.endMs!).toBeLessThanOrEqual(16_000);
  });

  it("keeps the fields without a canonical slot in extra, OutId trimmed, no URL", () => {
    expect(call.extra).toEqual({
      variables: { 姓名: "张三" },
      tagDescriptions: { 客户意向度: "评估客户对车型的兴趣和购买可能性" },
      statusCode: "200005",
      statusMsg: "呼叫结束(双呼)",
      failedReason: "主动取消",
      outId: "bb3bc32d-54b8-49c4-80d3-61583417d22e",
      callId: "1231231231213^11231231231",
      batchId: "139000000000216",
    });
    expect(JSON.stringify(call.extra)).not.toMatch(/https?:/);
  });

  it("needs no further detail and keeps the raw record", () => {
    expect(call.needsDetail).toBe(false);
    expect(call.raw).toBe(data);
  });
});

describe("QueryAiCallDetailPage, a messy page", () => {
  const text = fixtureText("query-ai-call-detail-page.messy.json");
  const list = dataOf(text).List as unknown[];
  const options: NormalizeOptions = { taskId: "118700000000001", timezone: TZ, origin: "list" };
  const { calls, problems } = normalizeRecords(list, options);
  const byCallee = (callee: string) => calls.find((c) => c.summary.callee === callee)!;

  it("keeps every good record and reports the two bad ones", () => {
    expect(calls).toHaveLength(6);
    expect(problems).toHaveLength(2);
  });

  it("keeps every digit of a DetailId beyond 2^53 sent as a bare number", () => {
    const call = byCallee("13735460951");
    expect(call.key).toBe("9007199254740993123");
    expect(call.summary.vendorCallId).toBe("9007199254740993123");
    expect(call.locator).toEqual({
      taskId: "118700000000001",
      detailId: "9007199254740993123",
      batchId: "1183000000000000216",
    });
    expect(byCallee("13800000003").summary.vendorCallId).toBe("9662000000000002");
  });

  it("reads a Chinese CallResult, an intent class, 1 as robot and ms talk time", () => {
    const s = byCallee("13735460951").summary;
    expect(s.result).toBe("answered");
    expect(s.resultLabel).toBe("用户接通");
    expect(s.intent).toBe("A");
    expect(s.intentLabel).toBe("A类");
    expect(s.hangupBy).toBe("robot");
    expect(s.durationSec).toBe(42.5); // ConversationDuration 42500 cannot be seconds
    expect(s.rounds).toBe(3);
    expect(s.startedAt).toBe("2025-06-03T19:05:49+08:00");
    expect(s.answeredAt).toBeNull();
  });

  it("reads the list's transcript string, options and recording path", () => {
    const call = byCallee("13735460951");
    expect(call.needsDetail).toBe(false);
    expect(call.transcript!.map((u) => [u.speaker, u.text, u.interrupted ?? false])).toEqual([
      ["robot", "您好，我是星河湾置业顾问，想问下您最近有没有看房的打算？", false],
      ["customer", "多少钱？", true],
      ["robot", "均价一万七，（停顿2s）您方便的话可以来现场看看。", false],
    ]);
    expect(call.transcript![2]!.endMs!).toBeLessThanOrEqual(42_500);
    expect(call.summary.hasRecording).toBe(true);
    expect(call.recordingUrl).toBe(
      "https://aiccs-rec.oss-cn-hangzhou.aliyuncs.com/2025/06/03/1.wav?Expires=1749035149&OSSAccessKeyId=LTAIxxxx&Signature=abc%3D",
    );
    expect(call.extra.variables).toEqual({ name: "张先生", product: "星河湾" });
    expect(call.extra.outId).toBe("order-20250603-1");
    expect(call.extra.detailStatus).toBe("呼叫结束");
    expect(call.extra.batchId).toBe("1183000000000000216");
  });

  it("reads a real-array transcript, numbers as strings, a date-string CallingTime and 0 as customer", () => {
    const call = byCallee("13800000002");
    const s = call.summary;
    expect(s.startedAt).toBe("2025-06-03T19:05:49+08:00");
    expect(s.answeredAt).toBe("2025-06-03T19:05:58+08:00");
    expect(s.endedAt).toBe("2025-06-03T19:06:30+08:00");
    expect(s.durationSec).toBe(32);
    expect(s.rounds).toBe(2);
    expect(s.intent).toBe("B");
    expect(s.intentLabel).toBeNull();
    expect(s.hangupBy).toBe("customer");
    expect(s.caller).toBe("057188880000");
    expect(s.tags).toEqual(["意向:高、中", "关注点:价格,服务"]);
    expect(call.extra.tagDescriptions).toEqual({ 意向: "客户意向程度" });
    // Empty lines and lines of an unknown role are dropped; text is trimmed.
    expect(call.transcript!.map((u) => [u.speaker, u.text])).toEqual([
      ["robot", "喂，您好，这里是平安保险。"],
      ["customer", "你好"],
      ["customer", "嗯，不需要。"],
    ]);
    // No recording field in this list entry: an answered call with talk time very likely has one.
    expect(s.hasRecording).toBe(true);
    expect(call.recordingUrl).toBeNull();
  });

  it("reads an unanswered call from its status code, with an empty transcript", () => {
    const call = byCallee("13800000003");
    const s = call.summary;
    expect(s.result).toBe("no_answer");
    expect(s.resultLabel).toBe("用户未接听");
    expect(s.durationSec).toBe(0);
    expect(s.answeredAt).toBeNull(); // PickUpTime 0
    expect(s.intent).toBeNull();
    expect(s.intentLabel).toBeNull();
    expect(s.hangupBy).toBeNull();
    expect(s.hasRecording).toBe(false);
    expect(call.transcript).toEqual([]);
    expect(call.needsDetail).toBe(false);
    expect(call.extra.failedReason).toBe("无人接听");
    expect(call.extra.detailStatus).toBe("呼叫失败");
  });

  it("asks for the detail when an answered call's entry has no ConversationRecord at all", () => {
    const call = byCallee("13800000004");
    expect(call.transcript).toBeNull();
    expect(call.needsDetail).toBe(true);
    expect(call.summary.durationSec).toBe(12);
    expect(call.summary.intent).toBeNull();
    expect(call.summary.intentLabel).toBe("有意向");
    expect(call.summary.hangupBy).toBe("robot");
  });

  it("survives a transcript that is not JSON, and falls back to the status code for an odd word", () => {
    const call = byCallee("13800000005");
    expect(call.transcript).toEqual([]);
    expect(call.extra.transcriptUnreadable).toBe(true);
    expect(call.summary.result).toBe("power_off");
    expect(call.summary.resultLabel).toBe("CALL_STATE_9");
  });

  it("keys a call without DetailId by task, callee and start; it cannot be fetched again", () => {
    const call = byCallee("13800000008");
    expect(call.key).toBe("118700000000001|13800000008|1748949200000");
    expect(call.summary.vendorCallId).toBeNull();
    expect(call.locator.detailId).toBe("");
    expect(call.summary.result).toBe("busy");
    expect(call.summary.hangupBy).toBeNull(); // 未知
    expect(call.transcript).toEqual([]);
    expect(call.needsDetail).toBe(false);
  });

  it("names what is missing in each problem and keeps the raw text", () => {
    expect(problems[0]!.reason).toMatch(/DetailId.*CalledPhone/);
    expect(problems[0]!.taskId).toBe("118700000000001");
    expect(problems[0]!.vendorCallId).toBeNull();
    expect(JSON.parse(problems[0]!.raw)).toMatchObject({ BatchId: "139000000000216" });
    expect(problems[1]!.reason).toMatch(/not a JSON object/);
    expect(problems[1]!.raw).toBe('"not a record"');
  });

  it("refuses an id that JSON.parse already rounded, instead of trusting a wrong id", () => {
    const lossy = (JSON.parse(text) as { Data: { List: unknown[] } }).Data.List;
    const outcome = normalizeRecord(lossy[0], options);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problem.reason).toMatch(/^DetailId: .*2\^53/);
  });
});

describe("messier variants", () => {
  const base = dataOf(fixtureText("query-conversation-detail-info.doc.json"));
  const variant = (changes: Record<string, unknown>, options: Partial<NormalizeOptions> = {}) =>
    normalizeOk({ ...base, ...changes }, { detailId: "1", ...options });
  const without = (...keys: string[]) =>
    Object.fromEntries(Object.entries(base).filter(([k]) => !keys.includes(k)));

  it.each([
    ["用户", "customer"],
    ["机器人", "robot"],
    ["0", "customer"],
    [0, "customer"],
    ["1", "robot"],
    [1, "robot"],
    ["User", "customer"],
    ["Machine", "robot"],
    ["", null],
    ["未知", null],
    [null, null],
  ])("HangupDirection %j → %s", (value, expected) => {
    expect(variant({ HangupDirection: value }).summary.hangupBy).toBe(expected);
  });

  it.each([
    ["A", "A", null],
    ["a", "A", null],
    ["A类", "A", "A类"],
    ["A级", "A", "A级"],
    [" f ", "F", null],
    ["G", null, "G"],
    ["有意向", null, "有意向"],
    ["", null, null],
  ])("MajorIntent %j → %s (%s)", (value, intent, label) => {
    const s = variant({ MajorIntent: value }).summary;
    expect(s.intent).toBe(intent);
    expect(s.intentLabel).toBe(label);
  });

  it("reads ConversationRecord as a real array", () => {
    const call = variant({
      ConversationRecord: [
        { role: "assistant", content: "您好" },
        { role: "user", content: "<客户打断>不用了" },
      ],
    });
    expect(call.transcript!.map((u) => [u.speaker, u.text, u.interrupted ?? false])).toEqual([
      ["robot", "您好", false],
      ["customer", "不用了", true],
    ]);
  });

  it.each([
    ["an empty string", { ConversationRecord: "" }],
    ["an empty JSON array", { ConversationRecord: "[]" }],
    ["null", { ConversationRecord: null }],
  ])("reads ConversationRecord as %s as no lines", (_what, changes) => {
    const call = variant(changes);
    expect(call.transcript).toEqual([]);
    expect(call.needsDetail).toBe(false);
    expect(call.extra.transcriptUnreadable).toBeUndefined();
  });

  it("reads a detail without ConversationRecord as no lines (the detail is all there is)", () => {
    const call = normalizeOk(without("ConversationRecord"), { detailId: "1" });
    expect(call.transcript).toEqual([]);
    expect(call.needsDetail).toBe(false);
  });

  it("flags a ConversationRecord that is garbage text", () => {
    const call = variant({ ConversationRecord: '[{"role":"user","content":"被截断' });
    expect(call.transcript).toEqual([]);
    expect(call.extra.transcriptUnreadable).toBe(true);
  });

  it("reads numbers sent as strings", () => {
    const s = variant({
      Duration: "16",
      PickUpTime: "1754617273000",
      ReleaseTime: "1754617289000",
      ConversationTurnCount: "4",
    }).summary;
    expect(s.durationSec).toBe(16);
    expect(s.answeredAt).toBe("2025-08-08T09:41:13+08:00");
    expect(s.endedAt).toBe("2025-08-08T09:41:29+08:00");
    expect(s.rounds).toBe(4);
  });

  it("falls back from an implausible StartCallTime to CallingTime", () => {
    expect(variant({ CallingTime: 1754617264000 }).summary.startedAt).toBe("2025-08-08T09:41:04+08:00");
    expect(variant({ StartCallTime: "1754617264000" }).summary.startedAt).toBe("2025-08-08T09:41:04+08:00");
  });

  it.each([
    [75, 75],
    [36_000, 36_000],
    [90_000, 90],
    ["16", 16],
  ])("reads ConversationDuration %j as %j s when Duration is missing", (value, expected) => {
    const call = normalizeOk({ ...without("Duration"), ConversationDuration: value }, { detailId: "1" });
    expect(call.summary.durationSec).toBe(expected);
  });

  it("labels the result from the status code when CallResult is missing, and repairs mojibake words", () => {
    const missing = normalizeOk(
      { ...without("CallResult"), StatusCode: "200002" },
      { detailId: "1" },
    ).summary;
    expect(missing.result).toBe("busy");
    expect(missing.resultLabel).toBe("用户占线");
    const garbled = variant({ CallResult: "鐢ㄦ埛鎺ュ惉", StatusCode: "200000" }).summary;
    expect(garbled.result).toBe("answered");
    expect(garbled.resultLabel).toBe("用户接听");
  });

  it("maps the SDK's other CallResult spellings", () => {
    const results = [
      "USER_BUSY",
      "CALL_REJECTED",
      "POWERED_OFF",
      "INVALID_NUMBER",
      "UNAVAILABLE",
      "INCOMING_CALL_BARRED",
      "CANCEL",
      "OTHERS",
    ].map((word) => variant({ CallResult: word, StatusCode: null }).summary.result);
    expect(results).toEqual([
      "busy",
      "refused",
      "power_off",
      "vacant",
      "unreachable",
      "blocked",
      "failed",
      "unknown",
    ]);
  });

  it("reads OutputTags as a JSON string, values as real arrays or plain words, and skips junk", () => {
    const s = variant({
      OutputTags: JSON.stringify([
        { OutputTagName: "客户意向度", OutputTagValue: ["高", "中"] },
        { OutputTagName: "关注点", OutputTagValue: "价格,服务" },
        { OutputTagName: "已加微信", OutputTagValue: "[]" },
        42,
        null,
      ]),
    }).summary;
    expect(s.tags).toEqual(["客户意向度:高、中", "关注点:价格,服务", "已加微信", "42"]);
    expect(variant({ OutputTags: null }).summary.tags).toEqual([]);
  });

  it("reads Variables as a plain object and drops URL values from extra", () => {
    const call = variant({ Variables: { 姓名: "李四", 链接: "https://example.com/x?sig=1" } });
    expect(call.extra.variables).toEqual({ 姓名: "李四" });
    const keyed = variant({
      Variables: [
        { Key: "product", Value: "星河湾" },
        { Name: "空值", Value: "" },
      ],
    });
    expect(keyed.extra.variables).toEqual({ product: "星河湾" });
  });

  it("says no recording when the detail names no file", () => {
    const call = normalizeOk(without("RecordingFileDownloadUrl"), { detailId: "1" });
    expect(call.summary.hasRecording).toBe(false);
    expect(call.recordingUrl).toBeNull();
    expect(variant({ RecordingFileDownloadUrl: "" }).summary.hasRecording).toBe(false);
  });

  it("counts a list's recording path that is not a URL as a recording, without a URL to fetch", () => {
    const call = normalizeOk(
      { ...base, DetailId: "7", RecordingFileDownloadUrl: undefined, RecordingFilePath: "2025/06/03/7.wav" },
      { origin: "list" },
    );
    expect(call.summary.hasRecording).toBe(true);
    expect(call.recordingUrl).toBeNull();
  });

  it("trusts an empty recording path in a list entry", () => {
    const call = normalizeOk(
      { ...base, DetailId: "7", RecordingFilePath: "", RecordingFileDownloadUrl: undefined },
      { origin: "list" },
    );
    expect(call.summary.hasRecording).toBe(false);
  });

  it("takes a callee from any of its aliases", () => {
    for (const key of ["CalledNumber", "PhoneNumber", "Phone", "Callee"]) {
      const call = normalizeOk({ ...without("CalledPhone"), [key]: "13900000000" }, { detailId: "1" });
      expect(call.summary.callee).toBe("13900000000");
    }
  });
});
