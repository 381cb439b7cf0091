import type { CallResult } from "@/lib/model";
import type { SimCall } from "@/lib/simulator/types";
import { sampleSimCall } from "./sample-call";

/**
 * The Dyvms calls both the adapter's contract tests (lib/vendors/aliyun-dyvms/client.test.ts) and
 * the simulator's gateway tests (lib/simulator/vendors/aliyun-dyvms.test.ts) run against.
 */

export const TASK = "4001112222";
export const BASE_DIAL = Date.UTC(2026, 10, 16, 2, 30, 0);

export const UNANSWERED: CallResult[] = [
  "no_answer",
  "busy",
  "refused",
  "power_off",
  "unknown",
  "vacant",
  "suspended",
  "unreachable",
  "blocked",
  "failed",
  "no_answer",
];

/** 20 calls in dialling order: answered ones with transcripts, and every other result once. */
export function truthCalls(): SimCall[] {
  const calls: SimCall[] = [];
  let unanswered = 0;
  for (let index = 0; index < 20; index++) {
    const dialAt = BASE_DIAL + index * 60_000;
    const answered = [0, 1, 2, 4, 5, 7, 10, 13, 17].includes(index);
    const base = sampleSimCall();
    const common = {
      index,
      taskId: TASK,
      vendorCallId: `1159878${String(index).padStart(5, "0")}^1027894${String(index).padStart(5, "0")}`,
      callee: `1390000${String(index).padStart(4, "0")}`,
      dialAt,
    };
    if (answered) {
      calls.push(
        sampleSimCall({
          ...common,
          answerAt: dialAt + 9_000 + (index % 3) * 1_000,
          endAt: dialAt + 30_000,
          talkMs: index === 13 ? 16_400 : 16_000,
          hangupBy: index % 2 === 0 ? "robot" : "customer",
          rounds: index % 4,
          tags: index % 2 === 0 ? ["有房", "邀约"] : [],
          lines: index === 4 ? base.lines.slice(0, 2) : base.lines,
        }),
      );
    } else {
      calls.push(
        sampleSimCall({
          ...common,
          result: UNANSWERED[unanswered++]!,
          answerAt: null,
          endAt: dialAt + 20_000,
          talkMs: 0,
          hangupBy: null,
          intent: null,
          rounds: 0,
          tags: [],
          lines: [],
          recording: null,
        }),
      );
    }
  }
  return calls;
}
