import { randomBytes } from "node:crypto";
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

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
