import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { asAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { Store } from "@/lib/store";
import type { AlignmentService } from "./alignment-service";

/**
 * Background audio analysis, so the list's metric filters ("dead air > 5 s", "slowest replies first")
 * cover calls nobody has opened: after a sync, answered calls with a recording and a transcript whose
 * audio was never analysed get peaks, speech features, alignment and metrics — one call at a time,
 * newest first. Between calls it rests as long as the call took (at most half of one core), so
 * requests never wait behind it. While a sync runs in this process it waits instead: the sync's
 * writes are on the same thread, and at half a core the analysis cut a first sync of 100,000 calls
 * from 1,536 to 1,243 calls a second. It still analyses a call a minute then (`maxDeferMs`), so
 * syncs that follow each other all day cannot starve it. A call that fails is recorded and tried
 * again only on a later pass (a few times at most, MAX_ATTEMPTS); a pass that meets several failures
 * in a row stops (the vendor is likely down) until the next sync.
 */

export interface AnalysisQueueOptions {
  /** Attempts per call before it is given up. */
  maxAttempts: number;
  /** Consecutive failures that end a pass. */
  maxConsecutiveFailures: number;
  /** Rest between calls: at least this, and at least as long as the call took (ms). */
  minPauseMs: number;
  /** Work that has the thread first (a sync under way here): the queue waits while it says so … */
  busy: () => boolean;
  /** … but analyses a call at least this often (ms). */
  maxDeferMs: number;
}

const DEFAULTS: AnalysisQueueOptions = {
  maxAttempts: 3,
  maxConsecutiveFailures: 3,
  minPauseMs: 20,
  busy: () => false,
  maxDeferMs: 60_000,
};
/** How often a waiting queue looks again whether the sync is over (ms). */
const BUSY_POLL_MS = 500;

export class AnalysisQueue {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly controller = new AbortController();
  private readonly options: AnalysisQueueOptions;

  constructor(
    private readonly store: Store,
    private readonly alignments: AlignmentService,
    options: Partial<AnalysisQueueOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** New calls may be waiting (a sync ended): start a pass, or have the one under way look again. Returns at once. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((err: unknown) => log.error("analysis: pass failed", { error: err as Error }))
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when the pass under way (if any) is over: for tests and the benchmark. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops after the call being analysed (the server is closing). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.controller.abort();
    await this.running;
  }

  private async drain(): Promise<void> {
    const { maxAttempts, maxConsecutiveFailures, minPauseMs, busy, maxDeferMs } = this.options;
    const failed: string[] = [];
    let consecutive = 0;
    let analysed = 0;
    const started = performance.now();
    let last = performance.now();
    while (!this.stopped) {
      const deferred = performance.now() - last;
      if (busy() && deferred < maxDeferMs) {
        if (!(await this.rest(Math.min(BUSY_POLL_MS, maxDeferMs - deferred)))) break;
        continue;
      }
      last = performance.now();
      const [id] = await this.store.alignments.unanalysed(1, maxAttempts, failed);
      if (!id) break;
      const began = performance.now();
      try {
        await this.alignments.analyse(id);
        analysed++;
        consecutive = 0;
      } catch (err) {
        const error = asAppError(err);
        await this.store.alignments.recordFailure(id, `${error.code}: ${error.message}`);
        failed.push(id);
        log.warn("analysis: call failed", { call: id, code: error.code });
        if (++consecutive >= maxConsecutiveFailures) break;
      }
      if (!(await this.rest(Math.max(minPauseMs, performance.now() - began)))) break;
    }
    if (analysed || failed.length) {
      const ms = Math.round(performance.now() - started);
      const backlog = await this.store.alignments.backlog(maxAttempts);
      log.info("analysis: pass done", { analysed, failed: failed.length, ms, backlog });
    }
  }

  /** Waits `ms`; false when the queue is stopping meanwhile. */
  private async rest(ms: number): Promise<boolean> {
    try {
      await sleep(ms, undefined, { signal: this.controller.signal });
      return true;
    } catch {
      return false;
    }
  }
}
