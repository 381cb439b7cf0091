import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openStore, type Store } from "@/lib/store";

/**
 * The index a test works on: SQLite in memory, or — in the vitest project "postgres", which sets
 * CALLSCOPE_TEST_STORE=postgres — a throwaway schema on the PostgreSQL at CALLSCOPE_TEST_PG_URL,
 * dropped when the store is closed. The same test then checks both backends.
 */
export function testBackend(): "sqlite" | "postgres" {
  return process.env.CALLSCOPE_TEST_STORE === "postgres" ? "postgres" : "sqlite";
}

export async function openTestStore(dataset?: string): Promise<Store> {
  if (testBackend() === "sqlite") return openStore(":memory:", dataset);
  const url = process.env.CALLSCOPE_TEST_PG_URL;
  if (!url) throw new Error("CALLSCOPE_TEST_STORE=postgres needs CALLSCOPE_TEST_PG_URL");
  const schema = `t_${process.pid}_${randomBytes(5).toString("hex")}`;
  await admin(url, `CREATE SCHEMA ${schema}`);
  const store = await openStore(url, dataset, { schema });
  const close = store.close;
  let dropped: Promise<void> | null = null;
  return {
    ...store,
    // Once, like the store's own close: a test may close its runtime twice.
    close: () =>
      (dropped ??= (async () => {
        await close();
        await admin(url, `DROP SCHEMA ${schema} CASCADE`);
      })()),
  };
}

/**
 * `n` stores on ONE database, as `n` app instances sharing an index would have: SQLite, `n`
 * connections to one file in a throwaway directory; PostgreSQL, `n` pools on one throwaway schema.
 * Closing any of them closes them all and removes the database.
 *
 * SQLite: the connections live in one process, so one store's transaction that awaits must not
 * overlap another store's write (the second would wait on the file lock while blocking the thread).
 * Drive SQLite "instances" one after another; race them on PostgreSQL.
 */
export async function openSharedTestStores(n: number, dataset?: string): Promise<Store[]> {
  let stores: Store[];
  let remove: () => Promise<void>;
  if (testBackend() === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "callscope-shared-"));
    const file = path.join(dir, "index.db");
    stores = [];
    for (let i = 0; i < n; i++) stores.push(await openStore(file, dataset));
    remove = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const url = process.env.CALLSCOPE_TEST_PG_URL;
    if (!url) throw new Error("CALLSCOPE_TEST_STORE=postgres needs CALLSCOPE_TEST_PG_URL");
    const schema = `t_${process.pid}_${randomBytes(5).toString("hex")}`;
    await admin(url, `CREATE SCHEMA ${schema}`);
    stores = [];
    for (let i = 0; i < n; i++) stores.push(await openStore(url, dataset, { schema }));
    remove = () => admin(url, `DROP SCHEMA ${schema} CASCADE`);
  }
  let closed: Promise<void> | null = null;
  const closeAll = () =>
    (closed ??= (async () => {
      for (const store of stores) await store.close();
      await remove();
    })());
  return stores.map((store) => ({ ...store, close: closeAll }));
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
