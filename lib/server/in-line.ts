import "server-only";
import { wholeNumberFromEnv, type Env } from "@/lib/config";
import { AppError, isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { AuthedContext } from "./handler";

/** Index reads served at once per instance unless CALLSCOPE_INDEX_READS says otherwise. */
export const DEFAULT_INDEX_READS = 4;

/** CALLSCOPE_INDEX_READS (1–64): how many list pages, summary bars and analytics one instance serves at once. */
export function indexReadsAtOnce(env: Env): number {
  return wholeNumberFromEnv(env, "CALLSCOPE_INDEX_READS", 1, 64) ?? DEFAULT_INDEX_READS;
}

/** How long a request waits its turn before it is answered 503 (the client may try again). */
export const MAX_WAIT_MS = 15_000;
/** Requests that may wait at once, per place served at once; past that a new one is answered 503 at once. */
export const WAITING_PER_PLACE = 64;

/**
 * A line for the requests that read the index in bulk: `size` are served at once, the others wait
 * their turn in order of arrival. Past a few at once they no longer finish sooner (SQLite has two
 * readers, the machine its cores), but each one in flight puts its steps on the event loop, where a
 * health check, a recording or a sign-in then queued behind all of them. At a million calls, 20
 * connections asking for list pages: SQLite's health p99 60 -> 42 ms, PostgreSQL's 41 -> 24 ms,
 * throughput unchanged within the noise (and list p99 120 -> 95 ms on SQLite).
 *
 * The line is bounded, in length and in time: a flood of requests (a script without a timeout, a
 * client that never reads its answers) gets 503 `busy` with Retry-After rather than a queue that
 * grows without end, and nobody waits longer than `maxWaitMs` for an answer that would come too late.
 */
export class Line {
  private serving = 0;
  private readonly waiting: (() => void)[] = [];
  readonly maxWaiting: number;
  readonly maxWaitMs: number;

  constructor(
    readonly size: number,
    limits: { maxWaiting?: number; maxWaitMs?: number } = {},
  ) {
    if (!(Number.isInteger(size) && size >= 1))
      throw new Error(`a line serves at least one at once, not ${size}`);
    this.maxWaiting = limits.maxWaiting ?? size * WAITING_PER_PLACE;
    this.maxWaitMs = limits.maxWaitMs ?? MAX_WAIT_MS;
  }

  /** How many wait their turn now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `work` when its turn comes; a request cancelled (`signal`) while waiting leaves the line unserved. */
  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.serving >= this.size) await this.turn(signal);
    else this.serving++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The place passes straight to the next in line; otherwise it is free.
      if (next) next();
      else this.serving--;
    }
  }

  private turn(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelled());
    if (this.waiting.length >= this.maxWaiting)
      return Promise.reject(busy(`${this.waiting.length} requests are already waiting`));
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      const served = () => {
        done();
        resolve();
      };
      const leave = (error: AppError) => {
        done();
        const at = this.waiting.indexOf(served);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(error);
      };
      const onAbort = () => leave(cancelled());
      const timer = setTimeout(
        () => leave(busy(`the request waited ${Math.round(this.maxWaitMs / 1000)} s for the index`)),
        this.maxWaitMs,
      );
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(served);
    });
  }
}

/** Whether `err` is a line's refusal (full, or waited too long): the pages that read in line render without. */
export function isBusy(err: unknown): boolean {
  return isAppError(err) && err.code === "busy";
}

function cancelled(): AppError {
  return new AppError("invalid_request", "the request was cancelled while it waited for the index");
}

/** When the last refusal was logged: a flood is said in the log every 10 s at most, not once per request. */
let loggedAt = -Infinity;

function busy(why: string): AppError {
  if (performance.now() - loggedAt > 10_000) {
    loggedAt = performance.now();
    log.warn("index reads refused: the line is full or too slow", { why });
  }
  return new AppError("busy", `the server is busy (${why}); try again in a moment`, {
    headers: { "retry-after": "1" },
  });
}

/**
 * `handle` served through the runtime's line for bulk index reads (list, summary bar, analytics);
 * the pages that render them on the server take the same line (prefetch.ts, the analytics page).
 */
export function inLine<P>(
  handle: (ctx: AuthedContext<P>) => Promise<Response>,
): (ctx: AuthedContext<P>) => Promise<Response> {
  return (ctx) => ctx.runtime.indexReads.run(() => handle(ctx), ctx.req.signal);
}
