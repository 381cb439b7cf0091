import "server-only";
import type { SourceConfig } from "@/lib/config";
import { log } from "@/lib/log";
import type { Store } from "@/lib/store";
import { isVendorError } from "@/lib/vendors/errors";
import { isLeaseLost, type Journal } from "./journal";
import { ListAhead } from "./list-ahead";
import { reprocessQuarantine } from "./quarantine-replay";
import { sourceName } from "./source-name";
import type { Progress, SyncOptions, SyncSource } from "./sync-manager";

/**
 * One run of one source: quarantine read again, every task listed from its checkpoint, then the
 * details the lists lacked. Bookkeeping goes through the journal; the scheduler owns the lease.
 */

const MAX_PAGES_PER_TASK = 100_000;
/** Pages listed ahead of the index at most (and so written together at most): a few hundred calls. */
const PAGES_AHEAD = 4;
const DONE = "\u0000done";

export interface RunContext {
  store: Store;
  source: SyncSource;
  options: SyncOptions;
  journal: Journal;
  progress: Progress;
  signal: AbortSignal;
}

export async function runSync(ctx: RunContext, reason: string): Promise<void> {
  const { source, journal, signal } = ctx;
  const { config } = source;
  const errors: string[] = [];
  let problems = 0;
  try {
    await reprocessQuarantine(ctx.store, source);
    for (const taskId of config.taskIds) {
      try {
        problems += await syncTask(ctx, taskId);
      } catch (err) {
        if (signal.aborted || isLeaseLost(err)) throw err;
        errors.push(describe(err, config, taskId));
        log.warn("sync: task failed", { source: config.id, task: taskId, error: err as Error });
      }
    }
    await fetchDetails(ctx);
    const error = errors.length ? errors.join("; ") : null;
    await journal.done(error);
    log.info("sync: done", { source: config.id, reason, ...ctx.progress, problems, error });
  } catch (err) {
    if (signal.aborted || isLeaseLost(err)) {
      // Shutting down, or another instance has the source now: the checkpoint stays for the resume.
      await journal.interrupted();
      if (isLeaseLost(err)) log.warn("sync: lease lost, stopping", { source: config.id });
      return;
    }
    const message = describe(err, config, null);
    try {
      await journal.failed(message);
    } catch (fenced) {
      if (!isLeaseLost(fenced)) throw fenced;
      // Another instance has the source now: its run, not this failure, is the source's state.
      await journal.interrupted();
      log.warn("sync: lease lost, stopping", { source: config.id });
      return;
    }
    log.error("sync: failed", { source: config.id, error: err as Error });
  }
}

/**
 * Lists one task to its end, checkpointing the cursor with each write. The pages are listed ahead
 * while the index writes (ListAhead); the ones that piled up meanwhile are written in one transaction.
 */
async function syncTask(ctx: RunContext, taskId: string): Promise<number> {
  const { source, journal, progress, signal } = ctx;
  const { config, adapter } = source;
  if (journal.checkpoint[taskId] === DONE) return 0;
  const cursor: string | null = journal.checkpoint[taskId] ?? null;
  let problems = 0;
  const pages = new ListAhead(
    (at) => adapter.listCalls(taskId, at, { pageSize: ctx.options.pageSize, signal }),
    cursor,
    PAGES_AHEAD,
    MAX_PAGES_PER_TASK,
  );
  try {
    for (;;) {
      const listed = await pages.take();
      if (listed.length === 0) break;
      const quarantined = listed.flatMap(({ page }) => page.problems);
      const last = listed[listed.length - 1]!;
      const counts = {
        pages: progress.pages + listed.length,
        calls: progress.calls + listed.reduce((sum, { page }) => sum + page.calls.length, 0),
      };
      // The pages that piled up, their problems and the checkpoint after the last: one transaction.
      await journal.page(taskId, last.next ?? DONE, counts, {
        calls: listed.flatMap(({ page }) =>
          page.calls.map((call) => ({
            sourceId: config.id,
            vendor: config.vendor,
            call,
            from: "list" as const,
          })),
        ),
        problems: quarantined,
      });
      Object.assign(progress, counts);
      if (quarantined.length) {
        problems += quarantined.length;
        log.warn("sync: records quarantined", { source: config.id, task: taskId, count: quarantined.length });
      }
      if (!last.next) break;
    }
  } finally {
    pages.stop();
  }
  return problems;
}

/** Details for calls whose list lacked the transcript, a few at a time, until none is left. */
async function fetchDetails(ctx: RunContext): Promise<void> {
  const { store, source, journal, progress, signal } = ctx;
  const { config, adapter } = source;
  const { maxDetailAttempts, detailConcurrency } = ctx.options;
  const tried = new Set<string>();
  progress.detailsPending = await store.calls.pendingDetailCount(config.id, maxDetailAttempts);
  for (;;) {
    const batch = (
      await store.calls.pendingDetails(config.id, maxDetailAttempts, detailConcurrency * 8)
    ).filter((call) => !tried.has(call.id));
    if (batch.length === 0) return;
    let stop: unknown = null;
    await forEachConcurrently(batch, detailConcurrency, async (call) => {
      if (stop || signal.aborted) return;
      tried.add(call.id);
      try {
        const detail = await adapter.getCall(call.locator, { signal });
        await store.calls.upsert([
          { sourceId: config.id, vendor: config.vendor, call: detail, from: "detail", key: call.key },
        ]);
        progress.details++;
        // A detail that still left the call wanting (no transcript at all) counts as an attempt, so a
        // call the vendor cannot complete is not fetched forever.
        if ((await store.calls.get(call.id))?.transcriptState === "pending") {
          await store.calls.recordDetailFailure(call.id, "the detail had no transcript");
        }
      } catch (err) {
        if (signal.aborted) return;
        await store.calls.recordDetailFailure(call.id, describe(err, config, null));
        // The vendor is down or refusing us: stop this phase, the next run retries.
        if (
          isVendorError(err) &&
          (err.kind === "unavailable" || err.kind === "auth" || err.kind === "timeout")
        )
          stop = err;
      } finally {
        progress.detailsPending = Math.max(0, progress.detailsPending - 1);
      }
    });
    await journal.details(progress.details);
    if (signal.aborted) throw signal.reason;
    if (stop) throw stop;
  }
}

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

export function describe(err: unknown, config: SourceConfig, taskId: string | null): string {
  const where = taskId ? ` (task ${taskId})` : "";
  if (isVendorError(err)) return `${err.message}${where}`;
  return `${sourceName(config)}: sync failed${where}: ${err instanceof Error ? err.message.slice(0, 200) : String(err)}`;
}
