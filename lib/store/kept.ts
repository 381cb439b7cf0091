import type { Sql } from "./sql/executor";
import { asideInFlight, asideSettled, wroteAsideOnly, type PostgresSql } from "./sql/postgres";
import { asideChanges, type Db, type SqliteSql } from "./sql/sqlite";

/** Enough for the filters of a few pages (each: its total, facets and alert counts) and their searches. */
const KEPT_ENTRIES = 64;

/** Where the index stands now, and whether the reader is inside a transaction (never kept from there). */
interface IndexState {
  now(): Promise<string> | string;
  /**
   * The index holds the same in state `now` as in `then` (writes aside may lie between). `wait`:
   * it may wait a moment for writes aside in flight to be known as such (PostgreSQL).
   */
  same(then: string, now: string, wait: boolean): Promise<boolean> | boolean;
  inTransaction(): boolean;
}

/**
 * Results kept for as long as the index is unchanged: a text search's matches and sample
 * (text-sample.ts), the count tables' figures (analytics.ts). Each is kept with the state of the
 * index it was read in, and served only while the index is still in that state:
 * - SQLite: the main connection's total_changes() (every row any statement or trigger wrote through
 *   it, so every call and count written) less the rows written aside (Sql.runAside: the audit log,
 *   sessions), and data_version (a commit by any other connection).
 * - PostgreSQL: the snapshot a statement takes now (xmin, xmax and the transactions in flight).
 *   Two equal snapshots see the same committed rows; a commit anywhere, by any instance, moves it,
 *   and a read takes no transaction id, so it holds while only reads run. It may also move past
 *   this instance's own writes aside (unknownCommits). One round trip (0.3 ms)
 *   instead of summing call_days' 90,000 rows at a million calls (10 ms a total, 35 ms facets).
 * Never kept inside a transaction, whose own changes the state does not show. A result is kept
 * only if the state was the same before and after it was read. Callers must not change what they get.
 */
class KeptResults {
  private readonly entries = new Map<string, { state: string; value: unknown }>();

  constructor(private readonly index: IndexState) {}

  /** The entry for `key`, computed by `draw` unless the index is as it was when it was kept. */
  async get<T>(key: string, draw: () => Promise<T>): Promise<T> {
    if (this.index.inTransaction()) return draw();
    const state = await this.index.now();
    const entry = this.entries.get(key);
    if (entry && (await this.index.same(entry.state, state, true))) {
      // From here on, compared with the state it was last found valid in (fewer writes between).
      entry.state = state;
      return entry.value as T;
    }
    const drawn = await draw();
    const after = await this.index.now();
    // Not kept when a write aside in flight moved the state meanwhile: the next read keeps it.
    if (!this.index.inTransaction() && (await this.index.same(state, after, false))) {
      this.entries.delete(key);
      if (this.entries.size >= KEPT_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { state: after, value: drawn });
    }
    return drawn;
  }
}

function sqliteState(db: Db): IndexState {
  const version = db.prepare("PRAGMA data_version").pluck();
  const changes = db.prepare("SELECT total_changes()").pluck();
  return {
    now: () => `${Number(changes.get()) - asideChanges(db)}/${String(version.get())}`,
    same: (then, now) => then === now,
    inTransaction: () => db.inTransaction,
  };
}

function postgresState(sql: PostgresSql): IndexState {
  return {
    // txid_current_snapshot(): pg_current_snapshot()'s older name, kept in every version since 8.3.
    // A hot standby lists no transactions in flight in it, so a commit there could leave it
    // unchanged: the replayed WAL position is added, which every replayed commit moves.
    now: async () =>
      (await sql.get<{ state: string }>(
        `SELECT txid_current_snapshot()::text
           || CASE WHEN pg_is_in_recovery() THEN '@' || pg_last_wal_replay_lsn()::text ELSE '' END AS state`,
      ))!.state,
    same: async (then, now, wait) => {
      const aside = (xid: number) => wroteAsideOnly(sql, xid);
      const unknown = unknownCommits(then, now, aside);
      if (unknown === 0) return true;
      // Writes aside may have committed before their ids were noted. When they could be all the
      // unknown commits (never during a sync's, which outnumber them), wait for them once and look again.
      if (!wait || unknown > asideInFlight(sql)) return false;
      await asideSettled(sql);
      return unknownCommits(then, now, aside) === 0;
    },
    inTransaction: () => sql.transactional,
  };
}

/** More transactions than this between two reads: the index is taken as changed, unlooked. */
const SNAPSHOT_GAP = 256;

/**
 * How many transactions finished between snapshots `then` and `now` (in flight at `then`, or
 * begun after it, and no longer in flight at `now`) that are not known to have written aside only:
 * 0 when `now` sees the same rows as `then` apart from writes aside. One that rolled back, or is
 * not known here, counts. Infinity when it cannot tell: too many between, or a standby's snapshot
 * (with `@` and its replay position) that is not equal. Snapshots as txid_current_snapshot() writes
 * them: `xmin:xmax:xip,xip,…`.
 */
export function unknownCommits(then: string, now: string, aside: (xid: number) => boolean): number {
  if (then === now) return 0;
  if (then.includes("@") || now.includes("@")) return Infinity;
  const before = parseSnapshot(then);
  const after = parseSnapshot(now);
  if (after.xmax < before.xmax || after.xmax - before.xmax > SNAPSHOT_GAP) return Infinity;
  const running = new Set(after.inFlight);
  const changed = (xid: number) => xid < after.xmax && !running.has(xid) && !aside(xid);
  let unknown = before.inFlight.filter(changed).length;
  for (let xid = before.xmax; xid < after.xmax; xid++) if (changed(xid)) unknown++;
  return unknown;
}

function parseSnapshot(text: string): { xmax: number; inFlight: number[] } {
  const [, xmax, list] = text.split(":");
  return { xmax: Number(xmax), inFlight: list ? list.split(",").map(Number) : [] };
}

const caches = new WeakMap<object, KeptResults>();

/** `draw()`, or what it gave for `key` while the index has not changed since. */
export function kept<T>(sql: Sql, key: string, draw: () => Promise<T>): Promise<T> {
  // A dialect check, not instanceof: a class can be loaded twice across server bundles. SQLite's
  // results live with its connection; PostgreSQL's with the Sql (a transaction's own, made for it,
  // gets a cache that never keeps).
  const sqlite = sql.dialect.name === "sqlite" ? (sql as SqliteSql) : null;
  const owner = sqlite?.db ?? sql;
  let cache = caches.get(owner);
  if (!cache) {
    cache = new KeptResults(sqlite ? sqliteState(sqlite.db) : postgresState(sql as PostgresSql));
    caches.set(owner, cache);
  }
  return cache.get(key, draw);
}
