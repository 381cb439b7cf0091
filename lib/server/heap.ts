import "server-only";
import v8 from "node:v8";
import { wholeNumberFromEnv } from "@/lib/config";

/** How much V8 lets the heap grow past what a full collection left alive (percent), unless set. */
const DEFAULT_GROWTH_PERCENT = 50;

/**
 * Caps how far the JavaScript heap grows between full collections. Left to itself, V8 let the old
 * generation grow to 230 MB under 20 connections of list pages while only 73 MB of it was alive
 * after a collection. The bench at a million calls (SQLite; list, search, analytics, then load):
 * peak RSS 582 MB left alone, 430 at 100 %, 390 at 50 %, 374 at 30 %. At 30 % the collections
 * cost the list p95 9 ms and a quarter of its throughput under load; at 50 % every figure stayed
 * within the run-to-run noise of V8's own choice. PostgreSQL's server: 377 -> 255 MB.
 * V8 reads the flag at each collection, so setting it at start-up, after the heap exists, holds.
 * `CALLSCOPE_HEAP_GROWTH_PERCENT` sets another (0–400; `0` leaves V8's own choice).
 */
export function limitHeapGrowth(
  env: Record<string, string | undefined> = process.env,
  setFlags: (flags: string) => void = v8.setFlagsFromString,
): number {
  const percent = wholeNumberFromEnv(env, "CALLSCOPE_HEAP_GROWTH_PERCENT", 0, 400) ?? DEFAULT_GROWTH_PERCENT;
  if (percent > 0) setFlags(`--heap-growing-percent=${percent}`);
  return percent;
}
