import { afterEach, expect, test } from "vitest";
import type { SourceConfig } from "@/lib/config";
import { EMPTY_QUERY } from "@/lib/calls/query";
import type { Store } from "@/lib/store";
import { seedCalls } from "@/lib/testing/seed-calls";
import { openTestStore, testBackend } from "@/lib/testing/store";
import type { NormalizedCall, VendorAdapter } from "@/lib/vendors/types";
import { SyncManager, type SyncSource } from "./sync-manager";

/**
 * A run cut short by a process that died: resumed from its checkpoint by the next one to hold the
 * source's lease — at once on SQLite (one process per index: a lease found at start-up is a dead
 * process's), once the lease runs out on PostgreSQL (another instance may be alive and syncing).
 */

let store: Store | null = null;
let managers: SyncManager[] = [];
afterEach(async () => {
  for (const manager of managers) await manager.stop();
  managers = [];
  await store?.close();
  store = null;
});

const PAGE = 5;

/** A vendor with one task of `calls`, paged by number; counts the pages it was asked for. */
function vendor(calls: NormalizedCall[]): VendorAdapter & { pages: string[] } {
  const adapter = {
    vendor: "tanyi",
    pages: [] as string[],
    async listCalls(_task: string, cursor: string | null) {
      const page = Number(cursor ?? "1");
      adapter.pages.push(String(page));
      const slice = calls.slice((page - 1) * PAGE, page * PAGE);
      return {
        calls: slice,
        problems: [],
        nextCursor: page * PAGE < calls.length ? String(page + 1) : null,
        total: calls.length,
      };
    },
    getCall: () => Promise.reject(new Error("no details here")),
    reprocess: () => ({
      ok: false as const,
      problem: { taskId: "", vendorCallId: null, reason: "", raw: "" },
    }),
  };
  return adapter;
}

test("a run whose process died within its lease is resumed from its checkpoint, not listed again", async () => {
  store = await openTestStore("config");
  const calls = seedCalls(20).map((seed) => ({ ...seed.call, transcript: seed.call.transcript ?? [] }));
  const adapter = vendor(calls);
  const source: SyncSource = {
    config: { id: "src", vendor: "tanyi", taskIds: ["t1"] } as unknown as SourceConfig,
    adapter,
  };
  // What the dead process left: its first two pages indexed and checkpointed, its run still
  // "running", and its lease — 60 s of it left.
  await store.calls.upsert(
    calls
      .slice(0, 2 * PAGE)
      .map((call) => ({ sourceId: "src", vendor: "tanyi", call, from: "list" as const })),
  );
  const cut = await store.sync.startRun("src", "startup", new Date().toISOString());
  await store.sync.updateRun(cut, { pages: 2, calls: 2 * PAGE });
  await store.sync.save({
    sourceId: "src",
    state: "syncing",
    lastSyncedAt: null,
    lastError: null,
    runId: cut,
    checkpoint: { t1: "3" },
  });
  const leaseMs = testBackend() === "sqlite" ? 60_000 : 1_500;
  expect(await store.leases.acquire("src", "dead-process", leaseMs)).not.toBeNull();

  const manager = new SyncManager(store, new Map([["src", source]]), {
    pageSize: PAGE,
    intervalMs: 0,
    leaseMs: 60_000,
    watchMs: testBackend() === "sqlite" ? 0 : 200,
  });
  managers.push(manager);
  const started = Date.now();
  await manager.start();
  await expect
    .poll(async () => (await store!.sync.get("src")).state, { timeout: 10_000, interval: 50 })
    .toBe("idle");
  // SQLite: at once; PostgreSQL: once the dead one's lease ran out, not before.
  if (testBackend() === "postgres") expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);

  expect(adapter.pages).toEqual(["3", "4"]);
  expect(await store.calls.count(EMPTY_QUERY, "Asia/Shanghai")).toBe(20);
  const runs = await store.sync.recentRuns("src");
  expect(runs.find((run) => run.id === cut)?.state).toBe("interrupted");
  expect(runs[0]).toMatchObject({ reason: "resume", state: "done", pages: 2 });
});

test("a run that lost its lease writes nothing more: not the page in hand, not its checkpoint", async () => {
  store = await openTestStore("config");
  const calls = seedCalls(15).map((seed) => ({ ...seed.call, transcript: seed.call.transcript ?? [] }));
  const adapter = vendor(calls);
  const taken = store;
  const list = adapter.listCalls.bind(adapter);
  // Another instance takes the source over while page 2 is being listed: after page 1 was written
  // and checkpointed, before page 2 is.
  adapter.listCalls = async (task, cursor) => {
    if (cursor === "2") {
      await expect
        .poll(async () => (await taken.sync.get("src")).checkpoint.t1, { timeout: 5_000, interval: 10 })
        .toBe("2");
      const far = Date.now() + 3_600_000;
      expect(await taken.leases.acquire("src", "other-instance", 60_000, far)).not.toBeNull();
    }
    return list(task, cursor);
  };
  const source: SyncSource = {
    config: { id: "src", vendor: "tanyi", taskIds: ["t1"] } as unknown as SourceConfig,
    adapter,
  };
  const manager = new SyncManager(store, new Map([["src", source]]), {
    pageSize: PAGE,
    intervalMs: 0,
    leaseMs: 60_000,
  });
  managers.push(manager);
  await manager.sync("src", "test");

  expect(adapter.pages).toContain("2");
  expect(await store.calls.count(EMPTY_QUERY, "Asia/Shanghai")).toBe(PAGE);
  const record = await store.sync.get("src");
  expect(record).toMatchObject({ state: "syncing", checkpoint: { t1: "2" } });
  expect(await store.sync.run(record.runId!)).toMatchObject({ state: "interrupted", pages: 1, calls: PAGE });
});
