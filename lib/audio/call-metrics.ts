/**
 * Per-call conversation measures from aligned timing: how quickly the robot answers (the customer
 * stops → the robot starts), the longest dead air (no one speaking, between the first and last words),
 * each party's share of the talking, and how often the customer barged in.
 */

export interface MetricLine {
  speaker: "robot" | "customer";
  startMs: number;
  endMs: number;
  interrupted?: boolean;
}

export interface CallMetrics {
  /** Median robot response latency, ms (null: no customer line followed by a robot line). */
  robotLatencyMedianMs: number | null;
  robotLatencyMaxMs: number | null;
  /** Longest stretch with no speech between the first and the last speech, ms. */
  deadAirMaxMs: number | null;
  /** The customer's share of all speech, 0–1. */
  customerTalkRatio: number | null;
  bargeIns: number;
}

export function callMetrics(
  lines: MetricLine[],
  lanes: { robot: [number, number][]; customer: [number, number][] },
): CallMetrics {
  const latencies: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!;
    const line = lines[i]!;
    if (prev.speaker === "customer" && line.speaker === "robot")
      latencies.push(Math.max(0, line.startMs - prev.endMs));
  }
  latencies.sort((a, b) => a - b);
  const all = [...lanes.robot, ...lanes.customer].sort((a, b) => a[0] - b[0]);
  let deadAir: number | null = null;
  let reach = all[0]?.[1] ?? 0;
  for (const [s, e] of all.slice(1)) {
    if (s > reach) deadAir = Math.max(deadAir ?? 0, s - reach);
    reach = Math.max(reach, e);
  }
  if (all.length > 0) deadAir ??= 0;
  const talk = (spans: [number, number][]) => spans.reduce((sum, [s, e]) => sum + (e - s), 0);
  const robot = talk(lanes.robot);
  const customer = talk(lanes.customer);
  const mid = latencies.length / 2;
  return {
    robotLatencyMedianMs: latencies.length
      ? Math.round(
          latencies.length % 2 ? latencies[Math.floor(mid)]! : (latencies[mid - 1]! + latencies[mid]!) / 2,
        )
      : null,
    robotLatencyMaxMs: latencies.length ? latencies.at(-1)! : null,
    deadAirMaxMs: deadAir,
    customerTalkRatio: robot + customer > 0 ? Math.round((customer / (robot + customer)) * 100) / 100 : null,
    bargeIns: lines.filter((l) => l.speaker === "customer" && l.interrupted).length,
  };
}
