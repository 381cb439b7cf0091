import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { EMPTY_QUERY } from "@/lib/calls/query";
import { seedCalls } from "@/lib/testing/seed-calls";
import { openStore, type Store } from "../index";
import { SqliteSql } from "./sqlite";
import { READER_NICE, readerCount } from "./sqlite-readers";

// A file index, as a deployment has (":memory:" has no readers): the same answers from the readers
// as from the main connection, and the event loop free while a long read runs.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "callscope-readers-"));
const file = path.join(dir, "callscope.db");
let store: Store;

beforeAll(async () => {
  store = await openStore(file);
  await store.calls.upsert(
    seedCalls(60).map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "detail" as const })),
  );
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a file index reads through its readers and answers as the main connection does", async () => {
  const sql = store.sql as SqliteSql;
  expect(sql).toBeInstanceOf(SqliteSql);
  const page = await store.calls.list({ ...EMPTY_QUERY, limit: 10 }, "Asia/Shanghai");
  expect(page.items).toHaveLength(10);
  expect(await store.calls.count(EMPTY_QUERY, "Asia/Shanghai")).toBe(60);
  // The same statement on the main connection, in-process.
  const direct = sql.db.prepare("SELECT id FROM calls ORDER BY seq").all() as { id: string }[];
  expect(await sql.all<{ id: string }>("SELECT id FROM calls ORDER BY seq")).toEqual(direct);
  // A detail (its transcript is a compressed BLOB) reads whole.
  const detail = await store.calls.get(page.items[0]!.id);
  expect(detail?.transcript?.length).toBeGreaterThan(0);
});

test("a write awaited before a read is seen by that read", async () => {
  const [seed] = seedCalls(1, 9001);
  for (let i = 0; i < 5; i++) {
    const before = await store.calls.count(EMPTY_QUERY, "Asia/Shanghai");
    const { sourceId, vendor, call } = seed!;
    await store.calls.upsert([{ sourceId, vendor, call: { ...call, key: `fresh-${i}` }, from: "list" }]);
    expect(await store.calls.count(EMPTY_QUERY, "Asia/Shanghai")).toBe(before + 1);
  }
});

test("BLOBs come back as Buffers, errors as errors naming the problem", async () => {
  const sql = store.sql as SqliteSql;
  const row = await sql.get<{ b: unknown }>("SELECT x'00ff10' AS b");
  expect(Buffer.isBuffer(row!.b)).toBe(true);
  expect([...(row!.b as Buffer)]).toEqual([0, 255, 16]);
  await expect(sql.all("SELECT nope FROM calls")).rejects.toThrow(/no such column: nope/);
  expect(await sql.get("SELECT id FROM calls WHERE id = ?", ["no-such-call"])).toBeUndefined();
});

describe("the event loop", () => {
  test("keeps turning while a long read of the index runs", async () => {
    const readers = store.sql;
    {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 5);
      // A recursive count that keeps a reader busy for a while (hundreds of ms on this machine).
      const long = readers.get<{ n: number }>(
        "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 3000000) SELECT count(*) AS n FROM r",
        [],
      );
      const row = await long;
      clearInterval(timer);
      expect(row!.n).toBe(3_000_000);
      // In-process, the same statement would have let no timer run until it finished.
      expect(ticks).toBeGreaterThan(2);
    }
  });
});

describe("routing", () => {
  const POINT = "SELECT id, callee FROM calls WHERE seq = ?";
  const routing = () => (store.sql as SqliteSql)["readers"]!.routing;

  test("a point read runs on a reader until it has been fast a few times, then inline, with the same answer", async () => {
    const sql = store.sql as SqliteSql;
    const direct = sql.db.prepare(POINT).get(3);
    expect(routing().inline(POINT)).toBe(false);
    // The readers report each run's time: a few fast ones and the statement runs in place.
    for (let i = 0; i < 20 && !routing().inline(POINT); i++)
      expect(await sql.get(POINT, [3])).toEqual(direct);
    expect(routing().inline(POINT)).toBe(true);
    expect(await sql.get(POINT, [3])).toEqual(direct);
    expect(await sql.all(POINT, [3])).toEqual([direct]);
    // A write awaited before is seen inline too.
    await sql.run("UPDATE calls SET callee = callee WHERE seq = 3");
    expect(await sql.get(POINT, [4])).toEqual(sql.db.prepare(POINT).get(4));
  });

  test("a statement that ran slow inline goes back to the readers: the event loop turns while it runs", async () => {
    const sql = store.sql as SqliteSql;
    const LONG =
      "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < ?) SELECT count(*) AS n FROM r";
    // Fast for a small bound: it is taken inline …
    for (let i = 0; i < 20 && !routing().inline(LONG); i++) await sql.get(LONG, [10]);
    expect(routing().inline(LONG)).toBe(true);
    // … until a run with a large bound is slow, and the next one runs on a reader again.
    expect(await sql.get<{ n: number }>(LONG, [300_000])).toEqual({ n: 300_000 });
    expect(routing().inline(LONG)).toBe(false);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const row = await sql.get<{ n: number }>(LONG, [3_000_000]);
    clearInterval(timer);
    expect(row!.n).toBe(3_000_000);
    expect(ticks).toBeGreaterThan(2);
  });

  test("inside another caller's transaction a read stays on the readers: it sees only what is committed", async () => {
    const sql = store.sql as SqliteSql;
    const COUNT = "SELECT count(*) AS n FROM calls WHERE callee = ?";
    for (let i = 0; i < 20 && !routing().inline(COUNT); i++) await sql.get(COUNT, ["uncommitted"]);
    expect(routing().inline(COUNT)).toBe(true);
    const seq = (await sql.get<{ seq: number }>("SELECT seq FROM calls ORDER BY seq LIMIT 1"))!.seq;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tx = sql.tx(async (tx) => {
      await tx.run("UPDATE calls SET callee = 'uncommitted' WHERE seq = ?", [seq]);
      await held;
      throw new Error("roll back");
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await sql.get(COUNT, ["uncommitted"])).toEqual({ n: 0 });
    release();
    await expect(tx).rejects.toThrow("roll back");
  });
});

test("the number of readers follows CALLSCOPE_SQLITE_READERS, refusing nonsense", () => {
  expect(readerCount(env("0"))).toBe(0);
  expect(readerCount(env("3"))).toBe(3);
  expect(readerCount(env(undefined))).toBeGreaterThanOrEqual(1);
  expect(() => readerCount(env("many"))).toThrow(/CALLSCOPE_SQLITE_READERS/);
});

function env(readers: string | undefined): NodeJS.ProcessEnv {
  return { NODE_ENV: "test", ...(readers === undefined ? {} : { CALLSCOPE_SQLITE_READERS: readers }) };
}

/** Each thread of this process with its niceness (Linux: /proc/self/task). */
function threadNiceness(): number[] {
  return fs.readdirSync("/proc/self/task").map((tid) => {
    const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    // Fields after the command's closing parenthesis; niceness is the 19th field of the line.
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
  });
}

test.runIf(process.platform === "linux")("the readers run below the event loop's priority", async () => {
  await store.calls.count(EMPTY_QUERY, "Asia/Shanghai");
  const main = fs.readFileSync("/proc/self/stat", "utf8");
  const own = Number(main.slice(main.lastIndexOf(")") + 2).split(" ")[16]);
  const readers = Math.min(19, own + READER_NICE);
  expect(readers).toBeGreaterThan(own);
  expect(threadNiceness().filter((nice) => nice === readers).length).toBeGreaterThanOrEqual(readerCount());
});
