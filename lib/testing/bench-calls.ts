import { INTENTS, type CallResult, type Intent, type Speaker, type Utterance } from "@/lib/model";
import type { ReviewChange } from "@/lib/store/reviews";
import type { NormalizedCall } from "@/lib/vendors/types";
import { seededRandom } from "@/lib/review/sampling";

/**
 * Calls shaped like a production index of robot campaigns, for the analytics bench at a million
 * calls: sources of unequal size on every vendor, 90 days of office-hour traffic (quieter weekends),
 * a realistic result mix, rounds that tail off, customer hang-ups mostly early, transcripts walking
 * a per-campaign script of a few hundred lines (some with stage directions), reviews on ~2 % of
 * calls, Tanyi console corrections and phrases that raise alerts. Deterministic for a seed, and
 * generated lazily so a million never sit in memory at once.
 */

export interface BenchCall {
  sourceId: string;
  vendor: string;
  call: NormalizedCall;
  /** A reviewer's verdict on this call, if any (written through the reviews repository or its SQL). */
  review: Required<Pick<ReviewChange, "status" | "intent">> | null;
}

/** The alerts the bench configures: phrases its customer lines contain in a few percent of calls. */
export const BENCH_ALERTS = [
  { name: "投诉风险", phrases: ["投诉", "太贵"] },
  { name: "拒绝再呼", phrases: ["别再打", "退订"] },
];

/** The last day of the span (Asia/Shanghai); calls fall in the 90 days before it. */
export const BENCH_END = Date.parse("2026-12-01T00:00:00+08:00");
export const BENCH_DAYS = 90;

const SOURCES: { id: string; vendor: string; weight: number; product: string; tasks: number }[] = [
  { id: "tanyi-loans", vendor: "tanyi", weight: 34, product: "消费贷", tasks: 8 },
  { id: "aiccs-insurance", vendor: "aliyun-aiccs", weight: 24, product: "医疗险", tasks: 6 },
  { id: "dyvms-notice", vendor: "aliyun-dyvms", weight: 16, product: "账单提醒", tasks: 4 },
  { id: "agent-cards", vendor: "agent-api", weight: 12, product: "信用卡分期", tasks: 5 },
  { id: "tanyi-estate", vendor: "tanyi", weight: 9, product: "新楼盘", tasks: 4 },
  { id: "aiccs-renewal", vendor: "aliyun-aiccs", weight: 5, product: "宽带续费", tasks: 3 },
];

const RESULTS: [CallResult, number][] = [
  ["answered", 38],
  ["no_answer", 25],
  ["busy", 8],
  ["refused", 6],
  ["power_off", 7],
  ["suspended", 3],
  ["vacant", 5],
  ["unreachable", 4],
  ["blocked", 1.5],
  ["failed", 1.5],
  ["unknown", 1],
];

const VENDOR_INTENT: [Intent | null, number][] = [
  ["A", 5],
  ["B", 10],
  ["C", 20],
  ["D", 25],
  ["E", 15],
  ["F", 15],
  [null, 10],
];

/** Robot script stages: each campaign's script has every stage, in a few wordings each. */
const STAGES: string[][] = [
  [
    "您好，我是{p}的客服小安，耽误您一分钟时间可以吗？",
    "您好，这里是{p}服务中心，请问是机主本人吗？",
    "喂您好，打扰了，我这边是{p}的回访专员。",
    "您好，{p}这边给您来电，有个好消息告诉您。",
  ],
  [
    "是这样的，您在我们这里有一个{p}的专属名额，今天是最后一天了。",
    "我们最近推出了{p}的新方案，老客户可以优先办理。",
    "（停顿1s）看到您之前咨询过{p}，想跟您确认一下需求。",
    "系统显示您符合{p}的办理条件，额度已经预留好了。",
    "我们{p}这个月有活动，办理就送三个月会员。",
  ],
  [
    "价格方面您放心，比市面上同类的{p}低两成左右。",
    "利息是按日计算的，{p}最低每天万分之二。",
    "手续费全免，{p}办理全程线上完成，不用跑网点。",
    "具体的费用要看您的情况，{p}有三档可以选。",
    "（停顿2s）您主要关心的是价格还是服务呢？",
  ],
  [
    "理解您的顾虑，很多客户一开始也这么想，后来都觉得{p}挺划算的。",
    "您先别急着拒绝，我简单跟您说一下{p}的好处。",
    "如果您觉得贵，我们也有更基础的{p}套餐。",
    "这个您不用担心，{p}随时可以取消，没有违约金。",
    "【提示音】好的，我帮您查一下{p}的具体情况。",
  ],
  [
    "那我先加您微信，把{p}的资料发给您看看好吗？",
    "稍后会有专属顾问联系您，详细介绍{p}。",
    "我帮您登记一下，{p}的名额先给您保留三天。",
    "您看明天上午还是下午方便，我们安排顾问给您介绍{p}？",
  ],
  [
    "好的，感谢您的接听，祝您生活愉快，再见。",
    "那不打扰您了，{p}有需要随时联系我们，再见。",
    "（停顿1s）好的，稍后短信发给您，再见。",
  ],
];

const CUSTOMER_LINES = [
  "嗯",
  "你说",
  "什么事",
  "是我",
  "你们是哪里",
  "价格多少",
  "利息怎么算",
  "太贵了",
  "不需要",
  "不需要，谢谢",
  "我在开车，晚点再说",
  "我在开会",
  "你们怎么有我电话的",
  "别再打了",
  "我要投诉你们",
  "退订",
  "可以，你发我看看",
  "加微信吧",
  "考虑一下",
  "手续费多少",
  "能便宜点吗",
  "我已经办过了",
  "不感兴趣",
  "好的",
  "行",
  "再说吧",
  "你是机器人吧",
  "VIP有什么优惠",
  "额度多少",
  "有没有别的方案",
];

const rng = seededRandom;

function weighted<T>(entries: readonly [T, number][]): (r: number) => T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  return (r) => {
    let x = r * total;
    for (const [value, w] of entries) if ((x -= w) < 0) return value;
    return entries[entries.length - 1]![0];
  };
}

const pickSource = weighted(SOURCES.map((source) => [source, source.weight] as [typeof source, number]));
const pickResult = weighted(RESULTS);
const pickIntent = weighted(VENDOR_INTENT);
/** Volume by hour of day (Shanghai): office hours, a lunch dip, a little in the evening. */
const pickHour = weighted(
  [9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map(
    (h, i) => [h, [6, 10, 10, 4, 6, 10, 10, 9, 8, 5, 3, 2][i]!] as [number, number],
  ),
);
/** Customers hang up early: round r is the last with weight falling off. */
const pickRounds = weighted(
  Array.from({ length: 16 }, (_, r) => [r, r === 0 ? 8 : 30 * Math.pow(0.78, r)] as [number, number]),
);

/** `count` calls, the seq-th with key `<seed>-<n>`; the same seed gives the same calls. */
export function* benchCalls(count: number, seed = 1): Generator<BenchCall> {
  const random = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const dayWeights = Array.from({ length: BENCH_DAYS }, (_, d) => {
    const weekday = new Date(BENCH_END - (BENCH_DAYS - d) * 86_400_000 + 8 * 3_600_000).getUTCDay();
    return [d, weekday === 0 ? 0.4 : weekday === 6 ? 0.6 : 1] as [number, number];
  });
  const pickDay = weighted(dayWeights);
  const start = BENCH_END - BENCH_DAYS * 86_400_000;

  for (let i = 0; i < count; i++) {
    const source = pickSource(random());
    const task = `${source.id}-t${1 + Math.floor(random() * source.tasks)}`;
    const result = pickResult(random());
    const answered = result === "answered";
    const minute = pickHour(random()) * 60 + Math.floor(random() * 60);
    const started =
      random() < 0.01
        ? null
        : start + pickDay(random()) * 86_400_000 + minute * 60_000 + Math.floor(random() * 60_000);
    const rounds = answered ? pickRounds(random()) : random() < 0.5 ? 0 : null;
    const hangupBy: Speaker | null = answered
      ? random() < 0.05
        ? null
        : random() < 0.35 + rounds! * 0.04
          ? "robot"
          : "customer"
      : null;
    const intent = answered ? pickIntent(random()) : null;
    const transcript: Utterance[] = [];
    if (answered) {
      let at = 0;
      const say = (speaker: Speaker, text: string) => {
        const ms = 600 + text.length * 220;
        transcript.push({ speaker, text, startMs: at, endMs: at + ms, timing: "vendor" });
        at += ms + 400 + Math.floor(random() * 800);
      };
      const line = (stage: number) =>
        pick(STAGES[Math.min(stage, STAGES.length - 1)]!).replace("{p}", source.product);
      say("robot", line(0));
      for (let r = 1; r <= rounds!; r++) {
        say("customer", pick(CUSTOMER_LINES));
        // Later rounds wander between the middle stages (objections, more detail) before closing.
        say("robot", line(r < 4 ? r : 2 + Math.floor(random() * 3)));
      }
      if (hangupBy === "customer" && random() < 0.3) say("customer", pick(CUSTOMER_LINES));
      if (hangupBy === "robot") say("robot", line(5));
    }
    const durationSec = answered
      ? Math.round((transcript.at(-1)!.endMs! / 1000 + random() * 4) * 10) / 10
      : random() < 0.6
        ? 0
        : null;
    const realIntent = source.vendor === "tanyi" && answered && random() < 0.03 ? pick(INTENTS) : null;
    const key = `${seed}-${i}`;
    const callee = `1${pick(["3", "5", "8", "9"])}${String(Math.floor(random() * 1e9)).padStart(9, "0")}`;
    const caller = random() < 0.2 ? null : `0571-8899${String(Math.floor(random() * 1e4)).padStart(4, "0")}`;
    const startedAt = started === null ? null : new Date(started).toISOString().replace("Z", "+00:00");
    const reviewed = answered && random() < 0.05;
    const review: BenchCall["review"] = reviewed
      ? {
          status: random() < 0.85 ? "reviewed" : "flagged",
          intent: random() < 0.1 ? null : intent && random() < 0.75 ? intent : pick(INTENTS),
        }
      : null;
    yield {
      sourceId: source.id,
      vendor: source.vendor,
      review,
      call: {
        key,
        locator: { taskId: task, callId: key },
        summary: {
          taskId: task,
          vendorCallId: key,
          callee,
          caller,
          startedAt,
          answeredAt: answered && startedAt ? startedAt : null,
          endedAt: null,
          durationSec,
          result,
          resultLabel: result,
          hangupBy,
          rounds,
          intent,
          intentLabel: intent ? `${intent}类` : null,
          tags: answered && random() < 0.2 ? ["意向"] : [],
          hasRecording: answered,
        },
        transcript,
        recordingUrl: answered ? `https://vendor.example/rec/${key}.mp3` : null,
        extra: realIntent ? { realIntentLevel: realIntent } : {},
        raw: { id: key, task, callee, startedAt, result, rounds, intent, duration: durationSec },
        needsDetail: false,
      },
    };
  }
}
