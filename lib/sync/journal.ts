import "server-only";
import { brandError, isErrorKind } from "@/lib/error-kind";
import type { Store } from "@/lib/store";
import type { UpsertInput } from "@/lib/store/calls";
import type { SourceSyncRecord } from "@/lib/store/sync-state";
import type { RecordProblem } from "@/lib/vendors/types";

/**
 * The bookkeeping of one run: its row in sync_runs, the source's state and per-task checkpoint. Every
 * write is fenced by the run's lease: a run that lost its lease (another instance took the source
 * over after it stalled) gets LeaseLost on its next page and stops, writing nothing more (a page's
 * calls are fenced with its checkpoint: Journal.page).
 */
export class LeaseLost extends Error {
  constructor(sourceId: string) {
    super(`sync of ${sourceId}: another instance took over this source's sync`);
    this.name = "LeaseLost";
    brandError(this, "LeaseLost");
  }
}

export function isLeaseLost(value: unknown): value is LeaseLost {
  return isErrorKind(value, "LeaseLost");
}

export class Journal {
  private constructor(
    private readonly store: Store,
    readonly sourceId: string,
    readonly runId: number,
    readonly token: number,
    readonly previous: SourceSyncRecord,
    readonly checkpoint: Record<string, string | null>,
    private readonly ttlMs: number,
  ) {}

  /** Opens a run: a resume carries on from the checkpoint the last one left. */
  static async begin(
    store: Store,
    sourceId: string,
    reason: string,
    token: number,
    ttlMs: number,
  ): Promise<Journal> {
    const previous = await store.sync.get(sourceId);
    const resuming = reason === "resume" || previous.state === "syncing";
    const checkpoint = resuming ? { ...previous.checkpoint } : {};
    // A run still marked running is one whose instance died or lost the lease: this one holds the
    // lease now (taken before this), so that run cannot write again — it is over.
    if (previous.runId !== null && (await store.sync.run(previous.runId))?.state === "running")
      await store.sync.finishRun(previous.runId, "interrupted", new Date().toISOString());
    const runId = await store.sync.startRun(sourceId, reason, new Date().toISOString());
    await store.sync.save({ ...previous, state: "syncing", runId, checkpoint });
    return new Journal(store, sourceId, runId, token, previous, checkpoint, ttlMs);
  }

  /** Still ours? Renews the lease; throws LeaseLost when it is not. */
  async fence(): Promise<void> {
    if (!(await this.store.leases.renew(this.sourceId, this.token, this.ttlMs)))
      throw new LeaseLost(this.sourceId);
  }

  /**
   * A page: its calls, its unreadable records (quarantined) and where to resume after it, with the
   * run's counts so far (other instances show them), in one transaction that is fenced first. So the
   * checkpoint names exactly what is indexed (a crash resumes after the last page written, not
   * before it), and a run that lost its lease writes nothing of the page: LeaseLost, rolled back.
   */
  async page(
    taskId: string,
    cursor: string | null,
    counts: { pages: number; calls: number },
    content: { calls: UpsertInput[]; problems: RecordProblem[] },
  ): Promise<void> {
    const checkpoint = { ...this.checkpoint, [taskId]: cursor };
    await this.store.calls.upsert(content.calls, undefined, async (tx) => {
      if (!(await tx.leases.renew(this.sourceId, this.token, this.ttlMs))) throw new LeaseLost(this.sourceId);
      if (content.problems.length) await tx.quarantine.add(this.sourceId, content.problems);
      await tx.sync.checkpoint(this.sourceId, this.runId, checkpoint, counts);
    });
    this.checkpoint[taskId] = cursor;
  }

  async details(details: number): Promise<void> {
    await this.fence();
    await this.store.sync.updateRun(this.runId, { details });
  }

  async done(error: string | null): Promise<void> {
    // Still ours? A run that lost its lease must not mark the source idle under the one that took over.
    await this.fence();
    const finished = new Date().toISOString();
    await this.store.sync.save({
      sourceId: this.sourceId,
      state: error ? "error" : "idle",
      // A run that could not list a task did not sync it: keep the last good time.
      lastSyncedAt: error ? this.previous.lastSyncedAt : finished,
      lastError: error,
      runId: this.runId,
      checkpoint: {},
    });
    await this.store.sync.finishRun(this.runId, error ? "error" : "done", finished, error);
  }

  /** The run failed as a whole: the checkpoint stays, so the next run resumes. */
  async failed(message: string): Promise<void> {
    await this.fence();
    await this.store.sync.save({
      sourceId: this.sourceId,
      state: "error",
      lastSyncedAt: this.previous.lastSyncedAt,
      lastError: message,
      runId: this.runId,
      checkpoint: this.checkpoint,
    });
    await this.store.sync.finishRun(this.runId, "error", new Date().toISOString(), message);
  }

  /** Shutting down, or the lease went elsewhere: leave the checkpoint for whoever resumes. */
  async interrupted(): Promise<void> {
    await this.store.sync.finishRun(this.runId, "interrupted", new Date().toISOString());
  }
}
