import { afterEach, beforeEach, expect, test } from "vitest";
import { filtersOf, parseCallQuery } from "@/lib/calls/query";
import { seedCalls } from "@/lib/testing/seed-calls";
import { openSharedTestStores, openTestStore, testBackend } from "@/lib/testing/store";
import { sessionInput } from "@/lib/testing/sessions";
import { readAgain, watchReads } from "@/lib/testing/watch-reads";
import type { Store } from "./index";
import { unknownCommits } from "./kept";
import { wroteAsideOnly, type PostgresSql } from "./sql/postgres";

/**
 * Totals, facets and text matches are kept while the index is unchanged (kept.ts): every write must
 * show in the very next read, whoever wrote it and whoever reads it.
 */

const TZ = "Asia/Shanghai";
let store: Store;
const seeds = seedCalls(120, 9);
const query = (search: string) => ({ ...parseCallQuery(new URLSearchParams(search)), limit: 5 });

beforeEach(async () => {
  store = await openTestStore();
  await store.calls.upsert(
    seeds.slice(0, 100).map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
  );
});
afterEach(() => store.close());

/** A row's xmin (32 bits) with the epoch the snapshot's ids carry, as txid_current() gives it. */
const FULL_XID = "((txid_snapshot_xmax(txid_current_snapshot()) >> 32) << 32) + xmin::text::bigint";

test("a kept total follows new calls, reviews and deletions at once", async () => {
  const total = async (search: string) => (await store.calls.list(query(search), TZ)).total;
  const stats = (search: string) => store.calls.stats(filtersOf(query(search)), TZ);
  const before = { all: await total(""), reviewed: await total("review=reviewed"), stats: await stats("") };
  expect(before.all).toBe(100);
  // Read twice: the second answer comes from what was kept, and is the same.
  expect(await total("")).toBe(100);

  await store.calls.upsert(
    seeds.slice(100).map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
  );
  expect(await total("")).toBe(120);
  expect((await stats("")).total).toBe(120);

  const [first] = (await store.calls.list(query(""), TZ)).items;
  await store.reviews.update(first!.id, { status: "reviewed" }, "sup");
  expect(await total("review=reviewed")).toBe(before.reviewed + 1);

  await store.sql.run("DELETE FROM calls WHERE seq % 10 = 0");
  const left = Number((await store.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM calls"))!.n);
  expect(left).toBeLessThan(120);
  expect(await total("")).toBe(left);
  expect((await stats("")).total).toBe(left);
});

test("another instance's writes show in this one's next read: calls, reviews, a word's matches", async () => {
  const [one, two] = await openSharedTestStores(2);
  try {
    const list = (store: Store, search: string) => store.calls.list(query(search), TZ);
    await one!.calls.upsert(
      seeds.slice(0, 60).map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
    );
    const word = seeds[0]!.call.transcript!.find((line) => line.text.length >= 4)!.text.slice(0, 4);
    const before = {
      all: (await list(one!, "")).total,
      answered: (await list(one!, "result=answered")).total,
      word: (await list(one!, `q=${word}`)).total,
      reviewed: (await list(one!, "review=reviewed")).total,
    };
    expect(before.all).toBe(60);
    // Kept by the first instance: asked again, the count tables are not read.
    const again = await readAgain(one!, async () => {
      expect((await list(one!, "result=answered")).total).toBe(before.answered);
    });
    expect(again.texts.some((text) => text.includes("FROM calls c"))).toBe(true);
    expect(again.of("call_days")).toEqual([]);
    // Nor their dating: it is read inside the kept read (a write would change the index too).
    expect(again.of("rollup_state")).toEqual([]);

    await two!.calls.upsert(
      seeds.slice(60).map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
    );
    const answered = seeds.filter((seed) => seed.call.summary.result === "answered").length;
    const withWord = seeds.filter((seed) => seed.call.transcript?.some((line) => line.text.includes(word)));
    expect((await list(one!, "")).total).toBe(120);
    expect((await list(one!, "result=answered")).total).toBe(answered);
    expect((await list(one!, `q=${word}`)).total).toBe(withWord.length);
    expect((await one!.calls.stats(filtersOf(query("")), TZ)).total).toBe(120);

    const [first] = (await list(two!, "")).items;
    await two!.reviews.update(first!.id, { status: "reviewed" }, "sup");
    expect((await list(one!, "review=reviewed")).total).toBe(before.reviewed + 1);
  } finally {
    await one!.close();
  }
});

test("sign-ins, audit entries and throttle steps leave what is kept; a write to the index beside them does not", async () => {
  const answered = async () => (await store.calls.list(query("result=answered"), TZ)).total;
  const expected = await answered();
  const now = Date.now();
  const asides = async (n: number) => {
    await store.audit.append({
      username: "sup",
      role: "supervisor",
      action: "calls.page",
      target: null,
      ip: "10.0.0.1",
      userAgent: null,
      detail: { n },
    });
    const id = `s${n}`;
    await store.sessions.create(sessionInput(id, now));
    await store.sessions.touch(id, now + 1);
    await store.sessions.end(id, "logout", now + 2);
    await store.loginAttempts.update([`ip:10.0.0.${n}`], () => ({
      result: null,
      writes: new Map([[`ip:10.0.0.${n}`, { failures: 1, first: now, lockedUntil: 0 }]]),
    }));
    await store.numberSearches.update("sup", now - 60_000, now, () => ({ result: null, add: [`1375${n}`] }));
  };

  await asides(1);
  if (testBackend() === "sqlite") {
    // Kept across writes aside: the count tables are not read again.
    expect(await answered()).toBe(expected);
    const reads = watchReads(store);
    await asides(2);
    expect(await answered()).toBe(expected);
    reads.stop();
    expect(reads.of("call_days"), "read again after writes aside").toEqual([]);
  } else {
    // The snapshot moves past this instance's transactions known to have written aside only
    // (unknownCommits, tested below). Each row written aside was written by one (its xmin), known.
    // A kept read across them cannot be shown here: any other test file's commit moves it too.
    const writers = await store.sql.all<{ xid: number }>(
      `SELECT ${FULL_XID} AS xid FROM audit
       UNION ALL SELECT ${FULL_XID} FROM sessions
       UNION ALL SELECT ${FULL_XID} FROM login_attempts
       UNION ALL SELECT ${FULL_XID} FROM number_searches`,
    );
    expect(writers.length).toBe(4);
    for (const { xid } of writers)
      expect(wroteAsideOnly(store.sql as PostgresSql, xid), `xid ${xid}`).toBe(true);
  }

  // An aside write in the same transaction as a change to the index does not hide the change.
  await store.sql.tx(async (tx) => {
    await tx.runAside("UPDATE login_attempts SET failures = 2 WHERE key = ?", ["ip:10.0.0.1"]);
    await tx.run("DELETE FROM calls WHERE seq IN (SELECT seq FROM calls WHERE result = 'answered' LIMIT 3)");
  });
  expect(await answered()).toBe(expected - 3);
  if (testBackend() === "postgres") {
    const mixed = await store.sql.get<{ xid: number }>(
      `SELECT ${FULL_XID} AS xid FROM login_attempts WHERE key = ?`,
      ["ip:10.0.0.1"],
    );
    expect(wroteAsideOnly(store.sql as PostgresSql, mixed!.xid)).toBe(false);
  }
});

test("a write aside committed but not yet noted does not make a kept total be counted again", async () => {
  if (testBackend() !== "postgres") return; // SQLite counts a write aside in the same step as the write
  const sql = store.sql as PostgresSql;
  const answered = async () => (await store.calls.list(query("result=answered"), TZ)).total;
  const expected = await answered();
  // The audit entry's answer comes back 10 ms after PostgreSQL committed it: the window in which,
  // under load, another request reads the snapshot and finds a transaction it does not know.
  const pool = sql.poolOf;
  const query_ = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  const late = (...args: unknown[]) =>
    query_(...args).then((result) =>
      String(args[0]).includes("INSERT INTO audit")
        ? new Promise((resolve) => setTimeout(() => resolve(result), 10))
        : result,
    );
  Object.assign(pool, { query: late });
  try {
    const reads = await readAgain(store, async () => {
      const entry = store.audit.append({
        username: "sup",
        role: "supervisor",
        action: "calls.page",
        target: null,
        ip: null,
        userAgent: null,
        detail: {},
      });
      // Committed, its id not noted yet (its answer is held back).
      for (let i = 0; i < 50; i++) {
        const { n } = (await sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM audit"))!;
        if (n > 0) break;
      }
      expect(await answered()).toBe(expected);
      await entry;
      await sql.runAside("DELETE FROM audit");
    });
    expect(reads.of("call_days"), "counted again across a write aside in flight").toEqual([]);
  } finally {
    Object.assign(pool, { query: query_ });
  }
});

test("a PostgreSQL snapshot is the same index as an earlier one only across transactions that wrote aside", () => {
  const aside = new Set([105, 106, 110]);
  const same = (then: string, now: string) => unknownCommits(then, now, (xid) => aside.has(xid)) === 0;
  expect(same("100:105:", "100:105:")).toBe(true);
  // 105 and 106 began and committed between, both aside.
  expect(same("100:105:", "100:107:")).toBe(true);
  // 107 is not known as aside (another instance's, or a change): changed.
  expect(same("100:105:", "100:108:")).toBe(false);
  // 107 is still in flight now: nothing of it is seen yet.
  expect(same("100:105:", "100:108:107")).toBe(true);
  // 103 was in flight then and has finished since: a change unless it wrote aside.
  expect(same("100:105:103", "100:105:")).toBe(false);
  expect(same("100:111:110", "100:111:")).toBe(true);
  // A standby's state moves with every replayed commit: equal or changed.
  expect(same("100:105:@0/1", "100:106:@0/2")).toBe(false);
  // Too many between to look through.
  expect(same("100:105:", "100:400:")).toBe(false);
  // How many are unknown: a read waits for writes aside in flight only when they could be all of them.
  const unknown = (then: string, now: string) => unknownCommits(then, now, (xid) => aside.has(xid));
  expect(unknown("100:105:", "100:111:")).toBe(3); // 107, 108, 109
  expect(unknown("100:105:103", "100:107:")).toBe(1); // 103
  expect(unknown("100:105:", "100:400:")).toBe(Infinity);
});
