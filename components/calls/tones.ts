import type { CallResult, Intent } from "@/lib/model";

/** Solid tones for the bars, in the badges' families (reached green, not reached amber/grey, broken red). */
export const RESULT_BAR: Record<CallResult, string> = {
  answered: "bg-emerald-500",
  no_answer: "bg-amber-400",
  busy: "bg-amber-300 dark:bg-amber-600",
  refused: "bg-orange-400",
  power_off: "bg-zinc-400 dark:bg-zinc-500",
  suspended: "bg-zinc-300 dark:bg-zinc-600",
  vacant: "bg-zinc-500 dark:bg-zinc-400",
  unreachable: "bg-slate-400",
  blocked: "bg-rose-400",
  failed: "bg-red-500",
  unknown: "bg-violet-400",
};

/** The intent levels' bar tones, matching the letter badges (A hot … F cold). */
export const INTENT_BAR: Record<Intent, string> = {
  A: "bg-emerald-600",
  B: "bg-emerald-500/85",
  C: "bg-sky-500/85",
  D: "bg-zinc-400 dark:bg-zinc-500",
  E: "bg-amber-500/90",
  F: "bg-zinc-300 dark:bg-zinc-600",
};
