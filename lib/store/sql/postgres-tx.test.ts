import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Store } from "@/lib/store";
import { openTestStore, testBackend } from "@/lib/testing/store";
import type { Sql } from "./executor";

/**
 * PostgresSql.tx runs a transaction again when PostgreSQL aborts it as a deadlock victim: two
 * writers adding to the same count rows (migration 5's triggers) in different orders can deadlock,
 * and the loser's page must still be written. Other errors are not retried.
 */
describe.skipIf(testBackend() !== "postgres")("PostgreSQL transactions", () => {
  let store: Store;
  beforeEach(async () => {
    store = await openTestStore();
    await store.sql.run("CREATE TABLE tx_counts (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
    await store.sql.run("INSERT INTO tx_counts (id, n) VALUES (1, 0), (2, 0)");
  });
  afterEach(async () => {
    await store.close();
  });

  test("a deadlock victim is run again, and both transactions' writes are kept", async () => {
    let runs = 0;
    let arrived = 0;
    let bothLocked!: () => void;
    const barrier = new Promise<void>((resolve) => (bothLocked = resolve));
    const add = (first: number, second: number) =>
      store.sql.tx(async (tx: Sql) => {
        runs++;
        await tx.run("UPDATE tx_counts SET n = n + 1 WHERE id = ?", [first]);
        if (++arrived === 2) bothLocked();
        await barrier; // each holds one row and now asks for the other's: a deadlock
        await tx.run("UPDATE tx_counts SET n = n + 1 WHERE id = ?", [second]);
      });
    await Promise.all([add(1, 2), add(2, 1)]);
    expect(runs).toBe(3);
    expect(await store.sql.all("SELECT id, n FROM tx_counts ORDER BY id")).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
  }, 20_000);

  test("any other error is thrown at once, the transaction rolled back", async () => {
    let runs = 0;
    await expect(
      store.sql.tx(async (tx) => {
        runs++;
        await tx.run("UPDATE tx_counts SET n = 5 WHERE id = 1");
        await tx.run("INSERT INTO tx_counts (id, n) VALUES (2, 0)"); // a duplicate key: 23505
      }),
    ).rejects.toMatchObject({ code: "23505" });
    expect(runs).toBe(1);
    expect(await store.sql.get("SELECT n FROM tx_counts WHERE id = 1")).toEqual({ n: 0 });
  });
});
