import type { CallResult } from "@/lib/model";
import type { Rng } from "./prng";

/**
 * When calls happen. A source's calls are spread over the 30 Shanghai calendar days before the
 * anchor's day (so every call has ended before the anchor), in working hours 09:00–20:30 with a thin
 * tail into the evening, strictly increasing with the call's index: index order is dialling order.
 */

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Asia/Shanghai is UTC+8 all year (no daylight saving). */
export const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;
export const SPAN_DAYS = 30;
/** Share of each day's calls made 09:00–20:30; the rest go out 20:30–21:30. */
const DAYTIME_SHARE = 0.95;

/** Epoch ms of the Shanghai midnight starting the anchor's day. */
export function shanghaiDayStart(epochMs: number): number {
  return Math.floor((epochMs + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/**
 * Dial time of call `index` of `count`; `jitter` in [0, 1) moves it within its own slot only, so
 * order is kept whatever the jitter.
 */
export function dialTime(anchor: number, index: number, count: number, jitter: number): number {
  const x = (index + 0.05 + 0.9 * jitter) / Math.max(1, count);
  const dayFloat = x * SPAN_DAYS;
  const day = Math.min(SPAN_DAYS - 1, Math.floor(dayFloat));
  const f = dayFloat - day;
  const timeOfDay =
    f < DAYTIME_SHARE
      ? 9 * HOUR_MS + (f / DAYTIME_SHARE) * 11.5 * HOUR_MS
      : 20.5 * HOUR_MS + ((f - DAYTIME_SHARE) / (1 - DAYTIME_SHARE)) * HOUR_MS;
  return shanghaiDayStart(anchor) - (SPAN_DAYS - day) * DAY_MS + Math.floor(timeOfDay);
}

/** How long the phone rang (or the network took to say no) before the outcome. */
export function ringMs(result: CallResult, rng: Rng): number {
  switch (result) {
    case "answered":
      return rng.int(3_000, 25_000);
    case "no_answer":
      return rng.int(40_000, 60_000);
    case "busy":
      return rng.int(1_000, 4_000);
    case "refused":
      return rng.int(5_000, 20_000);
    case "power_off":
    case "suspended":
    case "vacant":
    case "unreachable":
      return rng.int(2_000, 8_000); // the operator's announcement
    case "blocked":
      return rng.int(500, 2_000);
    case "failed":
      return rng.int(0, 1_000);
    case "unknown":
      return rng.int(1_000, 30_000);
  }
}
