import type { Sql } from "./sql/executor";
import type { Db, SqliteSql } from "./sql/sqlite";

/** Enough for the filters of a few pages (each: its total, facets and alert counts) and their searches. */
const KEPT_ENTRIES = 64;

/**
 * Results kept for as long as the index is unchanged (SQLite): a text search's matches and sample
 * (text-sample.ts), the count tables' figures (analytics.ts). The state they were read in is the
 * main connection's total_changes() (every row any statement or trigger wrote through it, so every
 * call and count written) and data_version (a commit by any other connection to the file). Never
 * filled inside a transaction, whose changes are counted before they are seen by the readers.
 * PostgreSQL has no such cheap state, so it reads every time. Callers must not change what they get.
 */
class KeptResults {
  private state = "";
  private readonly entries = new Map<string, unknown>();
  private readonly version: { get(): unknown };
  private readonly changes: { get(): unknown };

  constructor(private readonly db: Db) {
    this.version = db.prepare("PRAGMA data_version").pluck();
    this.changes = db.prepare("SELECT total_changes()").pluck();
  }

  /** The entry for `key`, computed by `draw` unless the index is as it was when it was kept. */
  async get<T>(key: string, draw: () => Promise<T>): Promise<T> {
    if (this.db.inTransaction) return draw();
    const state = `${String(this.changes.get())}/${String(this.version.get())}`;
    if (state !== this.state) {
      this.entries.clear();
      this.state = state;
    }
    if (this.entries.has(key)) return this.entries.get(key) as T;
    const drawn = await draw();
    // Kept only if nothing was written while it was read.
    if (state === `${String(this.changes.get())}/${String(this.version.get())}` && !this.db.inTransaction) {
      if (this.entries.size >= KEPT_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, drawn);
    }
    return drawn;
  }
}

const caches = new WeakMap<Db, KeptResults>();

/** `draw()`, or what it gave for `key` while the index has not changed since. */
export function kept<T>(sql: Sql, key: string, draw: () => Promise<T>): Promise<T> {
  // A dialect check, not instanceof: a class can be loaded twice across server bundles.
  if (sql.dialect.name !== "sqlite") return draw();
  const { db } = sql as SqliteSql;
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new KeptResults(db)));
  return cache.get(key, draw);
}
