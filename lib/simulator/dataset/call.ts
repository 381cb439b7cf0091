import type { CallResult } from "@/lib/model";
import type { SimCall, SimSource } from "@/lib/simulator/types";
import { converse, type Conversation, type Special } from "./conversation";
import type { IdCodec } from "./ids";
import { personFor, variablesFor } from "./people";
import { hash32, rngFor } from "./prng";
import { answeredPerBlock, blockRank, personaOfRank, resultOfRank } from "./results";
import { DAY_MS, SHANGHAI_OFFSET_MS, dialTime, ringMs } from "./schedule";
import { SCRIPTS } from "./scripts/pool";
import type { IndustryScript } from "./scripts/script-types";
import { SOURCE_ORDINAL, SOURCE_TASKS, taskAudio, type TaskPlan } from "./tasks";

/**
 * One call, generated on its own from (seed, source, index): who was called, when, what happened
 * and, when answered, the conversation. Nothing here looks at any other call.
 */

/** What `makeCall` needs about the dataset as a whole; built once per dataset. */
export interface CallContext {
  seed: number;
  anchor: number;
  /** Calls per source. */
  counts: Record<SimSource, number>;
  vendorIds: Record<SimSource, IdCodec>;
  callees: ReadonlyMap<string, IdCodec>;
}

/** Shares of answered calls that are long (5–12 min) or whose ASR failed (empty transcript). */
export const LONG_SHARE = 0.05;
export const ASR_FAILURE_SHARE = 0.03;
/** Every this many calls of a source, one marathon (30+ minutes) call; the first in the first 100. */
export const MARATHON_EVERY = 5_000;

// Independent draws for independent facts, so changing one never shifts another.
const SALT = { time: 1, person: 2, outcome: 3, talk: 4, tags: 5, caller: 6, timing: 7 } as const;

export function taskOfIndex(source: SimSource, index: number): { task: TaskPlan; position: number } {
  return { task: SOURCE_TASKS[source][index % 2]!, position: Math.floor(index / 2) };
}

export function isMarathon(seed: number, source: SimSource, index: number): boolean {
  return index % MARATHON_EVERY === hash32(seed, SOURCE_ORDINAL[source], 0x3a7) % 100;
}

export function makeCall(context: CallContext, source: SimSource, index: number): SimCall {
  const { seed } = context;
  const s = SOURCE_ORDINAL[source];
  const { task, position } = taskOfIndex(source, index);
  const script = SCRIPTS[task.industry];
  const person = personFor(rngFor(seed, s, index, SALT.person));
  const callee = context.callees.get(task.taskId)!.encode(position);

  const dialAt = dialTime(
    context.anchor,
    index,
    context.counts[source],
    rngFor(seed, s, index, SALT.time).next(),
  );
  const outcomeRng = rngFor(seed, s, index, SALT.outcome);
  const answeredQuota = answeredPerBlock(seed, source);
  const rank = blockRank(seed, source, index);
  const marathon = isMarathon(seed, source, index);
  const result: CallResult = marathon ? "answered" : resultOfRank(rank, answeredQuota);
  const ring = ringMs(result, outcomeRng);

  let conversation: Conversation | null = null;
  let asrFailed = false;
  if (result === "answered") {
    let special: Special | null = null;
    let targetMs: number | undefined;
    const roll = outcomeRng.next();
    if (marathon) {
      special = "patient";
      targetMs = outcomeRng.int(30, 34) * 60_000;
    } else if (roll < ASR_FAILURE_SHARE) {
      special = "asr_failure";
      asrFailed = true;
    } else if (roll < ASR_FAILURE_SHARE + LONG_SHARE) {
      special = "patient";
      targetMs = outcomeRng.int(5 * 60_000, 12 * 60_000);
    }
    conversation = converse({
      script,
      persona: personaOfRank(Math.min(rank, answeredQuota - 1), answeredQuota),
      special,
      targetMs,
      voice: person.voice,
      rng: rngFor(seed, s, index, SALT.talk),
      timing: rngFor(seed, s, index, SALT.timing),
    });
  }

  const answerAt = conversation ? dialAt + ring : null;
  const talkMs = conversation?.talkMs ?? 0;
  const callerRng = rngFor(seed, s, index, SALT.caller);
  const call: SimCall = {
    source,
    index,
    taskId: task.taskId,
    vendorCallId: context.vendorIds[source].encode(index),
    batchId: batchIdFor(task, dialAt),
    callee,
    caller: callerRng.pick(task.callers),
    customerName: person.customerName,
    industry: task.industry,
    dialAt,
    answerAt,
    endAt: (answerAt ?? dialAt + ring) + talkMs,
    result,
    talkMs,
    hangupBy: conversation?.hangupBy ?? null,
    intent: conversation?.intent ?? null,
    rounds: conversation?.rounds ?? 0,
    tags: conversation ? tagsFor(script, conversation, asrFailed, rngFor(seed, s, index, SALT.tags)) : [],
    concerns: conversation?.concerns ?? [],
    variables: variablesFor(task.industry, person.customerName, script.product, script.company, callerRng),
    lines: conversation && !asrFailed ? conversation.lines : [],
    recording: conversation ? { durationMs: talkMs, sampleRate: 8000, ...taskAudio(task) } : null,
  };
  if (conversation && asrFailed) call.audioLines = conversation.lines;
  return call;
}

/** AICCS-style import batch: one per task per Shanghai day. */
function batchIdFor(task: TaskPlan, dialAt: number): string {
  const day = Math.floor((dialAt + SHANGHAI_OFFSET_MS) / DAY_MS);
  return String(139_000_000_000 + (task.ordinal + 1) * 100_000 + (day % 100_000));
}

const INTENT_TAGS: Record<string, string[]> = {
  A: ["高意向"],
  B: ["有意向"],
  C: ["一般意向"],
  D: ["用户忙"],
  E: ["拒绝"],
  F: ["无需跟进"],
};

/** 2–3 tags: what the outcome says, plus facts about the customer the industry cares about. */
function tagsFor(
  script: IndustryScript,
  conversation: Conversation,
  asrFailed: boolean,
  rng: ReturnType<typeof rngFor>,
): string[] {
  if (asrFailed) return ["无效通话", "ASR异常"];
  const tags = [...(INTENT_TAGS[conversation.intent] ?? [])];
  if (conversation.outcome === "accepted") tags.push(script.acceptTag);
  if (conversation.outcome === "hostile") tags.push(rng.chance(0.5) ? "投诉风险" : "勿扰");
  const profile = rng.shuffle(script.profileTags);
  while (tags.length < 2 || (tags.length < 3 && rng.chance(0.4))) tags.push(profile.shift()!);
  return tags;
}
