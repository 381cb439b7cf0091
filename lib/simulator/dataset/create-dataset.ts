import type { SimDataset } from "@/lib/simulator/http-types";
import { SIM_SOURCES, type SimCall, type SimDatasetOptions, type SimSource } from "@/lib/simulator/types";
import { makeCall, type CallContext } from "./call";
import { calleeCodec, vendorIdCodec, type IdCodec } from "./ids";
import { shanghaiDayStart } from "./schedule";
import { ALL_TASKS, taskPlan } from "./tasks";

/**
 * The simulator's ground truth over all four sources. Nothing is stored: a call is generated from
 * (seed, source, index) when asked for, ids decode straight back to indexes, so 100,000 calls cost
 * no memory and no start-up time, and every lookup is O(1) plus one call's generation.
 */

export const DEFAULT_CALLS = 400;
export const DEFAULT_SEED = 20261111;

/** The dataset, plus direct access by position (what tests and benchmarks want besides the vendor view). */
export interface SimulatedDataset extends SimDataset {
  /** Calls of one source. */
  callCount(source: SimSource): number;
  /** Call `index` of a source (dialling order), or null past the end. */
  callAt(source: SimSource, index: number): SimCall | null;
}

/**
 * Options default to 400 calls, a fixed seed, and an anchor at the start of today in Shanghai —
 * stable for a whole day; pin `anchor` where data must not move between restarts.
 */
export function createDataset(options: Partial<SimDatasetOptions> = {}): SimulatedDataset {
  const resolved: SimDatasetOptions = {
    calls: Math.max(0, Math.floor(options.calls ?? DEFAULT_CALLS)),
    seed: (options.seed ?? DEFAULT_SEED) >>> 0,
    anchor: options.anchor ?? shanghaiDayStart(Date.now()),
  };
  const { calls, seed } = resolved;
  const counts = Object.fromEntries(
    SIM_SOURCES.map((source, i) => [
      source,
      Math.floor(calls / SIM_SOURCES.length) + (i < calls % SIM_SOURCES.length ? 1 : 0),
    ]),
  ) as Record<SimSource, number>;
  const context: CallContext = {
    seed,
    anchor: resolved.anchor,
    counts,
    vendorIds: Object.fromEntries(
      SIM_SOURCES.map((source) => [source, vendorIdCodec(source, seed)]),
    ) as Record<SimSource, IdCodec>,
    callees: new Map(ALL_TASKS.map((task) => [task.taskId, calleeCodec(seed, task.taskId)])),
  };
  const tasks = ALL_TASKS.map(({ source, taskId, name, industry }) => ({ source, taskId, name, industry }));

  const callAt = (source: SimSource, index: number): SimCall | null =>
    Number.isInteger(index) && index >= 0 && index < counts[source] ? makeCall(context, source, index) : null;
  // A source's calls alternate between its two tasks: slot 0 gets the even indexes.
  const taskCallCount = (taskId: string): number => {
    const plan = taskPlan(taskId);
    if (!plan) return 0;
    const total = counts[plan.source];
    return plan.slot === 0 ? Math.ceil(total / 2) : Math.floor(total / 2);
  };

  return {
    options: resolved,
    tasks,
    tasksOf: (source) => tasks.filter((task) => task.source === source),
    taskCallCount,
    taskCalls(taskId, offset, limit) {
      const plan = taskPlan(taskId);
      if (!plan) return [];
      const from = Math.max(0, Math.floor(offset));
      const to = Math.min(taskCallCount(taskId), from + Math.max(0, Math.floor(limit)));
      const out: SimCall[] = [];
      for (let position = from; position < to; position++)
        out.push(makeCall(context, plan.source, position * 2 + plan.slot));
      return out;
    },
    callByVendorId(source, vendorCallId) {
      const codec = context.vendorIds[source];
      if (!codec) return null;
      const index = codec.decode(vendorCallId);
      if (index === null || index >= counts[source] || codec.encode(index) !== vendorCallId) return null;
      return makeCall(context, source, index);
    },
    callByCallee(taskId, callee) {
      const plan = taskPlan(taskId);
      const codec = context.callees.get(taskId);
      if (!plan || !codec) return null;
      const position = codec.decode(callee);
      if (position === null || position >= taskCallCount(taskId) || codec.encode(position) !== callee)
        return null;
      return makeCall(context, plan.source, position * 2 + plan.slot);
    },
    callCount: (source) => counts[source] ?? 0,
    callAt,
  };
}
