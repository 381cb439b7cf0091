import "server-only";
import { randomBytes } from "node:crypto";
import { DEFAULT_SYNC_LEASE_MS, type SourceConfig } from "@/lib/config";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";
import type { SourceStatus } from "@/lib/model";
import type { Store } from "@/lib/store";
import type { VendorAdapter } from "@/lib/vendors/types";
import { Journal } from "./journal";
import { reprocessQuarantine } from "./quarantine-replay";
import { runSync } from "./run";

/**
 * Pulls every configured task's calls into the index: the scheduler. One run per source at a time,
 * across every instance that shares the index (a lease in the database; a second request here joins
 * the run under way, one on another instance leaves it to the holder); idempotent (an upsert by the
 * vendor's key, reviews untouched); resumable (each page's cursor is checkpointed, so a run cut
 * short by a crash — or an instance killed mid-run — is picked up where it stopped, by this
 * instance at its next start or by another once the dead one's lease runs out). The run itself is
 * in run.ts, its bookkeeping in journal.ts.
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
  /** How long a lease holds without renewal: how soon another instance resumes a dead one's run. */
  leaseMs: number;
  /** How often this instance looks for runs whose instance died (0: never; the server uses a few seconds). */
  watchMs: number;
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
  leaseMs: DEFAULT_SYNC_LEASE_MS,
  watchMs: 0,
};

interface Running {
  promise: Promise<void>;
  progress: Progress;
  controller: AbortController;
}

export class SyncManager {
  private readonly running = new Map<string, Running>();
  private readonly lastProgress = new Map<string, Progress>();
  private timers: NodeJS.Timeout[] = [];
  private readonly options: SyncOptions;
  /** Who holds a lease: this process, for as long as it lives. */
  readonly instance = `${process.pid}-${randomBytes(4).toString("hex")}`;

  constructor(
    private readonly store: Store,
    private readonly sources: Map<string, SyncSource>,
    options: Partial<SyncOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /**
   * Starts a sync of one source, or joins the one under way here. Resolves when it ends (never
   * rejects); at once when another instance holds the source's lease (that one is syncing it).
   */
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
    entry.promise = this.leased(source, reason, entry)
      .catch((err: unknown) => log.error("sync: could not run", { source: sourceId, error: err as Error }))
      .finally(() => {
        this.lastProgress.set(sourceId, entry.progress);
        this.running.delete(sourceId);
        if (!entry.controller.signal.aborted) this.options.afterRun?.(sourceId);
      });
    this.running.set(sourceId, entry);
    return entry.promise;
  }

  /** Takes the lease, runs, lets go; the lease is renewed meanwhile, even while a vendor page is slow. */
  private async leased(source: SyncSource, reason: string, entry: Running): Promise<void> {
    const sourceId = source.config.id;
    const { leaseMs } = this.options;
    const token = await this.store.leases.acquire(sourceId, this.instance, leaseMs);
    if (token === null) return;
    const started = performance.now();
    const renew = setInterval(
      () => {
        void this.store.leases.renew(sourceId, token, leaseMs).then(
          (held) => held || entry.controller.abort(new Error("lease lost")),
          () => undefined,
        );
      },
      Math.max(100, leaseMs / 3),
    );
    renew.unref();
    try {
      const journal = await Journal.begin(this.store, sourceId, reason, token, leaseMs);
      await runSync(
        {
          store: this.store,
          source,
          options: this.options,
          journal,
          progress: entry.progress,
          signal: entry.controller.signal,
        },
        reason,
      );
    } finally {
      clearInterval(renew);
      await this.store.leases.release(sourceId, token).catch(() => undefined);
      const outcome = entry.controller.signal.aborted
        ? "interrupted"
        : (await this.store.sync.get(sourceId).catch(() => null))?.state === "error"
          ? "error"
          : "done";
      metrics().syncRuns.inc({ source: sourceId, outcome });
      metrics().syncSeconds.observe({ source: sourceId, outcome }, (performance.now() - started) / 1000);
    }
  }

  syncAll(reason: string): Promise<void> {
    return Promise.all([...this.sources.keys()].map((id) => this.sync(id, reason))).then(() => undefined);
  }

  isSyncing(sourceId: string): boolean {
    return this.running.has(sourceId);
  }

  /** Some source is syncing in this process (another instance's runs are not counted). */
  syncingAny(): boolean {
    return this.running.size > 0;
  }

  /**
   * Starts syncs for sources not synced within the interval (the list was opened on a stale index).
   * Staleness counts from the last attempt, not the last success: a source whose vendor refuses us
   * must not be hammered on every page view. Runs in the background; the page does not wait.
   */
  syncStale(now = Date.now()): void {
    if (this.options.intervalMs <= 0) return;
    void (async () => {
      for (const id of this.sources.keys()) {
        if (this.running.has(id)) continue;
        const state = await this.store.sync.get(id);
        const succeeded = state.lastSyncedAt ? Date.parse(state.lastSyncedAt) : 0;
        const attempted = Date.parse((await this.store.sync.recentRuns(id, 1))[0]?.startedAt ?? "") || 0;
        if (now - Math.max(succeeded, attempted) > this.options.intervalMs) void this.sync(id, "stale");
      }
    })().catch((err: unknown) => log.warn("sync: stale check failed", { error: err as Error }));
  }

  /**
   * Start-up: resume runs a crash cut short, then sync everything; then keep to the schedule, and
   * watch for runs of instances that died (their lease ran out while their source was syncing).
   */
  async start(): Promise<void> {
    // SQLite: one process per index, so a lease found now is a dead process's (a crash, a restart
    // within the lease): let it go, or its runs would wait for the lease to run out, unwatched.
    if (this.store.backend === "sqlite") await this.store.leases.expireAll();
    const interrupted = new Set(await this.orphans());
    for (const id of this.sources.keys()) void this.sync(id, interrupted.has(id) ? "resume" : "startup");
    if (this.options.intervalMs > 0) {
      const timer = setInterval(() => void this.syncAll("schedule"), this.options.intervalMs);
      timer.unref();
      this.timers.push(timer);
    }
    if (this.options.watchMs > 0) {
      const timer = setInterval(() => void this.resumeOrphans(), this.options.watchMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  /**
   * Sources left `syncing` whose lease has run out: their run's instance is gone (or stalled). The
   * run is marked interrupted by whoever takes the lease next (Journal.begin), not here: until then
   * a stalled holder that wakes up may still renew it and carry on.
   */
  private async orphans(): Promise<string[]> {
    const out: string[] = [];
    for (const id of this.sources.keys()) {
      if (this.running.has(id)) continue;
      const record = await this.store.sync.get(id);
      if (record.state !== "syncing") continue;
      const lease = await this.store.leases.get(id);
      if (lease && lease.expiresAt > Date.now()) continue;
      out.push(id);
    }
    return out;
  }

  private async resumeOrphans(): Promise<void> {
    try {
      for (const id of await this.orphans()) {
        log.info("sync: resuming a run whose instance stopped", { source: id });
        void this.sync(id, "resume");
      }
    } catch (err) {
      log.warn("sync: could not look for interrupted runs", { error: err as Error });
    }
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    for (const entry of this.running.values()) entry.controller.abort(new Error("shutting down"));
    await Promise.all([...this.running.values()].map((entry) => entry.promise));
  }

  async status(sourceId: string): Promise<SourceStatus["sync"]> {
    return (await this.statuses()).get(sourceId)!;
  }

  /**
   * Every source's sync status, from one count of the index (a status poll must stay cheap at 100k
   * calls). A source another instance is syncing shows as syncing, with that run's counts.
   */
  async statuses(): Promise<Map<string, SourceStatus["sync"]>> {
    const counts = await this.store.calls.countsBySource();
    const quarantined = await this.store.quarantine.openCounts();
    const now = Date.now();
    const out = new Map<string, SourceStatus["sync"]>();
    for (const sourceId of this.sources.keys()) {
      const record = await this.store.sync.get(sourceId);
      const running = this.running.get(sourceId);
      let progress = running?.progress ?? this.lastProgress.get(sourceId);
      let elsewhere = false;
      if (!running && record.state === "syncing") {
        const lease = await this.store.leases.get(sourceId);
        elsewhere = lease !== null && lease.expiresAt > now && lease.holder !== this.instance;
        const run = elsewhere && record.runId !== null ? await this.store.sync.run(record.runId) : null;
        if (run) progress = { pages: run.pages, calls: run.calls, details: run.details, detailsPending: 0 };
      }
      out.set(sourceId, {
        state: running || elsewhere ? "syncing" : record.state === "syncing" ? "idle" : record.state,
        lastSyncedAt: record.lastSyncedAt,
        calls: counts.get(sourceId) ?? 0,
        error: record.lastError,
        progress,
        quarantined: quarantined.get(sourceId) ?? 0,
      });
    }
    return out;
  }

  /** Quarantined records of one source, read again now (the admin's "reprocess"). */
  reprocessQuarantine(source: SyncSource): Promise<{ resolved: number; remaining: number }> {
    return reprocessQuarantine(this.store, source);
  }
}
