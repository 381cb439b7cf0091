import "server-only";
import type Database from "better-sqlite3";
import type { Dialect, Row, Sql } from "./executor";
import { Mutex } from "./mutex";
import type { SqliteReaders } from "./sqlite-readers";

export type Db = Database.Database;

export const sqliteDialect: Dialect = {
  name: "sqlite",
  indexedBy: (index) => `INDEXED BY ${index}`,
  jsonArray: (column) => `json_group_array(${column})`,
  containsFolded: (haystack, needle) => `instr(lower(${haystack}), lower(${needle})) > 0`,
  searchMatch: "c.seq IN (SELECT rowid FROM calls_search WHERE calls_search MATCH ?)",
  searchProbe: "c.seq IN (SELECT rowid FROM calls_search WHERE calls_search MATCH ?)",
  searchReviewed: "c.seq IN (SELECT rowid FROM calls_search WHERE calls_search MATCH ?)",
  // SQLite gathers an IN's matches first anyway; its INDEXED BY calls_by_seq makes it read them by seq.
  searchCollect: "c.seq IN (SELECT rowid FROM calls_search WHERE calls_search MATCH ?)",
  batchOrder: "b.rowid",
};

/** Rows each connection changed through runAside: kept.ts leaves them out of the index's state. */
const aside = new WeakMap<Db, { changes: number }>();

export function asideChanges(db: Db): number {
  return aside.get(db)?.changes ?? 0;
}

/**
 * SQLite behind the async interface. better-sqlite3 runs each statement synchronously, so a read is
 * a resolved promise. Writes and transactions take one lock: an async transaction holds the one
 * connection across awaits, and another caller's write must not land inside it (a rollback would
 * take it too). Hot paths that need no await (the sync's upserts) run whole under `exclusive`.
 * A file index has `readers` (sqlite-readers.ts): read-only statements outside a transaction run
 * there, off the event loop; inside a transaction, reads stay on it to see its own writes.
 */
export class SqliteSql implements Sql {
  readonly dialect = sqliteDialect;
  constructor(
    readonly db: Db,
    private readonly lock = new Mutex(),
    private readonly inTransaction = false,
    private readonly statements = new Map<string, Database.Statement>(),
    private readonly readers: SqliteReaders | null = null,
  ) {}

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async all<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const statement = this.statement(sql);
    if (this.inTransaction) return statement.all(...params) as T[];
    if (statement.readonly)
      return this.readers && !this.runsInline(sql)
        ? this.readers.all<T>(sql, params)
        : (this.timed(sql, () => statement.all(...params)) as T[]);
    // A change that returns rows (INSERT … RETURNING) is a write: it waits for the lock like one.
    return this.lock.with(() => statement.all(...params) as T[]);
  }

  async get<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    const statement = this.statement(sql);
    if (this.readers && !this.inTransaction && statement.readonly) {
      if (!this.runsInline(sql)) return this.readers.get<T>(sql, params);
      return this.timed(sql, () => statement.get(...params)) as T | undefined;
    }
    return (await this.all<T>(sql, params))[0];
  }

  /**
   * A read-only statement known to be fast (readers.routing) runs here rather than on a reader: less
   * CPU than the round trip through a worker. Not while another caller's transaction is open on this
   * connection: a reader sees only what is committed, and so must this read.
   */
  private runsInline(sql: string): boolean {
    return !this.db.inTransaction && this.readers!.routing.inline(sql);
  }

  /** Runs a read, reporting its time to the routing when there are readers to fall back on. */
  private timed<R>(sql: string, read: () => R): R {
    if (!this.readers) return read();
    const started = performance.now();
    const result = read();
    this.readers.routing.record(sql, performance.now() - started);
    return result;
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<{ changes: number }> {
    const statement = this.statement(sql);
    if (this.inTransaction) return { changes: statement.run(...params).changes };
    return this.lock.with(() => ({ changes: statement.run(...params).changes }));
  }

  async runAside(sql: string, params: readonly unknown[] = []): Promise<{ changes: number }> {
    const statement = this.statement(sql);
    // Counted in the same synchronous step as the write, so no read sees total_changes() moved and
    // the count not. A statement's changes never exceed what total_changes() adds (that also counts
    // rows its triggers write): the state can only move on, never back to an earlier value.
    const write = () => {
      const { changes } = statement.run(...params);
      let counted = aside.get(this.db);
      if (!counted) aside.set(this.db, (counted = { changes: 0 }));
      counted.changes += changes;
      return { changes };
    };
    return this.inTransaction ? write() : this.lock.with(write);
  }

  async insertId(sql: string, params: readonly unknown[] = []): Promise<number> {
    const statement = this.statement(sql);
    if (this.inTransaction) return Number(statement.run(...params).lastInsertRowid);
    return this.lock.with(() => Number(statement.run(...params).lastInsertRowid));
  }

  async tx<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    const release = await this.lock.acquire();
    const tx = new SqliteSql(this.db, this.lock, true, this.statements, this.readers);
    this.db.exec("BEGIN IMMEDIATE");
    try {
      const result = await work(tx);
      this.db.exec("COMMIT");
      return result;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
      throw err;
    } finally {
      release();
    }
  }

  /**
   * Runs synchronous work on the connection in one transaction, under the write lock. IMMEDIATE, as
   * `tx` is: the work reads a call, then writes it; begun deferred, another process writing the file
   * in between would make the write fail (SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out).
   */
  async exclusive<T>(work: (db: Db) => T): Promise<T> {
    if (this.inTransaction) return work(this.db);
    return this.lock.with(() => this.db.transaction(() => work(this.db)).immediate());
  }

  async close(): Promise<void> {
    await this.readers?.close();
    await this.lock.with(() => this.db.close());
  }
}
