/**
 * The one seam between the repositories and a database: SQL text with `?` placeholders, run
 * against SQLite (better-sqlite3) or PostgreSQL (pg). Repositories hold their SQL once; where the
 * two dialects differ (index hints, JSON aggregation, the search match) they ask `dialect`.
 */

export type Row = Record<string, unknown>;

export interface Dialect {
  name: "sqlite" | "postgres";
  /** `INDEXED BY name` in SQLite (its planner needs the hint for the covering list indexes); nothing in PostgreSQL. */
  indexedBy(index: string): string;
  /** An aggregate of `column` into a JSON array text (`["a","b"]`). */
  jsonArray(column: string): string;
  /** `position of needle in haystack > 0`, folding ASCII case only (both dialects alike). */
  containsFolded(haystack: string, needle: string): string;
  /** The condition "call c matches the search" with one parameter: the dialect's match expression. */
  searchMatch: string;
  /**
   * The same condition tested call by call (one parameter too): for a page of a common word, where
   * walking the sort's index and testing each call stops after a few hundred, while searchMatch
   * would first collect every match (PostgreSQL; SQLite's planner makes that choice itself).
   */
  searchProbe: string;
  /**
   * searchMatch among the calls with a reviewer's intent only (one parameter too), for intent
   * agreement: PostgreSQL looks the word up in those calls' own copy of their documents (migration 7).
   */
  searchReviewed: string;
  /**
   * searchMatch for a page of a rare word: its matches gathered first, then their calls read by seq
   * and sorted. PostgreSQL, estimating ~1,900 matches for any word, otherwise walked the sort's
   * index testing each of a million calls for a word in none (12 s).
   */
  searchCollect: string;
  /** Insertion order of review batches (SQLite's rowid, PostgreSQL's serial). */
  batchOrder: string;
}

/**
 * `generic`: the statement's best plan does not depend on its parameters (a lookup by a unique key
 * or by a list of seqs). PostgreSQL then prepares it once per connection and plans it once
 * (planning the page's rows took longer than reading them); SQLite caches every statement anyway.
 * Name the columns (no `*`): a prepared `*` fails once a newer instance's migration adds a column.
 */
export interface ReadOptions {
  generic?: boolean;
}

export interface Sql {
  readonly dialect: Dialect;
  all<T = Row>(sql: string, params?: readonly unknown[], options?: ReadOptions): Promise<T[]>;
  get<T = Row>(sql: string, params?: readonly unknown[], options?: ReadOptions): Promise<T | undefined>;
  /** A change; `changes` is the number of rows it touched. */
  run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }>;
  /**
   * A change to a table no kept result reads (the audit log, sessions, sign-in throttling, number
   * searches): it leaves the index's state (kept.ts) where it was, so a page read in bulk or a
   * sign-in does not make every kept total be counted again. One INSERT, UPDATE or DELETE without
   * a RETURNING of its own (PostgreSQL adds one to learn its transaction).
   */
  runAside(sql: string, params?: readonly unknown[]): Promise<{ changes: number }>;
  /** An INSERT into a table keyed by an integer `id`: the id it was given. */
  insertId(sql: string, params?: readonly unknown[]): Promise<number>;
  /**
   * Runs `work` in one transaction (all of it or none). Inside, `tx` is the same interface bound
   * to that transaction; a transaction begun inside one joins it.
   */
  tx<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
