import "server-only";
import os from "node:os";
import { Worker } from "node:worker_threads";
import { wholeNumberFromEnv } from "@/lib/config";
import type { Row } from "./executor";
import { ReadRouting } from "./read-routing";
import type { SqliteCheckpointer } from "./sqlite-checkpointer";

/** How much nicer the readers are than the process (niceness runs from -20 to 19, the lowest). */
export const READER_NICE = 10;

/**
 * SQLite reads off the event loop. better-sqlite3 runs a statement synchronously: a list count or an
 * analytics scan of a million calls held the one JavaScript thread, so every other request — a
 * health check, a recording, a sign-in — queued behind it. Here each reader is a worker thread with
 * its own read-only connection to the same file; WAL lets them read while the main connection
 * writes, and a reader always starts from the last committed state (a write awaited before a read
 * is seen by it). Writes and transactions stay on the main connection.
 *
 * The worker is plain CommonJS evaluated from a string, not a module the bundler has to follow:
 * Next's server build would otherwise need to emit it as its own entry (and it rewrites a resolved
 * path into a module number). So the worker resolves better-sqlite3 from the working directory, the
 * project's, where `next start` runs.
 */
const WORKER_SOURCE = `
const READER_NICE = ${READER_NICE};
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
// Below the event loop's thread: under load the readers and the main thread share the cores, and a
// health check, a sign-in or the next query's dispatch waits for the main thread alone. At a million
// calls, 20 connections: 293 -> 317-344 list pages/s, health p50 34 -> 20 ms. A read still runs at
// once on an idle core. Linux only: it sets the calling thread's priority; elsewhere this would
// lower the whole process. Relative to the process's own niceness. No async I/O in this worker:
// the libuv thread pool it would start is the whole process's, and would inherit this priority.
if (process.platform === "linux") {
  try {
    const os = require("node:os");
    os.setPriority(Math.min(19, os.getPriority() + READER_NICE));
  } catch {}
}
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma("busy_timeout = 5000");
db.pragma("cache_size = -32768");
db.pragma("temp_store = MEMORY");
const statements = new Map();
parentPort.on("message", ({ id, sql, params, one }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size > 500) statements.clear();
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    const started = performance.now();
    const rows = one ? [statement.get(...params)].filter(Boolean) : statement.all(...params);
    parentPort.postMessage({ id, rows, ms: performance.now() - started });
  } catch (err) {
    parentPort.postMessage({ id, error: { name: err.name, message: err.message, code: err.code } });
  }
});
`;

interface Pending {
  sql: string;
  resolve(rows: Row[]): void;
  reject(err: Error): void;
}

interface Reader {
  worker: Worker;
  pending: Map<number, Pending>;
}

/** How many readers a file index gets: CALLSCOPE_SQLITE_READERS, else one per core up to 4 (0: none). */
export function readerCount(env: NodeJS.ProcessEnv = process.env): number {
  return (
    wholeNumberFromEnv(env, "CALLSCOPE_SQLITE_READERS", 0, 64) ??
    Math.min(4, Math.max(1, os.availableParallelism?.() ?? os.cpus().length))
  );
}

export class SqliteReaders {
  private readonly readers: Reader[] = [];
  /** Which statements have been fast enough to run inline instead (SqliteSql asks it; the readers report their times). */
  readonly routing = new ReadRouting();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly size: number,
    private readonly driver = "better-sqlite3",
    /** The index's other worker, closed with the readers. */
    private readonly checkpointer: SqliteCheckpointer | null = null,
  ) {
    for (let i = 0; i < size; i++) this.readers.push(this.spawn());
  }

  /** Every row of a read-only statement, read on the least busy reader. */
  all<T = Row>(sql: string, params: readonly unknown[]): Promise<T[]> {
    return this.send(sql, params, false) as Promise<T[]>;
  }

  /** The first row only (the reader stops stepping after it). */
  async get<T = Row>(sql: string, params: readonly unknown[]): Promise<T | undefined> {
    return (await this.send(sql, params, true))[0] as T | undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([
      ...this.readers.map((reader) => reader.worker.terminate()),
      this.checkpointer?.close(),
    ]);
  }

  private send(sql: string, params: readonly unknown[], one: boolean): Promise<Row[]> {
    if (this.closed) return Promise.reject(new Error("the index is closed"));
    const reader = this.readers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise<Row[]>((resolve, reject) => {
      reader.pending.set(id, { sql, resolve, reject });
      reader.worker.postMessage({ id, sql, params, one });
    });
  }

  private spawn(): Reader {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file: this.file, driver: this.driver },
    });
    // A reader must not keep a server (or a test) alive on its own.
    worker.unref();
    const reader: Reader = { worker, pending: new Map() };
    worker.on("message", (message: { id: number; rows?: Row[]; ms?: number; error?: SqliteReadError }) => {
      const pending = reader.pending.get(message.id);
      if (!pending) return;
      reader.pending.delete(message.id);
      if (message.error) return pending.reject(asError(message.error));
      this.routing.record(pending.sql, message.ms!);
      pending.resolve(message.rows!.map(withBuffers));
    });
    const fail = (err: Error) => {
      for (const pending of reader.pending.values()) pending.reject(err);
      reader.pending.clear();
      if (this.closed) return;
      // A reader that died (out of memory, a driver crash) is replaced; its reads fail, not hang.
      const index = this.readers.indexOf(reader);
      if (index >= 0) this.readers[index] = this.spawn();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`an index reader stopped (exit code ${code})`)));
    return reader;
  }
}

interface SqliteReadError {
  name: string;
  message: string;
  code?: string;
}

function asError(error: SqliteReadError): Error {
  const err = new Error(error.message) as Error & { code?: string };
  err.name = error.name;
  if (error.code) err.code = error.code;
  return err;
}

/** A BLOB crosses the thread as a plain Uint8Array; the repositories expect Node's Buffer, as in-process. */
function withBuffers(row: Row): Row {
  for (const key in row) {
    const value = row[key];
    if (value instanceof Uint8Array && !Buffer.isBuffer(value))
      row[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  return row;
}
