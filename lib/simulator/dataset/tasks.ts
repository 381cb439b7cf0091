import type { AudioEncoding, SimSource, SimTask } from "@/lib/simulator/types";

/**
 * The simulated sources' outbound tasks: two per source, with vendor-shaped ids (Dyvms digits,
 * AICCS big digits, Tanyi small ints, agent-api UUIDs). Fixed whatever the seed, because demo
 * configuration and tests name them. The first of each source is the one CONTRACT.md's example uses.
 */

export interface TaskPlan extends SimTask {
  /** 0 or 1: the task's place in its source; a source's calls alternate between its two tasks. */
  slot: 0 | 1;
  /** Position among all eight tasks. */
  ordinal: number;
  /** Outbound caller numbers the task dials from. */
  callers: string[];
}

export const SOURCE_TASKS: Record<SimSource, readonly [TaskPlan, TaskPlan]> = {
  dyvms: [
    task("dyvms", 0, 0, "4001112222", "星河湾三期开盘邀约", "房产", [
      "053158552960",
      "053158552961",
      "053158552988",
    ]),
    task("dyvms", 1, 1, "4001115678", "启明编程寒假试听邀约", "教育", ["053158552970", "053158552971"]),
  ],
  aiccs: [
    task("aiccs", 0, 2, "138000000001", "2026双11信用卡分期回访", "信用卡", [
      "0571-88996676",
      "0571-88996677",
      "0571-86520310",
    ]),
    task("aiccs", 1, 3, "138000000002", "百万医疗险续保提醒", "保险", ["0571-88996680", "0571-88996681"]),
  ],
  tanyi: [
    task("tanyi", 0, 4, "50", "远航纯电越野试驾邀约", "汽车", ["02161238800", "02161238801", "02161238866"]),
    task("tanyi", 1, 5, "63", "启明编程周末班试听回访", "教育", ["02161238810", "02161238811"]),
  ],
  agent: [
    task("agent", 0, 6, "287e19c4-1966-49d6-8f02-b53ef11c0a55", "安康医疗险到期续保", "保险", [
      "075586701234",
      "075586701235",
    ]),
    task("agent", 1, 7, "5b0f8a2e-7c41-4d3a-9e6b-2f1c84a7d903", "星河湾二期老业主回访", "房产", [
      "075586701240",
      "075586701241",
      "075586701299",
    ]),
  ],
};

export const ALL_TASKS: readonly TaskPlan[] = Object.values(SOURCE_TASKS).flat();

const BY_ID: ReadonlyMap<string, TaskPlan> = new Map(ALL_TASKS.map((plan) => [plan.taskId, plan]));

export function taskPlan(taskId: string): TaskPlan | undefined {
  return BY_ID.get(taskId);
}

/** How each source's recordings are stored, as the real vendors deliver them. */
export const SOURCE_AUDIO: Record<SimSource, { encoding: AudioEncoding; channels: 1 | 2 }> = {
  dyvms: { encoding: "pcm16", channels: 1 },
  aiccs: { encoding: "alaw", channels: 1 },
  tanyi: { encoding: "mulaw", channels: 1 },
  agent: { encoding: "pcm16", channels: 2 },
};

/**
 * Tasks whose tenant turned on dual-channel recording (AICCS offers it per task): robot left,
 * customer right, in the source's encoding. Every other task records as its source does.
 */
export const DUAL_CHANNEL_TASKS: ReadonlySet<string> = new Set(["138000000002"]);

/** How one task's recordings are stored. */
export function taskAudio(task: SimTask): { encoding: AudioEncoding; channels: 1 | 2 } {
  const audio = SOURCE_AUDIO[task.source];
  return DUAL_CHANNEL_TASKS.has(task.taskId) ? { ...audio, channels: 2 } : audio;
}

export const SOURCE_ORDINAL: Record<SimSource, number> = { dyvms: 0, aiccs: 1, tanyi: 2, agent: 3 };

function task(
  source: SimSource,
  slot: 0 | 1,
  ordinal: number,
  taskId: string,
  name: string,
  industry: SimTask["industry"],
  callers: string[],
): TaskPlan {
  return { source, taskId, name, industry, slot, ordinal, callers };
}
