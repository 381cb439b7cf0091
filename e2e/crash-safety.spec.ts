import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { demoDatasetSize } from "./support/demo-dataset";
import { exited, signedInApi, startOwnServer } from "./support/own-server";

/**
 * Crash safety: the server is SIGKILLed in the middle of a sync of a few thousand simulated calls,
 * started again on the same index, and must end with every call exactly once — having resumed
 * each cut-short run from its checkpoint rather than listing again from the start.
 */

const CALLS = 8_000;
const PORT = Number(process.env.E2E_PORT ?? 3100) + 7;
const DIR = path.resolve("data/e2e-crash");
const DATABASE = path.join(DIR, "callscope.db");
const ENV = { CALLSCOPE_DATABASE: DATABASE, CALLSCOPE_DEMO_CALLS: String(CALLS) };

interface Source {
  id: string;
  sync: { state: string; lastSyncedAt: string | null; progress?: { pages: number; calls: number } };
}
interface Run {
  id: number;
  source_id: string;
  reason: string;
  state: string;
  pages: number;
  calls: number;
}

test.setTimeout(240_000);

test("SIGKILL mid-sync: after a restart every call is indexed exactly once, resumed from the checkpoint", async () => {
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  // The demo's dataset is deterministic: this is exactly what its vendors hold.
  const expected = await demoDatasetSize(CALLS);

  const first = await startOwnServer(PORT, ENV);
  const api = await signedInApi(first.url);
  // Kill once some source has checkpointed a page and is still listing.
  let killedWhile: Source[] = [];
  for (let attempt = 0; attempt < 600; attempt++) {
    const sources = (await (await api.get("/api/sources")).json()) as Source[];
    const midway = sources.some(
      (source) => source.sync.state === "syncing" && (source.sync.progress?.pages ?? 0) >= 1,
    );
    if (midway) {
      first.child.kill("SIGKILL");
      killedWhile = sources;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await api.dispose();
  expect(killedWhile.length, `never caught a sync under way:\n${first.output()}`).toBeGreaterThan(0);
  await exited(first.child);
  expect(first.child.signalCode).toBe("SIGKILL");

  // What the killed process left behind: runs still marked running, each with its checkpoint.
  const left = new Database(DATABASE, { readonly: true });
  const cut = left.prepare("SELECT * FROM sync_runs WHERE state = 'running'").all() as Run[];
  const checkpoints = left
    .prepare("SELECT source_id, checkpoint FROM sync_state WHERE state = 'syncing'")
    .all() as { source_id: string; checkpoint: string }[];
  const indexedAtKill = (left.prepare("SELECT COUNT(*) AS n FROM calls").get() as { n: number }).n;
  left.close();
  expect(cut.length).toBeGreaterThan(0);
  expect(checkpoints.length).toBeGreaterThan(0);
  expect(indexedAtKill).toBeLessThan(expected);

  const second = await startOwnServer(PORT, ENV);
  try {
    const api2 = await signedInApi(second.url);
    await expect
      .poll(
        async () => {
          const sources = (await (await api2.get("/api/sources")).json()) as Source[];
          return sources.every((source) => source.sync.state === "idle" && source.sync.lastSyncedAt);
        },
        { timeout: 180_000, intervals: [500] },
      )
      .toBe(true);

    // Every call exactly once.
    const total = ((await (await api2.get("/api/calls?limit=1")).json()) as { total: number }).total;
    expect(total).toBe(expected);
    const db = new Database(DATABASE, { readonly: true });
    const counts = db
      .prepare(
        "SELECT COUNT(*) AS n, COUNT(DISTINCT source_id || '/' || call_key) AS distinctKeys FROM calls",
      )
      .get() as { n: number; distinctKeys: number };
    expect(counts).toEqual({ n: expected, distinctKeys: expected });

    // Resumed, not restarted: each cut-short run was marked interrupted and continued by a "resume"
    // run. A full listing of the same source (a manual sync now) takes more pages than the resume did,
    // and the two parts together cover it.
    const runs = db.prepare("SELECT * FROM sync_runs ORDER BY id").all() as Run[];
    db.close();
    const resumedSources = cut.filter((run) => run.pages >= 1).map((run) => run.source_id);
    expect(resumedSources.length).toBeGreaterThan(0);
    for (const sourceId of resumedSources) {
      const interrupted = runs.find((run) => run.source_id === sourceId && run.state === "interrupted");
      const resume = runs.find((run) => run.source_id === sourceId && run.reason === "resume");
      expect(interrupted, sourceId).toBeDefined();
      expect(resume?.state, sourceId).toBe("done");
      const started = await api2.post(`/api/sources/${sourceId}/sync`, {
        headers: { origin: second.url },
      });
      expect(started.status()).toBe(202);
      let full: Run | undefined;
      await expect
        .poll(
          () => {
            const check = new Database(DATABASE, { readonly: true });
            full = check
              .prepare("SELECT * FROM sync_runs WHERE source_id = ? AND reason = 'manual' AND state = 'done'")
              .get(sourceId) as Run | undefined;
            check.close();
            return Boolean(full);
          },
          { timeout: 60_000 },
        )
        .toBe(true);
      expect(
        resume!.pages,
        `${sourceId}: resume listed ${resume!.pages} of ${full!.pages} pages`,
      ).toBeLessThan(full!.pages);
      expect(interrupted!.pages + resume!.pages, sourceId).toBeGreaterThanOrEqual(full!.pages);
      console.log(
        `${sourceId}: ${interrupted!.pages} pages before the kill + ${resume!.pages} resumed = ${full!.pages} in a full listing`,
      );
    }
    // The manual syncs found nothing new: still every call exactly once.
    const after = ((await (await api2.get("/api/calls?limit=1")).json()) as { total: number }).total;
    expect(after).toBe(expected);
    await api2.dispose();
  } finally {
    second.child.kill("SIGTERM");
    await exited(second.child);
  }
});
