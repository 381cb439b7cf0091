import type { AnnotationLabel } from "@/lib/model";

/** Chip tones per label (what went wrong reads warm, what went well green, a plain note neutral blue). */
export const LABEL_CHIP: Record<AnnotationLabel, string> = {
  asr_error:
    "bg-rose-50 text-rose-800 ring-rose-600/25 dark:bg-rose-950 dark:text-rose-300 dark:ring-rose-400/30",
  wrong_answer:
    "bg-amber-50 text-amber-800 ring-amber-600/25 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-400/30",
  missed_intent:
    "bg-violet-50 text-violet-800 ring-violet-600/25 dark:bg-violet-950 dark:text-violet-300 dark:ring-violet-400/30",
  good: "bg-emerald-50 text-emerald-800 ring-emerald-600/25 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-400/30",
  note: "bg-sky-50 text-sky-800 ring-sky-600/25 dark:bg-sky-950 dark:text-sky-300 dark:ring-sky-400/30",
};

/** The same hues as plain colours, for the waveform markers (drawn in wavesurfer's shadow root: no classes). */
export const LABEL_COLOR: Record<AnnotationLabel, string> = {
  asr_error: "#e11d48",
  wrong_answer: "#d97706",
  missed_intent: "#7c3aed",
  good: "#059669",
  note: "#0284c7",
};
