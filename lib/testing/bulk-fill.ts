import { randomBytes } from "node:crypto";
import { matchAlerts, type AlertRule } from "@/lib/alerts/match";
import { callId } from "@/lib/calls/id";
import { planUpsert } from "@/lib/store/calls/merge";
import { INSERT_CALL_SQL, INSERT_UTTERANCE_SQL, insertUtterances } from "@/lib/store/calls/write-sqlite";
import type { Db } from "@/lib/store/database";
import { lastRobotLine } from "@/lib/store/robot-lines";
import { robotLineIdSync as robotLineId } from "@/lib/store/robot-lines-sqlite";
import { searchDocument, SEARCH_TOKENS_VERSION } from "@/lib/store/search-text";
import type { BenchCall } from "./bench-calls";

/**
 * Fills an empty index with new calls as fast as SQLite takes them: the rows a first sync of these
 * calls (CallRepository.upsert from a list page, then ReviewRepository.update for the reviewed
 * ones) would leave, written with direct prepared INSERTs in large transactions, the calls table's
 * secondary indexes dropped during the fill and built once at the end. The row of each call and its
 * transcript are the sync writer's own (planUpsert's values, insertUtterances), not a copy of them. ~550 calls/s through the
 * normal path is half an hour for a million; this is minutes. bulk-fill.test.ts checks that both
 * ways leave the same rows and the same analytics, so any drift in upsert shows up there.
 */

export interface FillOptions {
  /** first_seen_at / updated_at of every call, and the reviews' time. */
  now?: string;
  /** Calls per transaction. */
  batch?: number;
  onProgress?: (calls: number) => void;
}

/** Who the bench's reviews are by. */
export const BENCH_REVIEWER = "bench";

export function bulkFill(
  db: Db,
  calls: Iterable<BenchCall>,
  alerts: readonly AlertRule[],
  options: FillOptions = {},
): number {
  const now = options.now ?? new Date().toISOString();
  const batch = options.batch ?? 20_000;
  const idKey = idKeyOf(db);

  // Built once over the filled table instead of being updated a million times in random order.
  const indexes = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'calls' AND sql IS NOT NULL",
    )
    .all() as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);

  // A store opened on the empty index records its search tokens' version before any sync.
  db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('search_tokens', ?)").run(
    SEARCH_TOKENS_VERSION,
  );
  const s = statements(db);
  const lineIds = new Map<string, number>();
  const lineId = (text: string | null) => {
    if (text === null) return null;
    let id = lineIds.get(text);
    if (id === undefined) lineIds.set(text, (id = robotLineId(db, text)!));
    return id;
  };

  let written = 0;
  const iterator = calls[Symbol.iterator]();
  const writeBatch = db.transaction(() => {
    let n = 0;
    while (n < batch) {
      const next = iterator.next();
      if (next.done) break;
      writeOne(next.value);
      n++;
    }
    return n;
  });

  function writeOne({ sourceId, vendor, call, review }: BenchCall): void {
    // The columns, the transcript and the search document of a first sync's list entry: the
    // writer's own merge policy on a call not yet indexed.
    const plan = planUpsert({ sourceId, vendor, call, from: "list" }, undefined, now, (key) =>
      callId(idKey, sourceId, key),
    );
    if (plan.kind !== "insert") throw new Error(`bulk fill: ${call.key} would not be a new call`);
    const { values, transcript } = plan;
    if (review) {
      // ReviewRepository.update on a call without a review: the review, its first event (no
      // previous), and the calls mirror (here: the insert's own subqueries read the review).
      s.review.run(values.id, review.status, review.intent, null, BENCH_REVIEWER, now);
      s.reviewEvent.run(values.id, review.status, review.intent, null, BENCH_REVIEWER, now, null);
    }
    const seq = Number(s.insert.run(values).lastInsertRowid);
    if (transcript) {
      insertUtterances(s.utterance, seq, transcript);
      const last = lineId(lastRobotLine(transcript));
      if (last !== null) s.lastLine.run(last, seq);
      for (const name of matchAlerts(alerts, transcript)) s.alert.run(name, seq);
    }
    const body = searchDocument([
      values.callee,
      values.caller ?? "",
      ...(transcript ?? []).map((line) => line.text),
    ]);
    s.search.run(seq, body);
  }

  for (;;) {
    const n = writeBatch();
    written += n;
    options.onProgress?.(written);
    if (n < batch) break;
  }
  for (const index of indexes) db.exec(index.sql);
  return written;
}

function statements(db: Db) {
  return {
    review: db.prepare(
      "INSERT INTO reviews (call_id, status, intent, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    reviewEvent: db.prepare(
      `INSERT INTO review_events (call_id, status, intent, note, changed_by, changed_at, previous)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    // CallRepository's own insert.
    insert: db.prepare(INSERT_CALL_SQL),
    utterance: db.prepare(INSERT_UTTERANCE_SQL),
    lastLine: db.prepare("UPDATE calls SET last_line = ? WHERE seq = ?"),
    alert: db.prepare("INSERT OR IGNORE INTO call_alerts (name, call_seq) VALUES (?, ?)"),
    search: db.prepare("INSERT INTO calls_search (rowid, body) VALUES (?, ?)"),
  };
}

/** CallRepository's call-id key: created on first use, kept in settings. */
function idKeyOf(db: Db): Buffer {
  db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES ('call_id_key', ?)").run(
    randomBytes(32).toString("hex"),
  );
  const row = db.prepare("SELECT value FROM settings WHERE key = 'call_id_key'").get() as { value: string };
  return Buffer.from(row.value, "hex");
}
