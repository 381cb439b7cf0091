import type { CallMetrics } from "@/lib/model";

/**
 * The conversation measures a call summary carries once its recording was aligned
 * (`CallSummary.metrics`: null when not measured, absent from an index that predates them).
 */
export function metricsOf(call: object): CallMetrics | null {
  const metrics = (call as { metrics?: CallMetrics | null }).metrics;
  return metrics ?? null;
}

/** Seconds with one decimal, for latencies and silences ("0.9", "12.4"). */
export function secondsOf(ms: number): string {
  return (Math.round(ms / 100) / 10).toFixed(1);
}
