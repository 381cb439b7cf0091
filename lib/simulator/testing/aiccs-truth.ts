import type { CallResult } from "@/lib/model";
import type { SimCall } from "@/lib/simulator/types";
import { sampleSimCall } from "./sample-call";

/**
 * The AICCS calls both the adapter's contract tests (lib/vendors/aliyun-aiccs/client.test.ts) and the
 * simulator's wire-format tests (lib/simulator/vendors/aliyun-aiccs.test.ts) run against: answered
 * calls of every shape and one of each other result, indexed so that the simulator's quirks (by
 * index) all occur.
 */

export const TASK = "138000000001";
export const BIG_ID = "9007199254740993123";
export const T0 = Date.UTC(2026, 10, 16, 2, 30, 0);

export function truthCall(index: number, result: CallResult, overrides: Partial<SimCall> = {}): SimCall {
  const dialAt = T0 + index * 60_000;
  const base = sampleSimCall({
    source: "aiccs",
    index,
    taskId: TASK,
    vendorCallId: index === 0 ? BIG_ID : String(9_662_000_000_000_000_000n + BigInt(index)),
    batchId: index % 2 === 0 ? "139000000000216" : "1183000000000000217",
    callee: `1380013${String(index).padStart(4, "0")}`,
    dialAt,
    answerAt: dialAt + 9_000,
    endAt: dialAt + 25_000,
    result,
  });
  if (result !== "answered") {
    Object.assign(base, {
      answerAt: null,
      endAt: dialAt + 30_000,
      talkMs: 0,
      hangupBy: null,
      intent: null,
      rounds: 0,
      tags: [],
      lines: [],
      recording: null,
    } satisfies Partial<SimCall>);
  }
  return { ...base, ...overrides };
}
