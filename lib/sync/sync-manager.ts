import "server-only";
import type { SourceConfig } from "@/lib/config";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";
import type { SourceStatus } from "@/lib/model";
import type { Store } from "@/lib/store";
import { isVendorError } from "@/lib/vendors/errors";
import type { VendorAdapter } from "@/lib/vendors/types";
import { sourceName } from "./source-name";

/**
 * Pulls every configured task's calls into the index. One run per source at a time (a second
 * request joins the first); idempotent (an upsert by the vendor's key, reviews untouched); resumable
 * (each page's cursor is checkpointed, so a run cut short by a crash picks up where it stopped).
 * After the lists, calls whose list entry lacks the transcript (Dyvms) get their detail, at the
 * source's rate limit, so their words become searchable too.
 */

export interface SyncSource {
  config: SourceConfig;
  adapter: VendorAdapter;
}

export interface SyncOptions {
  pageSize: number;
  /** Details fetched at once per source (the source's rate limiter paces them further). */
  detailConcurrency: number;
  /** After this many failures a call's detail is no longer retried by sync (the call page still tries live). */
  maxDetailAttempts: number;
  /** Background schedule; 0 turns it off. Also what "stale" means for the list's on-open sync. */
  intervalMs: number;
  /** Called after each run of a source, whatever its outcome (the background analysis looks for new calls). */
  afterRun?: (sourceId: string) => void;
}

export interface Progress {
  pages: number;
  calls: number;
  details: number;
  detailsPending: number;
}

const DEFAULTS: SyncOptions = {
  pageSize: 100,
  detailConcurrency: 4,
  maxDetailAttempts: 3,
  intervalMs: 5 * 60_000,
};
const MAX_PAGES_PER_TASK = 100_000;

interface Running {
  promise: Promise<void>;
  progress: Progress;
  controller: AbortController;
}

export class SyncManager {
  private readonly running = new Map<string, Running>();
  private readonly lastProgress = new Map<string, Progress>();
  private timer: NodeJS.Timeout | null = null;
  private readonly options: SyncOptions;

  constructor(
    private readonly store: Store,
    private readonly sources: Map<string, SyncSource>,
    options: Partial<SyncOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Starts a sync of one source, or joins the one under way. Resolves when it ends (never rejects). */
  sync(sourceId: string, reason = "manual"): Promise<void> {
    const current = this.running.get(sourceId);
    if (current) return current.promise;
    const source = this.sources.get(sourceId);
    if (!source) return Promise.resolve();
    const entry: Running = {
      progress: { pages: 0, calls: 0, details: 0, detailsPending: 0 },
      controller: new AbortController(),
      promise: Promise.resolve(),
    };
    const started = performance.now();
    entry.promise = this.run(source, reason, entry).finally(() => {
      const outcome = entry.controller.signal.aborted
        ? "interrupted"
        : this.store.sync.get(sourceId).state === "error"
          ? "error"
          : "done";
      metrics().syncRuns.inc({ source: sourceId, outcome });
      metrics().syncSeconds.observe({ source: sourceId, outcome }, (performance.now() - started) / 1000);
      this.lastProgress.set(sourceId, entry.progress);
      this.running.delete(sourceId);
      if (!entry.controller.signal.aborted) this.options.afterRun?.(sourceId);
    });
    this.running.set(sourceId, entry);
    return entry.promise;
  }

  syncAll(reason: string): Promise<void> {
    return Promise.all([...this.sources.keys()].map((id) => this.sync(id, reason))).then(() => undefined);
  }

  isSyncing(sourceId: string): boolean {
    return this.running.has(sourceId);
  }

  /**
   * Starts syncs for sources not synced within the interval (the list was opened on a stale index).
   * Staleness counts from the last attempt, not the last success: a source whose vendor refuses us
   * must not be hammered on every page view.
   */
  syncStale(now = Date.now()): void {
    if (this.options.intervalMs <= 0) return;
    for (const id of this.sources.keys()) {
      if (this.running.has(id)) continue;
      const state = this.store.sync.get(id);
      const succeeded = state.lastSyncedAt ? Date.parse(state.lastSyncedAt) : 0;
      const attempted = Date.parse(this.store.sync.recentRuns(id, 1)[0]?.startedAt ?? "") || 0;
      if (now - Math.max(succeeded, attempted) > this.options.intervalMs) void this.sync(id, "stale");
    }
  }

  /** Start-up: resume runs a crash cut short, then sync everything; then keep to the schedule. */
  start(): void {
    const interrupted = new Set(this.store.sync.interruptedSources(new Date().toISOString()));
    for (const id of this.sources.keys()) void this.sync(id, interrupted.has(id) ? "resume" : "startup");
    if (this.options.intervalMs > 0) {
      this.timer = setInterval(() => void this.syncAll("schedule"), this.options.intervalMs);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    for (const entry of this.running.values()) entry.controller.abort(new Error("shutting down"));
    await Promise.all([...this.running.values()].map((entry) => entry.promise));
  }

  status(sourceId: string): SourceStatus["sync"] {
    return this.statuses().get(sourceId)!;
  }

  /** Every source's sync status, from one count of the index (a status poll must stay cheap at 100k calls). */
  statuses(): Map<string, SourceStatus["sync"]> {
    const counts = this.store.calls.countsBySource();
    const quarantined = this.store.quarantine.openCounts();
    const out = new Map<string, SourceStatus["sync"]>();
    for (const sourceId of this.sources.keys()) {
      const record = this.store.sync.get(sourceId);
      const running = this.running.get(sourceId);
      out.set(sourceId, {
        state: running ? "syncing" : record.state === "syncing" ? "idle" : record.state,
        lastSyncedAt: record.lastSyncedAt,
        calls: counts.get(sourceId) ?? 0,
        error: record.lastError,
        progress: running?.progress ?? this.lastProgress.get(sourceId),
        quarantined: quarantined.get(sourceId) ?? 0,
      });
    }
    return out;
  }

  private async run(source: SyncSource, reason: string, entry: Running): Promise<void> {
    const { config } = source;
    const store = this.store;
    const started = new Date().toISOString();
    const previous = store.sync.get(config.id);
    const resuming = reason === "resume" || previous.state === "syncing";
    const checkpoint = resuming ? { ...previous.checkpoint } : {};
    const runId = store.sync.startRun(config.id, reason, started);
    store.sync.save({ ...previous, state: "syncing", runId, checkpoint });
    const signal = entry.controller.signal;
    const errors: string[] = [];
    let problems = 0;

    try {
      this.reprocessQuarantine(source);
      for (const taskId of config.taskIds) {
        try {
          problems += await this.syncTask(source, taskId, checkpoint, runId, entry);
        } catch (err) {
          if (signal.aborted) throw err;
          errors.push(describe(err, config, taskId));
          log.warn("sync: task failed", { source: config.id, task: taskId, error: err as Error });
        }
      }
      await this.fetchDetails(source, runId, entry);
      const finished = new Date().toISOString();
      const error = errors.length ? errors.join("; ") : null;
      store.sync.save({
        sourceId: config.id,
        state: error ? "error" : "idle",
        // A run that could not list a task did not sync it: keep the last good time.
        lastSyncedAt: error ? previous.lastSyncedAt : finished,
        lastError: error,
        runId,
        checkpoint: {},
      });
      store.sync.finishRun(runId, error ? "error" : "done", finished, error);
      log.info("sync: done", { source: config.id, reason, ...entry.progress, problems, error });
    } catch (err) {
      const finished = new Date().toISOString();
      if (signal.aborted) {
        // Shutting down: leave the checkpoint so the next start resumes.
        store.sync.finishRun(runId, "interrupted", finished);
        return;
      }
      const message = describe(err, config, null);
      store.sync.save({
        sourceId: config.id,
        state: "error",
        lastSyncedAt: previous.lastSyncedAt,
        lastError: message,
        runId,
        checkpoint,
      });
      store.sync.finishRun(runId, "error", finished, message);
      log.error("sync: failed", { source: config.id, error: err as Error });
    }
  }

  /**
   * Quarantined records, read again with the adapter this version has: the ones it can now read go
   * into the index (and leave quarantine); the others keep waiting, with the current reason.
   */
  reprocessQuarantine(source: SyncSource): { resolved: number; remaining: number } {
    const { config, adapter } = source;
    let resolved = 0;
    let remaining = 0;
    for (const record of this.store.quarantine.open(config.id, 10_000)) {
      let raw: unknown;
      try {
        raw = JSON.parse(record.raw);
      } catch {
        raw = record.raw;
      }
      const outcome = adapter.reprocess(raw, record.taskId);
      if (outcome.ok) {
        this.store.calls.upsert([
          { sourceId: config.id, vendor: config.vendor, call: outcome.call, from: "list" },
        ]);
        this.store.quarantine.resolve(record.id);
        resolved++;
      } else {
        if (outcome.problem.reason !== record.reason)
          this.store.quarantine.updateReason(record.id, outcome.problem.reason);
        remaining++;
      }
    }
    if (resolved)
      log.info("sync: quarantined records read again and indexed", {
        source: config.id,
        resolved,
        remaining,
      });
    return { resolved, remaining };
  }

  /** Lists one task to its end, a page per transaction, checkpointing the cursor after each. */
  private async syncTask(
    source: SyncSource,
    taskId: string,
    checkpoint: Record<string, string | null>,
    runId: number,
    entry: Running,
  ): Promise<number> {
    const { config, adapter } = source;
    if (checkpoint[taskId] === DONE) return 0;
    const cursor: string | null = checkpoint[taskId] ?? null;
    let problems = 0;
    const seenCursors = new Set<string>();
    const fetchPage = (at: string | null) =>
      adapter.listCalls(taskId, at, { pageSize: this.options.pageSize, signal: entry.controller.signal });
    // The next page is asked for while this one is written: the vendor's time and ours overlap.
    let pending = fetchPage(cursor);
    for (let pages = 0; pages < MAX_PAGES_PER_TASK; pages++) {
      const page = await pending;
      // A vendor that hands back a cursor it already gave would loop forever: treat it as the end.
      const next = page.nextCursor && !seenCursors.has(page.nextCursor) ? page.nextCursor : null;
      if (page.nextCursor) seenCursors.add(page.nextCursor);
      if (next) {
        pending = fetchPage(next);
        // Not awaited until the next turn; a failure then is that turn's to report.
        pending.catch(() => undefined);
      }
      this.store.calls.upsert(
        page.calls.map((call) => ({
          sourceId: config.id,
          vendor: config.vendor,
          call,
          from: "list" as const,
        })),
      );
      if (page.problems.length) {
        this.store.quarantine.add(config.id, page.problems);
        problems += page.problems.length;
        log.warn("sync: records quarantined", {
          source: config.id,
          task: taskId,
          count: page.problems.length,
        });
      }
      entry.progress.pages++;
      entry.progress.calls += page.calls.length;
      checkpoint[taskId] = next ?? DONE;
      this.store.sync.save({ ...this.store.sync.get(config.id), state: "syncing", runId, checkpoint });
      this.store.sync.updateRun(runId, { pages: entry.progress.pages, calls: entry.progress.calls });
      if (!next) break;
    }
    return problems;
  }

  /** Details for calls whose list lacked the transcript, a few at a time, until none is left. */
  private async fetchDetails(source: SyncSource, runId: number, entry: Running): Promise<void> {
    const { config, adapter } = source;
    const { maxDetailAttempts, detailConcurrency } = this.options;
    const signal = entry.controller.signal;
    const tried = new Set<string>();
    entry.progress.detailsPending = this.store.calls.pendingDetailCount(config.id, maxDetailAttempts);
    for (;;) {
      const batch = this.store.calls
        .pendingDetails(config.id, maxDetailAttempts, detailConcurrency * 8)
        .filter((call) => !tried.has(call.id));
      if (batch.length === 0) return;
      let stop: unknown = null;
      await forEachConcurrently(batch, detailConcurrency, async (call) => {
        if (stop || signal.aborted) return;
        tried.add(call.id);
        try {
          const detail = await adapter.getCall(call.locator, { signal });
          this.store.calls.upsert([
            { sourceId: config.id, vendor: config.vendor, call: detail, from: "detail", key: call.key },
          ]);
          entry.progress.details++;
          // A detail that still left the call wanting (no transcript at all) counts as an attempt, so a
          // call the vendor cannot complete is not fetched forever.
          if (this.store.calls.get(call.id)?.transcriptState === "pending") {
            this.store.calls.recordDetailFailure(call.id, "the detail had no transcript");
          }
        } catch (err) {
          if (signal.aborted) return;
          this.store.calls.recordDetailFailure(call.id, describe(err, config, null));
          // The vendor is down or refusing us: stop this phase, the next run retries.
          if (
            isVendorError(err) &&
            (err.kind === "unavailable" || err.kind === "auth" || err.kind === "timeout")
          )
            stop = err;
        } finally {
          entry.progress.detailsPending = Math.max(0, entry.progress.detailsPending - 1);
        }
      });
      this.store.sync.updateRun(runId, { details: entry.progress.details });
      if (signal.aborted) throw signal.reason;
      if (stop) throw stop;
    }
  }
}

const DONE = "\u0000done";

async function forEachConcurrently<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(workers);
}

function describe(err: unknown, config: SourceConfig, taskId: string | null): string {
  const where = taskId ? ` (task ${taskId})` : "";
  if (isVendorError(err)) return `${err.message}${where}`;
  return `${sourceName(config)}: sync failed${where}: ${err instanceof Error ? err.message.slice(0, 200) : String(err)}`;
}
