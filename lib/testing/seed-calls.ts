import { CALL_RESULTS, INTENTS, type CallResult, type Intent, type Speaker } from "@/lib/model";
import type { NormalizedCall } from "@/lib/vendors/types";
import { seededRandom } from "@/lib/review/sampling";

/**
 * A varied, deterministic set of normalized calls for index tests: every result, intents with
 * gaps, missing values in every nullable column, Chinese transcripts with two-character words.
 */

export interface SeedCall {
  sourceId: string;
  vendor: string;
  call: NormalizedCall;
}

const PHRASES = [
  "您好，请问最近有贷款需求吗？",
  "利息是多少？",
  "价格太贵了，不需要",
  "我在开车，晚点再说",
  "这个楼盘在哪个位置",
  "你们的保险怎么理赔",
  "信用卡分期手续费多少",
  "好的，加个微信吧",
  "不用了谢谢",
  "VIP会员有什么优惠",
];

const rng = seededRandom;

export function seedCalls(
  count: number,
  seed = 1,
  base = Date.parse("2026-11-01T00:00:00+08:00"),
): SeedCall[] {
  const random = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const out: SeedCall[] = [];
  for (let i = 0; i < count; i++) {
    const sourceId = pick(["alpha", "beta", "gamma"]);
    const result: CallResult =
      i < CALL_RESULTS.length ? CALL_RESULTS[i]! : random() < 0.5 ? "answered" : pick(CALL_RESULTS);
    const answered = result === "answered";
    const intent: Intent | null = answered && random() < 0.85 ? pick(INTENTS) : null;
    const started = random() < 0.03 ? null : base + Math.floor(random() * 20 * 86_400_000);
    const lines = answered
      ? Array.from({ length: 1 + Math.floor(random() * 5) }, (_, k) => ({
          speaker: (k % 2 === 0 ? "robot" : "customer") as Speaker,
          text: pick(PHRASES),
          startMs: k * 3000,
          endMs: k * 3000 + 2500,
          timing: "estimated" as const,
        }))
      : [];
    const callee = `13${String(100000000 + Math.floor(random() * 899999999)).padStart(9, "0")}`;
    out.push({
      sourceId,
      vendor: "tanyi",
      call: {
        key: `k${i}`,
        locator: { callRecordId: String(i) },
        summary: {
          taskId: pick(["t1", "t2"]),
          vendorCallId: String(1000 + i),
          callee,
          caller: random() < 0.3 ? null : "0571-88996676",
          startedAt: started === null ? null : new Date(started).toISOString().replace("Z", "+00:00"),
          answeredAt: null,
          endedAt: null,
          durationSec: answered ? Math.round(random() * 600 * 10) / 10 : random() < 0.5 ? 0 : null,
          result,
          resultLabel: result,
          hangupBy: answered ? pick(["robot", "customer", null] as const) : null,
          rounds: answered ? Math.floor(random() * 12) : random() < 0.5 ? 0 : null,
          intent,
          intentLabel: null,
          tags: [],
          hasRecording: answered,
        },
        transcript: lines,
        recordingUrl: null,
        extra: {},
        raw: { i },
        needsDetail: false,
      },
    });
  }
  return out;
}
