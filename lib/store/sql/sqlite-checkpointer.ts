import "server-only";
import { Worker } from "node:worker_threads";
import { log } from "@/lib/log";
import type { Db } from "./sqlite";

/**
 * WAL checkpoints off the event loop. By default SQLite checkpoints inside the COMMIT that takes the
 * WAL past 1,000 pages: the main connection copied those pages into the database file and synced
 * it, holding the event loop. Syncing 40,000 calls, COMMIT was 21 % of the main thread's time, 10
 * without checkpoints. Here a worker with its own connection checkpoints every `intervalMs`
 * (PASSIVE: it never waits for, nor blocks, a reader or the writer), and the main connection only
 * checkpoints itself past BACKSTOP_PAGES — should the worker fall behind. A worker that fails or
 * stops hands checkpoints back to SQLite's own threshold.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
let failing = "";
setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
    failing = "";
  } catch (err) {
    // Said once while it lasts, not every tick.
    if (err.message !== failing) parentPort.postMessage({ error: err.message });
    failing = err.message;
  }
}, workerData.intervalMs);
`;

/** The WAL pages past which the main connection checkpoints after all (16 MB at 4 KB pages). */
export const BACKSTOP_PAGES = 4000;

/** SQLite's own threshold, back in force when the worker is gone. */
const SQLITE_DEFAULT_PAGES = 1000;

export class SqliteCheckpointer {
  private readonly worker: Worker;
  private closing = false;
  /** Stopped on its own (an error, then its exit: one warning for both). */
  private gone = false;

  constructor(db: Db, intervalMs = 250, driver = "better-sqlite3") {
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file: db.name, driver, intervalMs },
    });
    this.worker.unref();
    this.worker.on("message", (message: { error: string }) =>
      log.warn("index: a background checkpoint failed", { error: message.error }),
    );
    const gone = (reason: string) => {
      if (this.closing || this.gone || !db.open) return;
      this.gone = true;
      log.warn("index: the checkpoint worker stopped; the writer checkpoints again", { reason });
      db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
    };
    this.worker.on("error", (err) => gone(err.message));
    this.worker.on("exit", (code) => gone(`exit code ${code}`));
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }
}
