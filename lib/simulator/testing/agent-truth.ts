import type { SimCall } from "@/lib/simulator/types";
import { sampleSimCall } from "./sample-call";

/**
 * The agent-api calls both the adapter's contract tests (lib/vendors/agent-api/client.test.ts) and the
 * simulator's wire-format tests (lib/simulator/vendors/agent-api.test.ts) run against: every result,
 * one pick-up off the whole second, one call with a short transcript, and a task id that needs
 * encoding in a path segment.
 */

export const TASK = "287e19c4-1966-49d6-8f02-b53ef11c0a55";
/** A task id that needs encoding in a path segment. */
export const ODD_TASK = "task/二 1";
export const RESULTS: SimCall["result"][] = [
  "answered",
  "answered",
  "answered",
  "answered",
  "answered",
  "answered",
  "answered",
  "answered",
  "busy",
  "no_answer",
  "no_answer",
  "refused",
  "power_off",
  "suspended",
  "vacant",
  "unreachable",
  "blocked",
  "failed",
  "unknown",
];
export const INTENTS: SimCall["intent"][] = ["A", "B", "C", "D", "E", "F", null, "A"];
export const WORD: Partial<Record<SimCall["result"], string>> = {
  answered: "NORMAL_CLEARING",
  busy: "USER_BUSY",
  refused: "CALL_REJECTED",
  vacant: "VACANT_NUMBER",
  unknown: "WEIRD_CAUSE_17",
};

export function uuidOf(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
}

export function truthCall(index: number, taskId = TASK): SimCall {
  const base = sampleSimCall({
    source: "agent",
    index,
    taskId,
    vendorCallId: uuidOf(index + (taskId === TASK ? 0 : 1000)),
  });
  const dialAt = base.dialAt + index * 3_600_000;
  const callee = `1380000${String(index).padStart(4, "0")}`;
  const result = RESULTS[index] ?? "answered";
  if (result !== "answered") {
    return {
      ...base,
      callee,
      dialAt,
      result,
      answerAt: null,
      endAt: dialAt + 30_000,
      talkMs: 0,
      hangupBy: null,
      intent: null,
      rounds: 0,
      tags: [],
      lines: [],
      recording: null,
    };
  }
  // One pick-up off the whole second: the vendor writes seconds, turn times stay relative to what it wrote.
  const answerAt = dialAt + 9_000 + (index === 3 ? 400 : 0);
  const lines = index === 5 ? base.lines.slice(0, 3) : base.lines;
  return {
    ...base,
    callee,
    dialAt,
    answerAt,
    endAt: answerAt + 16_000,
    talkMs: 16_000 + index,
    hangupBy: index % 2 === 0 ? "robot" : "customer",
    intent: INTENTS[index] ?? null,
    rounds: index % 4,
    tags: index % 2 === 0 ? ["有房", "邀约"] : [],
    lines,
  };
}

export const TRUTH = [...RESULTS.map((_, i) => truthCall(i)), truthCall(0, ODD_TASK)];
