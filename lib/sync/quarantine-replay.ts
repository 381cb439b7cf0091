import "server-only";
import { log } from "@/lib/log";
import type { Store } from "@/lib/store";
import type { SyncSource } from "./sync-manager";

/** Records read per step; the event loop gets a turn between steps (a backlog of 10,000 must not stall requests). */
const CHUNK = 200;
const MAX_RECORDS = 10_000;

/**
 * Quarantined records, read again with the adapter this version has: the ones it can now read go
 * into the index (and leave quarantine); the others keep waiting, with the current reason.
 */
export async function reprocessQuarantine(
  store: Store,
  source: SyncSource,
): Promise<{ resolved: number; remaining: number }> {
  const { config, adapter } = source;
  let resolved = 0;
  let remaining = 0;
  let after: number | undefined;
  for (let read = 0; read < MAX_RECORDS; read += CHUNK) {
    const records = await store.quarantine.open(config.id, CHUNK, after);
    if (records.length === 0) break;
    after = records[records.length - 1]!.id;
    for (const record of records) {
      let raw: unknown;
      try {
        raw = JSON.parse(record.raw);
      } catch {
        raw = record.raw;
      }
      const outcome = adapter.reprocess(raw, record.taskId);
      if (outcome.ok) {
        await store.calls.upsert([
          { sourceId: config.id, vendor: config.vendor, call: outcome.call, from: "list" },
        ]);
        await store.quarantine.resolve(record.id);
        resolved++;
      } else {
        if (outcome.problem.reason !== record.reason)
          await store.quarantine.updateReason(record.id, outcome.problem.reason);
        remaining++;
      }
    }
    if (records.length < CHUNK) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (resolved)
    log.info("sync: quarantined records read again and indexed", {
      source: config.id,
      resolved,
      remaining,
    });
  return { resolved, remaining };
}
