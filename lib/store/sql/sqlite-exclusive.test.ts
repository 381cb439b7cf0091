import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, test } from "vitest";
import { SqliteSql } from "./sqlite";

/**
 * The call writer's read-merge-write runs under `exclusive`. Another process writing the same file
 * must wait for it, not slip in between its read and its write: begun deferred, the other write
 * landed and this transaction's own write then failed (SQLITE_BUSY_SNAPSHOT).
 */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function open(file: string): Database.Database {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  return db;
}

describe("SqliteSql.exclusive", () => {
  test("holds the file's write lock from its start: another connection cannot write between its read and its write", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "callscope-exclusive-"));
    dirs.push(dir);
    const file = path.join(dir, "x.db");
    const mine = open(file);
    mine.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER); INSERT INTO t VALUES (1, 0)");
    const other = open(file);
    other.pragma("busy_timeout = 0"); // the other "process" gives up at once instead of blocking this thread
    const sql = new SqliteSql(mine);
    let otherWrote = true;
    await sql.exclusive((db) => {
      const { n } = db.prepare("SELECT n FROM t WHERE id = 1").get() as { n: number };
      try {
        other.prepare("UPDATE t SET n = 100 WHERE id = 1").run();
      } catch {
        otherWrote = false;
      }
      db.prepare("UPDATE t SET n = ? WHERE id = 1").run(n + 1);
    });
    expect(otherWrote).toBe(false);
    expect((mine.prepare("SELECT n FROM t").get() as { n: number }).n).toBe(1);
    other.close();
    await sql.close();
  });
});
