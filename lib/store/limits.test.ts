import { afterEach, describe, expect, test } from "vitest";
import { LoginThrottle, MAX_KEYS } from "@/lib/auth/login-throttle";
import { NUMBER_SEARCHES, numberSearchStep } from "@/lib/server/number-search";
import { openSharedTestStores, openTestStore, testBackend } from "@/lib/testing/store";
import type { Store } from "./index";

/**
 * Issue #16: the sign-in throttle and the operators' number-search limit are kept in the index, so
 * app instances sharing it count the same attempts; each step is atomic across instances too.
 * SQLite's "instances" here are connections to one file in one process: they take turns (a
 * transaction of one that awaits would block the other's thread); PostgreSQL's are raced.
 */

let open: Store[] = [];
afterEach(async () => {
  for (const store of open) await store.close();
  open = [];
});

async function instances(n: number): Promise<Store[]> {
  const stores = await openSharedTestStores(n);
  open.push(...stores);
  return stores;
}

const NOW = Date.parse("2026-12-02T10:00:00Z");
const HOUR = 60 * 60_000;

describe("sign-in throttle in the index", () => {
  test("two instances on one index share the count: the 6th failure is refused on either", async () => {
    const [a, b] = await instances(2);
    const one = new LoginThrottle(a!.loginAttempts);
    const two = new LoginThrottle(b!.loginAttempts);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) waits.push(await (i % 2 ? two : one).begin("lee", "203.0.113.1", NOW + i));
    expect(waits).toEqual([0, 0, 0, 0, 0]);
    // The 5th failure locked the pair for 30 s, whichever instance counted it.
    expect(await one.begin("lee", "203.0.113.1", NOW + 10)).toBeGreaterThan(29_000);
    expect(await two.begin("lee", "203.0.113.1", NOW + 10)).toBeGreaterThan(29_000);
    // Not the user from elsewhere, and not after the lock.
    expect(await two.begin("lee", "198.51.100.2", NOW + 10)).toBe(0);
    expect(await one.begin("lee", "203.0.113.1", NOW + 31_000)).toBe(0);
    // The 6th heard failure doubles the lock (60 s), seen from the other instance.
    expect(await two.begin("lee", "203.0.113.1", NOW + 32_000)).toBe(59_000);
  });

  test("a success on one instance clears the pair's record for the other", async () => {
    const [a, b] = await instances(2);
    const one = new LoginThrottle(a!.loginAttempts);
    const two = new LoginThrottle(b!.loginAttempts);
    for (let i = 0; i < 4; i++) await one.begin("kim", "203.0.113.9", NOW);
    await two.begin("kim", "203.0.113.9", NOW);
    // That 5th attempt was the right password: it takes itself back, and the pair starts over.
    await two.succeed("kim", "203.0.113.9");
    for (let i = 0; i < 4; i++) expect(await one.begin("kim", "203.0.113.9", NOW + 1)).toBe(0);
  });

  test("20 guesses at once, spread over two instances (PostgreSQL) or on one (SQLite): 5 are heard", async () => {
    const stores = testBackend() === "postgres" ? await instances(2) : await instances(1);
    const throttles = stores.map((store) => new LoginThrottle(store.loginAttempts));
    for (let round = 0; round < 5; round++) {
      const user = `racer-${round}`;
      const waits = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          throttles[i % throttles.length]!.begin(user, `192.0.2.${round}`, NOW),
        ),
      );
      expect(waits.filter((wait) => wait === 0)).toHaveLength(5);
    }
  });

  test("names from one client add up on the client's key across instances", async () => {
    const [a, b] = await instances(2);
    const throttles = [new LoginThrottle(a!.loginAttempts), new LoginThrottle(b!.loginAttempts)];
    const waits: number[] = [];
    for (let i = 0; i < 21; i++) waits.push(await throttles[i % 2]!.begin(`name-${i}`, "192.0.2.77", NOW));
    expect(waits.slice(0, 20).every((wait) => wait === 0)).toBe(true);
    expect(waits[20]).toBeGreaterThan(0);
  });

  test("bounded: stale records are pruned, and never more than MAX_KEYS are kept", async () => {
    const store = await openTestStore();
    open.push(store);
    const throttle = new LoginThrottle(store.loginAttempts);
    await throttle.begin("old", "192.0.2.1", NOW - HOUR);
    expect(await store.loginAttempts.count()).toBe(2);
    // A locked record stays while its lock lasts, even when its window is over.
    await store.sql.run(
      "INSERT INTO login_attempts (key, failures, first_at, locked_until) VALUES ('ip:locked', 30, ?, ?)",
      [NOW - 20 * 60_000, NOW + 60_000],
    );
    await throttle.begin("fresh", "192.0.2.3", NOW); // prunes: more than a minute since the last prune
    const keys = (await store.sql.all<{ key: string }>("SELECT key FROM login_attempts ORDER BY key")).map(
      (row) => row.key,
    );
    expect(keys.some((key) => key.includes("old"))).toBe(false);
    expect(keys.some((key) => key.includes("locked"))).toBe(true);
    expect(keys.some((key) => key.includes("fresh"))).toBe(true);

    await store.sql.run(
      `INSERT INTO login_attempts (key, failures, first_at, locked_until)
       SELECT 'filler:' || n, 1, CAST(? AS BIGINT) + n, 0 FROM (${
         store.backend === "postgres"
           ? `SELECT generate_series(1, ${MAX_KEYS + 50}) AS n`
           : `WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ${MAX_KEYS + 50}) SELECT n FROM s`
       }) AS f`,
      [NOW],
    );
    await throttle.begin("later", "192.0.2.4", NOW + 2 * 60_000);
    expect(await store.loginAttempts.count()).toBeLessThanOrEqual(MAX_KEYS + 1);
    // The newest windows are the ones kept.
    expect(
      (await store.sql.get<{ n: number }>(
        "SELECT COUNT(*) AS n FROM login_attempts WHERE key LIKE 'pair:%later%'",
      ))!.n,
    ).toBe(1);
  });
});

describe("operators' number searches in the index", () => {
  const numbers = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => `1380000${String(from + i).padStart(4, "0")}`);
  const search = (store: Store, user: string, list: string[], now = NOW) =>
    store.numberSearches.update(user, now - HOUR, now, (searched) => numberSearchStep(searched, list, now));

  test("two instances share an operator's 30 numbers an hour", async () => {
    const [a, b] = await instances(2);
    for (const number of numbers(0, 20)) expect((await search(a!, "op", [number])).wait).toBe(0);
    for (const number of numbers(20, 10)) expect((await search(b!, "op", [number])).wait).toBe(0);
    const refused = await search(a!, "op", numbers(30, 1), NOW + 60_000);
    expect(refused.wait).toBeGreaterThan(3500);
    expect(refused.wait).toBeLessThanOrEqual(3540);
    // A number searched on the other instance is not a new guess; another operator has their own 30.
    expect(await search(b!, "op", numbers(5, 1))).toEqual({ fresh: [], wait: 0 });
    expect((await search(b!, "other", numbers(30, 1))).wait).toBe(0);
    // An hour after the first searches, they leave the window.
    expect((await search(b!, "op", numbers(30, 1), NOW + HOUR)).wait).toBe(0);
  });

  test("40 distinct numbers searched at once (over two instances on PostgreSQL): exactly 30 pass", async () => {
    const stores = testBackend() === "postgres" ? await instances(2) : await instances(1);
    const results = await Promise.all(
      numbers(100, 40).map((number, i) => search(stores[i % stores.length]!, "racer", [number])),
    );
    expect(results.filter((result) => result.wait === 0)).toHaveLength(NUMBER_SEARCHES);
    expect(
      (await stores[0]!.sql.get<{ n: number }>(
        "SELECT COUNT(*) AS n FROM number_searches WHERE username = ?",
        ["racer"],
      ))!.n,
    ).toBe(NUMBER_SEARCHES);
  });

  test("more numbers than the limit in one query wait a whole window, not Infinity seconds", () => {
    expect(numberSearchStep(new Map(), numbers(0, NUMBER_SEARCHES + 1), NOW).result.wait).toBe(3600);
  });

  test("searches older than the window are pruned", async () => {
    const store = await openTestStore();
    open.push(store);
    await search(store, "gone", numbers(0, 3), NOW - 2 * HOUR);
    await search(store, "here", numbers(0, 3), NOW);
    expect(await store.numberSearches.prune(NOW - HOUR)).toBe(3);
    expect(
      (await store.sql.all<{ username: string }>("SELECT DISTINCT username FROM number_searches")).map(
        (row) => row.username,
      ),
    ).toEqual(["here"]);
  });
});
