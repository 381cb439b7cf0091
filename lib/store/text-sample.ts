import type { CallFilters } from "@/lib/calls/query";
import { filterSql, type SqlPart } from "./list-query";
import { matchExpression } from "./search-text";
import type { Sql } from "./sql/executor";
import { SqliteSql, type Db } from "./sql/sqlite";

/**
 * A text search that matches a large share of the index (`q=价格`: 167,000 of 1,000,000 calls) made
 * every count over it read each matching call: seconds on SQLite. Beyond TEXT_SAMPLING.exactUpTo matches,
 * totals and analytics over a text filter are counted over a sample of the matching calls and scaled
 * up, and the answer says so (CallList.totalIsEstimate, Dropoff.estimate, DailyRow.estimate); the
 * list's rows themselves are never sampled.
 *
 * The sample is every matching call whose seq hashes below a threshold (Knuth's multiplicative hash,
 * 2^32 buckets): a fixed pseudo-random share of the calls, the same for every figure of one index, so
 * figures sampled together agree with each other. FTS5 counts a term's matches from its index alone
 * (tens of ms at 167,000), so the scale (matches ÷ sampled matches) is exact; only the share of the
 * sampled matches that pass the other filters is estimated.
 *
 * SQLite only: PostgreSQL's GIN search has its own plans (another helper's); there every count is exact.
 *
 * The figures of one page (the list's total, the summary bar, drop-off, trends) all ask for the same
 * search's matches and sample: they are read once per state of the index and kept (SampleCache).
 */

export const TEXT_SAMPLING = {
  /** Text matches up to this many are counted exactly, with every other filter. */
  exactUpTo: 20_000,
  /** About how many matching calls a sample holds (standard error at a 10 % share: about 3 % of the figure). */
  size: 10_000,
};

const HASH = "((rowid * 2654435761) % 4294967296)";
const BUCKETS = 4_294_967_296;

export interface TextSample {
  /** Calls the text matches (every filter but the text ignored): exact. */
  matches: number;
  /** Of those, the calls in the sample. */
  sampled: number;
  /** The filters as SQL, the text search restricted to the sample. */
  where: SqlPart;
  /** A count over `where` → the estimate for all matches. */
  scale(n: number): number;
}

/** The FTS5 match of `filters.q` as the list builds it, or null when there is no text to search. */
function matchOf(filters: CallFilters): string | null {
  if (!filters.q) return null;
  return matchExpression(filters.q, filters.numbers === "any" ? "any" : "whole");
}

/** Calls whose search document matches `match` (the list's `q` alone): from the FTS index only. */
async function countMatches(sql: Sql, match: string): Promise<number> {
  const row = await sql.get<{ n: number }>(
    "SELECT COUNT(*) AS n FROM calls_search WHERE calls_search MATCH ?",
    [match],
  );
  return row!.n;
}

/** The sample of a search's matches: its seqs as a JSON list. */
async function drawSample(
  sql: Sql,
  match: string,
  matches: number,
): Promise<{ sampled: number; seqs: string }> {
  const below = Math.ceil((BUCKETS * TEXT_SAMPLING.size) / matches);
  // The sample's calls read once, as a JSON list that each query of the figure then reads
  // (json_each) instead of searching the text again.
  const sample = await sql.get<{ sampled: number; seqs: string }>(
    `SELECT COUNT(*) AS sampled, json_group_array(rowid) AS seqs
       FROM calls_search WHERE calls_search MATCH ? AND ${HASH} < ?`,
    [match, below],
  );
  return sample!;
}

/**
 * Matches and samples of recent searches, for as long as the index is unchanged: the key is the
 * main connection's total_changes() (every row any statement or trigger wrote through it, so every
 * search document written) and data_version (a commit by any other connection to the file). Never
 * filled inside a transaction, whose changes are counted before they are seen by the readers.
 */
class SampleCache {
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
      if (this.entries.size >= 16) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, drawn);
    }
    return drawn;
  }
}

const caches = new WeakMap<Db, SampleCache>();

/** `draw()`, or what it gave for `key` while the index has not changed since. */
function kept<T>(sql: Sql, key: string, draw: () => Promise<T>): Promise<T> {
  if (!(sql instanceof SqliteSql)) return draw();
  let cache = caches.get(sql.db);
  if (!cache) caches.set(sql.db, (cache = new SampleCache(sql.db)));
  return cache.get(key, draw);
}

/** The other filters (all but the text), as SQL; `TRUE` when there are none. */
export function otherFilters(filters: CallFilters, timeZone: string, sql: Sql): SqlPart {
  return filterSql({ ...filters, q: "" }, timeZone, sql.dialect);
}

/**
 * How `filters` is counted: `{ exact: n }` when the text alone decides it (no other filter), a
 * sample when the text matches more than TEXT_SAMPLING.exactUpTo calls, or null: count every call.
 */
export async function textSample(
  sql: Sql,
  filters: CallFilters,
  timeZone: string,
  options: { exactWhenAlone?: boolean } = {},
): Promise<TextSample | { exact: number } | null> {
  if (sql.dialect.name !== "sqlite") return null;
  const match = matchOf(filters);
  if (!match) return null;
  const others = otherFilters(filters, timeZone, sql);
  const matches = await kept(sql, `matches ${match}`, () => countMatches(sql, match));
  if (options.exactWhenAlone && others.where === "TRUE") return { exact: matches };
  if (matches <= TEXT_SAMPLING.exactUpTo) return null;
  // The size is part of the key: tests change it.
  const sample = await kept(sql, `sample ${TEXT_SAMPLING.size} ${match}`, () =>
    drawSample(sql, match, matches),
  );
  const sampled = sample.sampled;
  if (sampled === 0) return null; // cannot happen at this size; an exact count is always right
  return {
    matches,
    sampled,
    where: {
      where: `${others.where} AND c.seq IN (SELECT value FROM json_each(?))`,
      params: [...others.params, sample.seqs],
    },
    scale: (n) => Math.round((n * matches) / sampled),
  };
}
