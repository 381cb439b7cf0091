import "server-only";
import { brandError, isErrorKind } from "@/lib/error-kind";
import { log } from "@/lib/log";
import type { Sql } from "./sql/executor";

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

export async function claimDataset(sql: Sql, dataset: string, where: string): Promise<void> {
  await sql.tx(async (tx) => {
    const row = await tx.get<{ value: string }>("SELECT value FROM settings WHERE key = 'dataset'");
    const previous = row?.value ?? null;
    const calls = (await tx.get<{ n: number }>("SELECT COUNT(*) AS n FROM calls"))!.n;
    // Only the demo's own calls are ever cleared. An index without a marker holds calls from before
    // markers existed (or a bulk fill): they may be a real deployment's, so a configured start keeps
    // them and a demo refuses them, like a marked deployment's.
    const wasDemo = previous?.startsWith("demo:") ?? false;
    const changed = previous !== dataset && calls > 0;
    if (changed && !wasDemo && dataset.startsWith("demo:")) {
      throw new DatasetMismatch(
        `the index ${where} holds ${calls} calls of a configured deployment; run the demo with its own index (CALLSCOPE_DATABASE=./data/demo.db)`,
      );
    }
    if (changed && wasDemo) {
      for (const table of [
        "utterances",
        "calls_search",
        "call_alerts",
        "calls",
        "sync_state",
        "sync_runs",
        "quarantine",
        "peaks",
      ]) {
        await tx.run(`DELETE FROM ${table}`);
      }
      log.warn("index cleared: it held another dataset's calls (reviews and the audit log are kept)", {
        previous,
        now: dataset,
        calls,
      });
    }
    await tx.run(
      "INSERT INTO settings (key, value) VALUES ('dataset', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [dataset],
    );
  });
}
