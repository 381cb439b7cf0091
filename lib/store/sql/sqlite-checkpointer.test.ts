import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import { afterEach, expect, test, vi } from "vitest";
import { seedCalls } from "@/lib/testing/seed-calls";
import { openStore, type Store } from "../index";
import { SqliteSql } from "./sqlite";
import { BACKSTOP_PAGES } from "./sqlite-checkpointer";

// A file index, as a deployment has: its WAL is copied into the database file by the worker, not
// by the COMMIT of the main connection (which only does so past the backstop).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "callscope-checkpoints-"));
let store: Store | null = null;
afterEach(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("the WAL is checkpointed off the event loop, the main connection only past the backstop", async () => {
  const file = path.join(dir, "callscope.db");
  store = await openStore(file);
  const db = (store.sql as SqliteSql).db;
  expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(BACKSTOP_PAGES);
  // Fewer pages than SQLite's own threshold (1,000): without the worker nothing would copy them.
  const before = fs.statSync(file).size;
  await store.calls.upsert(
    seedCalls(150).map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "detail" as const })),
  );
  const wal = fs.statSync(`${file}-wal`).size;
  expect(wal, "the WAL holds the writes").toBeGreaterThan(100 * 4096);
  expect(wal).toBeLessThan(1000 * 4096);
  await vi.waitFor(() => expect(fs.statSync(file).size).toBeGreaterThan(before + 50 * 4096), {
    timeout: 5_000,
    interval: 50,
  });
});

test("a checkpoint worker that stops hands checkpoints back to the writer at SQLite's own threshold", async () => {
  store = await openStore(path.join(dir, "callscope.db"));
  const sql = store.sql as SqliteSql;
  const checkpointer = (sql as unknown as { readers: { checkpointer: { worker: Worker } } }).readers
    .checkpointer;
  await checkpointer.worker.terminate();
  expect(sql.db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
});
