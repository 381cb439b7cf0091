import type { CallResult } from "@/lib/model";
import type { SimCall } from "@/lib/simulator/types";
import { sampleSimCall } from "./sample-call";

/**
 * The Tanyi calls both the adapter's contract tests (lib/vendors/tanyi/client.test.ts) and the
 * simulator's wire-format tests (lib/simulator/vendors/tanyi.test.ts) run against.
 */

export const BASE_DIAL = Date.UTC(2026, 10, 16, 1, 0, 0); // 2026-11-16 09:00:00 +08:00

export const ANSWERED_LINES = sampleSimCall().lines;
export const LONG_LINES: SimCall["lines"] = [
  {
    speaker: "robot",
    text: "您好，这里是平安车险，您的车险下个月到期了",
    startMs: 400,
    endMs: 4_000,
    interrupted: false,
    clipId: "r1",
  },
  { speaker: "customer", text: "哦", startMs: 4_500, endMs: 5_000, interrupted: false, clipId: "c1" },
  {
    speaker: "robot",
    text: "今年续保有折扣，（停顿1s）您看需要报个价吗",
    startMs: 5_600,
    endMs: 10_000,
    interrupted: false,
    clipId: "r2",
  },
  { speaker: "customer", text: "多少钱", startMs: 9_500, endMs: 10_400, interrupted: true, clipId: "c2" },
  {
    speaker: "robot",
    text: "我让专员给您发报价短信",
    startMs: 11_000,
    endMs: 13_600,
    interrupted: false,
    clipId: "r3",
  },
];

export function answered(index: number, overrides: Partial<SimCall> = {}): SimCall {
  const dialAt = BASE_DIAL + index * 600_000 + 123; // ms that the wire's whole seconds drop
  return sampleSimCall({
    source: "tanyi",
    index,
    taskId: "50",
    vendorCallId: String(880_000 + index),
    callee: `1380013${String(index).padStart(4, "0")}`,
    dialAt,
    answerAt: dialAt + 8_000,
    endAt: dialAt + 8_000 + 15_600,
    talkMs: 15_600,
    concerns: ["价格", "位置"],
    ...overrides,
  });
}

export function unanswered(index: number, result: CallResult, overrides: Partial<SimCall> = {}): SimCall {
  const dialAt = BASE_DIAL + index * 600_000;
  return answered(index, {
    result,
    answerAt: null,
    endAt: dialAt + 31_000,
    talkMs: 0,
    hangupBy: null,
    intent: "F",
    rounds: 0,
    concerns: [],
    lines: [],
    recording: null,
    ...overrides,
  });
}

export const TASK_50: SimCall[] = [
  answered(0, { vendorCallId: "9007199254740993", intent: "A" }),
  unanswered(1, "no_answer"),
  answered(2, {
    vendorCallId: "12345678901234567890",
    lines: LONG_LINES,
    rounds: 2,
    intent: "B",
    talkMs: 14_000,
  }),
  answered(3, { lines: LONG_LINES, rounds: 2, intent: "C", concerns: [] }),
  unanswered(4, "busy"),
  unanswered(5, "no_answer", { intent: null }),
  unanswered(6, "power_off"),
  answered(7, { lines: LONG_LINES, rounds: 2, intent: "D", talkMs: 13_499 }),
  unanswered(8, "refused"),
  unanswered(9, "vacant"),
  unanswered(10, "suspended"),
  answered(11, { lines: LONG_LINES, rounds: 2, intent: "E", recording: null }),
  unanswered(12, "unreachable"),
  unanswered(13, "failed"),
  unanswered(14, "failed"),
  unanswered(15, "blocked"),
  unanswered(16, "unknown"),
];
export const TASK_51: SimCall[] = [17, 18, 19, 20].map((index) =>
  answered(index, { taskId: "51", lines: ANSWERED_LINES }),
);
