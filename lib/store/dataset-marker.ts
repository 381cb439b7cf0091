import "server-only";
import { brandError, isErrorKind } from "@/lib/error-kind";
import { log } from "@/lib/log";
import type { Db } from "./database";

/**
 * What an index was filled from: "config", or "demo:<calls>" for the simulated demo data. The demo
 * and a configured deployment share the contract's default file (./data/callscope.db), so the index
 * must never mix them: fake calls are dropped before real ones arrive (and when the demo's size
 * changes), and the demo refuses to start on an index that holds a real deployment's calls.
 */
export class DatasetMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatasetMismatch";
    brandError(this, "DatasetMismatch");
  }
}

export function isDatasetMismatch(value: unknown): value is DatasetMismatch {
  return isErrorKind(value, "DatasetMismatch");
}

export function claimDataset(db: Db, dataset: string, file: string): void {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'dataset'").get() as
    { value: string } | undefined;
  const previous = row?.value ?? null;
  const calls = (db.prepare("SELECT COUNT(*) AS n FROM calls").get() as { n: number }).n;
  if (previous !== dataset && calls > 0) {
    const wasDemo = previous?.startsWith("demo:") ?? false;
    if (!wasDemo && dataset.startsWith("demo:")) {
      throw new DatasetMismatch(
        `the index ${file} holds ${calls} calls of a configured deployment; run the demo with its own index (CALLSCOPE_DATABASE=./data/demo.db)`,
      );
    }
    db.transaction(() => {
      for (const table of [
        "utterances",
        "calls_search",
        "calls",
        "sync_state",
        "sync_runs",
        "quarantine",
        "peaks",
      ]) {
        db.exec(`DELETE FROM ${table}`);
      }
    })();
    log.warn("index cleared: it held another dataset's calls (reviews and the audit log are kept)", {
      previous,
      now: dataset,
      calls,
    });
  }
  db.prepare(
    "INSERT INTO settings (key, value) VALUES ('dataset', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(dataset);
}
