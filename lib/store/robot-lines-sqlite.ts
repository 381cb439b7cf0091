import type { Db } from "./sql/sqlite";
import { cleanLine } from "./robot-lines";

/** Line texts are stored once (robot_lines) and referenced by id: the analytics index stays narrow. */
export function robotLineIdSync(db: Db, text: string | null): number | null {
  if (text === null) return null;
  const statements = statementsFor(db);
  statements.insert.run(text);
  return (statements.find.get(text) as { id: number }).id;
}

const cache = new WeakMap<Db, { insert: ReturnType<Db["prepare"]>; find: ReturnType<Db["prepare"]> }>();
function statementsFor(db: Db) {
  let statements = cache.get(db);
  if (!statements) {
    statements = {
      insert: db.prepare("INSERT OR IGNORE INTO robot_lines (text) VALUES (?)"),
      find: db.prepare("SELECT id FROM robot_lines WHERE text = ?"),
    };
    cache.set(db, statements);
  }
  return statements;
}

/** Migration 3: the last robot line of every call already indexed, from its stored transcript. */
export function backfillLastRobotLines(db: Db): void {
  const update = db.prepare("UPDATE calls SET last_line = ? WHERE seq = ?");
  // Newest robot line first within each call: the first one with words is the call's last line.
  // A slice of calls at a time: better-sqlite3 cannot write while a read is still being iterated.
  const slice = db.prepare(
    `SELECT call_seq, text FROM utterances WHERE speaker = 'robot' AND call_seq > ? AND call_seq <= ?
      ORDER BY call_seq, position DESC`,
  );
  const max = (db.prepare("SELECT COALESCE(MAX(seq), 0) AS n FROM calls").get() as { n: number }).n;
  const STEP = 20_000;
  for (let from = 0; from < max; from += STEP) {
    const rows = slice.all(from, from + STEP) as { call_seq: number; text: string }[];
    let current = -1;
    let found = false;
    for (const row of rows) {
      if (row.call_seq !== current) {
        current = row.call_seq;
        found = false;
      }
      if (found) continue;
      const text = cleanLine(row.text);
      if (!text) continue;
      found = true;
      update.run(robotLineIdSync(db, text), row.call_seq);
    }
  }
}
