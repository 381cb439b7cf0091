import type { SimCall } from "../types";

/** A plausible answered call with a short transcript; override what a test is about. */
export function sampleSimCall(overrides: Partial<SimCall> = {}): SimCall {
  const dialAt = Date.UTC(2026, 10, 16, 2, 30, 0); // 2026-11-16 10:30:00 +08:00
  return {
    source: "dyvms",
    index: 0,
    taskId: "4001112222",
    vendorCallId: "115987800002^102789420002",
    batchId: "139000000216",
    callee: "13735460951",
    caller: "053158552960",
    customerName: "张先生",
    industry: "房产",
    dialAt,
    answerAt: dialAt + 9_000,
    endAt: dialAt + 25_000,
    result: "answered",
    talkMs: 16_000,
    hangupBy: "robot",
    intent: "B",
    rounds: 2,
    tags: ["有房", "邀约"],
    concerns: ["价格"],
    variables: { name: "张先生" },
    lines: [
      {
        speaker: "robot",
        text: "您好，我是星河湾置业顾问，想问下您最近有没有看房的打算？",
        startMs: 300,
        endMs: 5_200,
        interrupted: false,
        clipId: "r1",
      },
      {
        speaker: "customer",
        text: "价格多少？",
        startMs: 5_900,
        endMs: 7_000,
        interrupted: false,
        clipId: "c1",
      },
      {
        speaker: "robot",
        text: "均价一万七，（停顿2s）您方便的话可以来现场看看。",
        startMs: 7_600,
        endMs: 12_400,
        interrupted: false,
        clipId: "r2",
      },
      {
        speaker: "customer",
        text: "好的，再见",
        startMs: 12_000,
        endMs: 13_200,
        interrupted: true,
        clipId: "c2",
      },
    ],
    recording: { durationMs: 16_000, encoding: "pcm16", channels: 1, sampleRate: 8000 },
    ...overrides,
  };
}
