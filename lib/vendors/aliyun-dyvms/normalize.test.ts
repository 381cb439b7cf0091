import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { CallSummary, Utterance } from "@/lib/model";
import { parseVendorJson } from "@/lib/vendors/shared/json";
import type { NormalizedCall } from "@/lib/vendors/types";
import {
  detailRecord,
  dialogTranscript,
  listEntries,
  normalizeDetail,
  normalizeListEntry,
  normalizeListPage,
  splitTags,
} from "./normalize";

const TZ = "Asia/Shanghai";

function fixture(name: string): Record<string, unknown> {
  const text = fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
  return parseVendorJson(text) as Record<string, unknown>;
}

function detailCall(envelope: Record<string, unknown>, taskId = "4001112222", locator = {}): NormalizedCall {
  const outcome = normalizeDetail(detailRecord(envelope.Data), { taskId, timezone: TZ, locator });
  if (!outcome.ok) throw new Error(outcome.problem.reason);
  return outcome.call;
}

/** What the index will store must pass the canonical schema. */
function expectCanonical(call: NormalizedCall): void {
  const parsed = CallSummary.safeParse({
    ...call.summary,
    id: "x",
    sourceId: "s",
    vendor: "aliyun-dyvms",
    alerts: [],
    review: { status: "unreviewed", intent: null, note: null, by: null, at: null },
    metrics: null,
  });
  expect(parsed.success, parsed.error?.message).toBe(true);
  for (const utterance of call.transcript ?? []) expect(Utterance.safeParse(utterance).success).toBe(true);
}

describe("QueryCallDetailByTaskId, the doc's JSON example", () => {
  const call = detailCall(fixture("query-call-detail-by-task-id.doc.json"));

  it("reads the summary fields", () => {
    const s = call.summary;
    expect(s.result).toBe("answered");
    expect(s.resultLabel).toBe("用户接听"); // stateDesc arrives as mojibake 鐢ㄦ埛鎺ュ惉
    expect(s.hangupBy).toBe("robot");
    expect(s.durationSec).toBe(16);
    expect(s.rounds).toBe(3);
    expect(s.startedAt).toBe("2019-03-27T10:34:40+08:00");
    expect(s.answeredAt).toBe("2019-03-27T10:34:54+08:00");
    expect(s.endedAt).toBe("2019-03-27T10:35:09+08:00");
    expect(s.caller).toBe("053158552960");
    expect(s.callee).toBe("13735460951");
    expect(s.vendorCallId).toBe("115987800002^102789420002");
    expect(s.taskId).toBe("4001112222");
    expect(s.intent).toBeNull();
    expect(s.intentLabel).toBeNull();
    expect(s.tags).toEqual(["1"]); // the JSON example's `"tags":1`
    expect(s.hasRecording).toBe(true);
    expectCanonical(call);
  });

  it("keys and locates the call by its callId, task, callee and start", () => {
    expect(call.key).toBe("115987800002^102789420002");
    expect(call.locator).toEqual({
      taskId: "4001112222",
      callee: "13735460951",
      queryDate: String(Date.parse("2019-03-27T10:34:40+08:00")),
      callId: "115987800002^102789420002",
    });
    expect(call.needsDetail).toBe(false);
  });

  it("keeps the recording URL server-side and out of extra", () => {
    expect(call.recordingUrl).toBe(
      "http://alicom-fc-record-biz.cn-hangzhou.oss.aliyun-inc.com/Freeswitch_RU_115987800002_02c3554f-ea24-422d-b1de-e671f455f21a_record.wav?OSSAccessKeyId=bypFNbGJVk73****&Signature=VWHOX%2FFhvvtSkxfMTw%2F5fdJUQu****&Expires=1554382725",
    );
    expect(call.extra).toEqual({
      rejectCount: 0,
      sureCount: 0,
      defaultCount: 0,
      customCount: 0,
      knowledgeCount: 0,
      denyCount: 0,
      knowledgeCommonCount: 0,
      knowledgeBusinessCount: 0,
      recordStatus: 1,
    });
  });

  it("builds the transcript in spoken order, timed from the answer", () => {
    const t = call.transcript!;
    expect(t.map((u) => u.speaker)).toEqual(["robot", "customer", "robot", "customer", "customer", "robot"]);
    expect(t.map((u) => u.text)).toEqual([
      "我的呼叫测试",
      "喂，哎，你好",
      "不好意思，可以慢点再说一遍吗?",
      "喂",
      "哦再见",
      "不好意思，我这边听得不是很清楚，您可以再说一遍吗？",
    ]);
    // The greeting is stamped 9 s before the answer: clamped to the start of the recording.
    expect(t[0]).toEqual({
      speaker: "robot",
      text: "我的呼叫测试",
      startMs: 0,
      endMs: 6000,
      timing: "vendor",
    });
    expect(t.map((u) => u.startMs)).toEqual([0, 6000, 6000, 7000, 14000, 14000]);
    // Each line runs to the next later line; the last ones to the end of the 16 s recording.
    expect(t.map((u) => u.endMs)).toEqual([6000, 7000, 7000, 14000, 16000, 16000]);
    expect(t.some((u) => u.interrupted)).toBe(false);
  });

  it('reads the XML example\'s Data the same way (tags "" → none)', () => {
    const fromXml = detailCall({ Data: fixture("query-call-detail-by-task-id.doc-xml-data.json") });
    expect(fromXml.summary).toEqual({ ...call.summary, tags: [] });
    expect(fromXml.transcript).toEqual(call.transcript);
  });

  it("uses the locator's start for the key when the detail has no callId", () => {
    const envelope = fixture("query-call-detail-by-task-id.doc.json");
    const data = JSON.parse(envelope.Data as string) as Record<string, unknown>;
    delete data.callId;
    const queryDate = String(Date.parse("2019-03-27T10:34:40+08:00"));
    const noId = detailCall({ Data: data }, "4001112222", {
      taskId: "4001112222",
      callee: "13735460951",
      queryDate,
    });
    expect(noId.key).toBe(`4001112222|13735460951|${queryDate}`);
    expect(noId.summary.vendorCallId).toBeNull();
  });
});

describe("QueryRobotTaskCallList, the doc's examples", () => {
  function only(envelopeData: unknown): NormalizedCall {
    const entries = listEntries(envelopeData);
    expect(entries).toHaveLength(1);
    const page = normalizeListPage(entries!, { taskId: "1045001", timezone: TZ });
    expect(page.problems).toEqual([]);
    return page.calls[0]!;
  }

  const call = only(fixture("query-robot-task-call-list.doc.json").Data);

  it("reads the summary fields", () => {
    const s = call.summary;
    expect(s.taskId).toBe("1045001");
    expect(s.vendorCallId).toBe("116950320375^103750100375");
    expect(s.callee).toBe("13000000000");
    expect(s.caller).toBe("0571-88996676");
    expect(s.startedAt).toBe("2019-06-14T15:22:23+08:00");
    expect(s.answeredAt).toBeNull();
    expect(s.endedAt).toBe("2019-06-14T15:22:55+08:00");
    expect(s.durationSec).toBe(60);
    expect(s.result).toBe("unreachable");
    expect(s.resultLabel).toBe("无法接通");
    expect(s.hangupBy).toBe("robot");
    expect(s.rounds).toBe(3);
    expect(s.intent).toBeNull();
    expect(s.tags).toEqual(["邀约", "有房", "无车"]);
    expect(s.hasRecording).toBe(false);
    expectCanonical(call);
  });

  it("has no transcript and needs no detail for an unanswered call", () => {
    expect(call.transcript).toBeNull();
    expect(call.needsDetail).toBe(false);
    expect(call.recordingUrl).toBeNull();
    expect(call.key).toBe("116950320375^103750100375");
    expect(call.locator).toEqual({
      taskId: "1045001",
      callee: "13000000000",
      queryDate: String(Date.parse("2019-06-14T15:22:23+08:00")),
      callId: "116950320375^103750100375",
    });
  });

  it("puts counters and transfer info in extra, numbers as numbers, typo folded", () => {
    expect(call.extra).toEqual({
      sureCount: 2,
      denyCount: 2,
      rejectCount: 0,
      customCount: 0,
      defaultCount: 0,
      knowledgeCount: 0,
      knowledgeBusinessCount: 0,
      knowledgeCommonCount: 0,
      transferResult: 3,
      transferNumber: "0571-88336676",
      transferFailReason: "用户挂断",
      recallCurTimes: 2,
    });
  });

  it("reads the XML example's Data (a JSON string) the same way", () => {
    const text = fs.readFileSync(
      new URL("./fixtures/query-robot-task-call-list.doc-xml-data.json", import.meta.url),
      "utf8",
    );
    const fromString = only(text);
    expect(fromString.summary).toEqual(call.summary);
    expect(fromString.extra).toEqual(call.extra);
  });
});

describe("a messy list page", () => {
  const data = fixture("query-robot-task-call-list.messy.json").Data;
  const entries = listEntries(data)!;
  const page = normalizeListPage(entries, { taskId: "4001112222", timezone: TZ });
  const byCallee = (callee: string) => page.calls.find((c) => c.summary.callee === callee)!;

  it("keeps every good record and reports the bad ones", () => {
    expect(entries).toHaveLength(6);
    expect(page.calls).toHaveLength(4);
    expect(page.problems).toHaveLength(2);
    expect(page.problems[0]).toMatchObject({ taskId: "4001112222", vendorCallId: null });
    expect(page.problems[0]!.reason).toMatch(/callId/);
    expect(JSON.parse(page.problems[0]!.raw)).toMatchObject({ callResult: "无人接听" });
    expect(page.problems[1]!.reason).toMatch(/not an object/);
    expect(page.problems[1]!.raw).toBe('"not a record"');
  });

  it("reads an answered call with numbers, full-width commas and typos", () => {
    const call = byCallee("13735460951");
    expect(call.summary.result).toBe("answered");
    expect(call.summary.resultLabel).toBe("已接通");
    expect(call.summary.hangupBy).toBe("customer");
    expect(call.summary.durationSec).toBe(16);
    expect(call.summary.rounds).toBe(2);
    expect(call.summary.tags).toEqual(["有房", "邀约"]);
    expect(call.summary.startedAt).toBe("2026-11-16T10:30:00+08:00");
    expect(call.summary.endedAt).toBe("2026-11-16T10:30:25+08:00");
    expect(call.summary.hasRecording).toBe(true);
    expect(call.transcript).toBeNull();
    expect(call.needsDetail).toBe(true);
    expect(call.extra).toMatchObject({
      knowledgeCount: 3,
      transferFailReason: "坐席忙",
      recallCurTimes: 1,
      sureCount: 1,
    });
  });

  it("maps a status code in callResult and an empty hangupDirection", () => {
    const call = byCallee("13900000002");
    expect(call.summary.result).toBe("busy");
    expect(call.summary.resultLabel).toBe("用户占线");
    expect(call.summary.hangupBy).toBeNull();
    expect(call.summary.tags).toEqual([]);
    expect(call.summary.rounds).toBe(0);
    expect(call.summary.taskId).toBe("4001112222");
    expect(call.needsDetail).toBe(false);
  });

  it("repairs a mojibake callResult and falls back to a composite key without callId", () => {
    const call = byCallee("13900000004");
    expect(call.summary.result).toBe("power_off");
    expect(call.summary.resultLabel).toBe("关机");
    expect(call.summary.vendorCallId).toBeNull();
    const start = Date.parse("2026-11-16T10:33:00+08:00");
    expect(call.key).toBe(`4001112222|13900000004|${start}`);
    expect(call.locator).toEqual({
      taskId: "4001112222",
      callee: "13900000004",
      queryDate: String(start),
      callId: "",
    });
  });

  it("keeps an unknown word as the label, and a numeric callId as text", () => {
    const call = byCallee("13900000006");
    expect(call.summary.result).toBe("unknown");
    expect(call.summary.resultLabel).toBe("转接坐席失败");
    expect(call.summary.vendorCallId).toBe("116950320375");
    expect(call.summary.caller).toBeNull();
    expect(call.summary.tags).toEqual(["A类"]);
  });

  it("refuses a callId that was rounded before it reached us", () => {
    const outcome = normalizeListEntry(
      { callId: 9007199254740993, called: "13900000009" },
      { taskId: "1", timezone: TZ },
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problem.reason).toMatch(/^callId: /);
  });
});

describe("list Data shapes", () => {
  it("accepts a JSON string, an array, nothing, and refuses prose", () => {
    expect(listEntries('[{"callId":"a"}]')).toEqual([{ callId: "a" }]);
    expect(listEntries([{ callId: "a" }])).toEqual([{ callId: "a" }]);
    expect(listEntries("")).toEqual([]);
    expect(listEntries(null)).toEqual([]);
    expect(listEntries(undefined)).toEqual([]);
    expect(listEntries("[]")).toEqual([]);
    expect(listEntries({ List: '[{"callId":"b"}]' })).toEqual([{ callId: "b" }]);
    expect(listEntries("系统繁忙")).toBeNull();
    expect(listEntries({ total: 3 })).toBeNull();
  });
});

describe("messy details", () => {
  it("reads an answered call: object Data, stringly numbers, &amp;, dialogDetail as an out-of-order string", () => {
    const call = detailCall(fixture("query-call-detail-by-task-id.messy-answered.json"));
    const s = call.summary;
    expect(s.result).toBe("answered");
    expect(s.resultLabel).toBe("用户接听");
    expect(s.hangupBy).toBe("customer");
    expect(s.durationSec).toBe(16);
    expect(s.rounds).toBe(2);
    expect(s.tags).toEqual(["有房", "邀约"]);
    expect(s.startedAt).toBe("2026-11-16T10:30:00+08:00");
    expect(s.answeredAt).toBe("2026-11-16T10:30:09+08:00");
    expect(s.hasRecording).toBe(true);
    expect(call.recordingUrl).toBe(
      "https://oss-cn-hangzhou.aliyuncs.com/record/115987800002.wav?OSSAccessKeyId=LTAIexample&Expires=1794800000&Signature=abc%2Bdef%3D",
    );
    expect(call.extra).toMatchObject({
      knowledgeCount: 3,
      recordStatus: 1,
      transferFailReason: "坐席忙",
      transferResult: 0,
    });
    expect(Object.values(call.extra).some((v) => typeof v === "string" && v.includes("http"))).toBe(false);

    const t = call.transcript!;
    expect(t.map((u) => [u.speaker, u.text, u.startMs, u.endMs, u.interrupted ?? false])).toEqual([
      ["robot", "您好，我是星河湾置业顾问，想问下您最近有没有看房的打算？", 0, 5000, false],
      ["customer", "价格多少？", 5000, 7000, false],
      ["robot", "均价一万七，（停顿2s）您方便的话可以来现场看看。", 7000, 12000, false],
      ["customer", "好的，再见", 12000, 16000, true],
    ]);
    expectCanonical(call);
  });

  it("reads an unanswered call: broken mojibake falls back to the code's words, empty dialogDetail", () => {
    const call = detailCall(fixture("query-call-detail-by-task-id.messy-no-answer.json"));
    expect(call.summary.result).toBe("no_answer");
    expect(call.summary.resultLabel).toBe("用户未接听");
    expect(call.summary.answeredAt).toBeNull();
    expect(call.summary.hangupBy).toBeNull();
    expect(call.summary.durationSec).toBe(0);
    expect(call.summary.hasRecording).toBe(false);
    expect(call.recordingUrl).toBeNull();
    expect(call.transcript).toEqual([]);
    expect(call.extra.recordStatus).toBe(2);
  });

  it("keeps an unknown status's words, and times lines from the first one when there is no answer time", () => {
    const call = detailCall(fixture("query-call-detail-by-task-id.unknown-status.json"));
    expect(call.summary.result).toBe("unknown");
    expect(call.summary.resultLabel).toBe("早媒体:线路侧返回未知信令");
    expect(call.summary.answeredAt).toBeNull();
    expect(call.summary.vendorCallId).toBeNull();
    expect(call.summary.tags).toEqual(["7"]);
    expect(call.summary.hasRecording).toBe(true); // no recordStatus, but a file
    expect(call.transcript!.map((u) => [u.speaker, u.text, u.startMs, u.endMs])).toEqual([
      ["robot", "您好，这里是星河湾。", 0, 2000],
      ["customer", "喂？", 2000, 20000],
    ]);
    expect(call.key).toBe(`4001112222|13900000007|${Date.parse("2026-11-16T10:35:00+08:00")}`);
  });

  it("treats empty Data as no call", () => {
    expect(detailRecord(fixture("query-call-detail-by-task-id.empty.json").Data)).toBeNull();
    expect(detailRecord(undefined)).toBeNull();
    expect(detailRecord(null)).toBeNull();
    expect(detailRecord("{}")).toBeNull();
    expect(detailRecord("[]")).toBeNull();
    expect(detailRecord('[{"callId":"a"},{"callId":"b"}]', "b")).toEqual({ callId: "b" });
  });

  it("reports a detail that is not an object", () => {
    const outcome = normalizeDetail("oops", { taskId: "1", timezone: TZ });
    expect(outcome.ok).toBe(false);
  });

  it("reads missing, empty and string dialogDetail", () => {
    expect(dialogTranscript(undefined, null, null, TZ)).toEqual([]);
    expect(dialogTranscript("", null, null, TZ)).toEqual([]);
    expect(dialogTranscript("[]", null, null, TZ)).toEqual([]);
    const lines = dialogTranscript(
      '[{"role":"robot","content":"您好","startTime":"Wed Mar 27 10:34:55 CST 2019"},{"role":"custom","content":"<客户打断>不用了"}]',
      Date.parse("2019-03-27T10:34:54+08:00"),
      10_000,
      TZ,
    );
    expect(lines).toEqual([
      { speaker: "robot", text: "您好", startMs: 1000, endMs: 10_000, timing: "vendor" },
      {
        speaker: "customer",
        text: "不用了",
        startMs: null,
        endMs: null,
        timing: "vendor",
        interrupted: true,
      },
    ]);
  });
});

describe("tags", () => {
  it("splits on ASCII and full-width separators and reads numbers", () => {
    expect(splitTags("邀约,有房,无车")).toEqual(["邀约", "有房", "无车"]);
    expect(splitTags("邀约，有房；无车")).toEqual(["邀约", "有房", "无车"]);
    expect(splitTags(12)).toEqual(["12"]);
    expect(splitTags("")).toEqual([]);
    expect(splitTags(null)).toEqual([]);
    expect(splitTags('["a","b"]')).toEqual(["a", "b"]);
  });
});
