import type { CallFilters } from "@/lib/calls/query";
import { filterSql, type SqlPart } from "./list-query";
import { BUCKETS, samplePredicate, sampleState, sampledMatches } from "./search-sample-postgres";
import { matchExpression, tsQuery } from "./search-text";
import type { Sql } from "./sql/executor";
import { kept } from "./kept";

/**
 * A text search that matches a large share of the index (`q=价格`: 167,000 of 1,000,000 calls) made
 * every count over it read each matching call: seconds on either backend. Beyond
 * TEXT_SAMPLING.exactUpTo matches, totals and analytics over a text filter are counted over a sample
 * of the matching calls and scaled up, and the answer says so (CallList.totalIsEstimate,
 * Dropoff.estimate, DailyRow.estimate); the list's rows themselves are never sampled.
 *
 * The sample is every matching call whose seq hashes below a threshold (Knuth's multiplicative hash,
 * 2^32 buckets, the same on both backends): a fixed pseudo-random share of the calls, the same for
 * every figure of one index, so figures sampled together agree with each other.
 *
 * How many calls the text matches differs by backend. FTS5 counts a term's matches from its index
 * alone (tens of ms at 167,000), so on SQLite the scale (matches ÷ sampled) is exact and only the
 * share of the sampled matches that pass the other filters is estimated. PostgreSQL's GIN must visit
 * every match to count it, so there the matches are counted in a fixed share of the calls (a partial
 * index, search-sample-postgres.ts: 1/64) and estimated as that count ÷ the share; a word whose
 * estimate is within exactUpTo (a rare word, a word not there) is counted exactly, as on SQLite.
 *
 * The figures of one page (the list's total, the summary bar, drop-off, trends) all ask for the same
 * search's matches and sample: on SQLite they are read once per state of the index and kept
 * (kept.ts).
 */

export const TEXT_SAMPLING = {
  /** Text matches up to this many are counted exactly, with every other filter. */
  exactUpTo: 20_000,
  /** About how many matching calls a sample holds (standard error at a 10 % share: about 3 % of the figure). */
  size: 10_000,
};

const HASH = "((rowid * 2654435761) % 4294967296)";

export interface TextSample {
  /**
   * Calls the text matches (every filter but the text ignored): exact on SQLite; on PostgreSQL
   * exact when the sample holds every call, else estimated from the sample's share.
   */
  matches: number;
  /** Of those, the calls in the sample. */
  sampled: number;
  /**
   * "calls": a sample of the calls for filters without a text (filter-sample.ts); `matches` is then
   * the estimate of the calls the filters match, `sampled` those of them in the sample.
   */
  basis?: "calls";
  /** The filters as SQL, the text search restricted to the sample. */
  where: SqlPart;
  /** A count over `where` → the estimate for all matches. */
  scale(n: number): number;
  /**
   * The sampled calls as a condition on another table's call seq (PostgreSQL), for a join whose
   * other side the planner would otherwise read whole.
   */
  calls?(column: string): SqlPart;
}

/**
 * `column` is one of `seqs`: a bound int8 array on PostgreSQL, a bound JSON list on SQLite (one
 * parameter either way, however many calls; a sample holds thousands).
 */
export function seqsIn(sql: Sql, column: string, seqs: number[]): SqlPart {
  return sql.dialect.name === "postgres"
    ? { where: `${column} = ANY(?::int8[])`, params: [seqs] }
    : { where: `${column} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(seqs)] };
}

/** The match of `filters.q` as the list builds it (FTS5 or tsquery), or null when there is no text to search. */
function matchOf(filters: CallFilters, dialect: "sqlite" | "postgres" = "sqlite"): string | null {
  if (!filters.q) return null;
  const numbers = filters.numbers === "any" ? "any" : "whole";
  return dialect === "postgres" ? tsQuery(filters.q, numbers) : matchExpression(filters.q, numbers);
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
 * SQLite: whether a page of a text search finds its calls soonest by collecting the word's matches
 * and sorting them, rather than by walking the sort's index and testing each call (what its
 * INDEXED BY hint makes it do). At a million calls the walk reads ~limit × calls ÷ matches index
 * entries at ~0.15 µs (a word in no call: the whole index, 150 ms), collecting costs ~2.5 µs a
 * match (机器人's 46,000: 115 ms walked in 15): they cost the same near √(3 × calls) matches
 * (1,700). The count comes from the FTS index and is kept, as the total's.
 */
export async function collectsMatches(sql: Sql, filters: CallFilters): Promise<boolean> {
  if (sql.dialect.name !== "sqlite") return false;
  const match = matchOf(filters);
  if (!match) return false;
  const matches = await kept(sql, `matches ${match}`, () => countMatches(sql, match));
  // The highest seq, not COUNT(*): read from the end of the rowid tree at once.
  const calls = (await sql.get<{ n: number | null }>("SELECT MAX(seq) AS n FROM calls"))?.n ?? 0;
  return matches < Math.sqrt(3 * calls);
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
  options: { exactWhenAlone?: boolean; matches?: TextMatches | null } = {},
): Promise<TextSample | { exact: number } | null> {
  if (sql.dialect.name === "postgres") return postgresSample(sql, filters, timeZone, options);
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

/** PostgreSQL: how many calls a text search matches, from the sample index (see textMatches). */
export interface TextMatches {
  /** Exact when the sample holds every call, else the sampled matches ÷ the sample's share. */
  matches: number;
  exact: boolean;
  /** The sampled matches, each with its hash (to narrow the sample further). */
  found: { seq: number; hash: number }[];
  /** The sample indexes' hash bound. */
  below: number;
  /**
   * So common that a page finds its calls soonest by walking the sort's index and testing each
   * call (Dialect.searchProbe): the walk reads ~limit × calls ÷ matches calls, collecting reads
   * every match. At a million calls they cost the same near 8,000 matches (a page of 3,600: 50 ms
   * collected, 340 walked; of 46,000: 1.9 s collected, 15 ms walked): the walk from
   * √(64 × calls) matches.
   */
  common: boolean;
  /** The search as a tsquery. */
  tsquery: string;
}

/** Matches from which a page walks, at `calls` indexed calls (see TextMatches.common). */
export function walkFrom(calls: number | null): number {
  return Math.round(Math.sqrt(64 * (calls ?? 1_000_000)));
}

/**
 * PostgreSQL: the text's matches in the sample index, read once (a common word's 2,600 at a
 * million calls: ~15 ms), and the estimate of all its matches they give. Null when there is no
 * text, or no sample index (then every figure is counted). The list reads it first to choose how
 * to find its page (calls.ts) and hands it on to textSample, so the sample is read once.
 */
export async function textMatches(sql: Sql, filters: CallFilters): Promise<TextMatches | null> {
  if (sql.dialect.name !== "postgres") return null;
  const match = matchOf(filters, "postgres");
  if (!match) return null;
  const { below, calls } = await sampleState(sql);
  if (below === null) return null;
  const found = await sampledMatches(sql, match, below);
  const exact = below === BUCKETS;
  const matches = exact ? found.length : Math.round((found.length * BUCKETS) / below);
  return { matches, exact, found, below, common: matches >= walkFrom(calls), tsquery: match };
}

/**
 * PostgreSQL, a word that is not common: every call it matches, read once for a page and its
 * total. GIN finds candidates by their bigrams and rechecks each document for the phrase
 * (q=1375 with numbers=any at a million calls: 9,400 candidates, 3,200 matches, 130 ms), and the
 * page and the count each did that. Kept while the index is unchanged (kept.ts): the next page,
 * the summary bar and the same search again read them once.
 */
export async function allMatches(sql: Sql, text: TextMatches): Promise<number[]> {
  return kept(sql, `all ${text.tsquery}`, async () => {
    const rows = await sql.all<{ seq: string | number }>(
      "SELECT call_seq AS seq FROM calls_search WHERE body @@ ?::tsquery",
      [text.tsquery],
    );
    return rows.map((row) => Number(row.seq));
  });
}

/**
 * textSample on PostgreSQL: the sampled matches of textMatches; the figure's queries then read
 * those calls by seq, as SQLite's read its JSON list.
 */
async function postgresSample(
  sql: Sql,
  filters: CallFilters,
  timeZone: string,
  options: { exactWhenAlone?: boolean; matches?: TextMatches | null },
): Promise<TextSample | { exact: number } | null> {
  const text = options.matches !== undefined ? options.matches : await textMatches(sql, filters);
  if (!text) return null;
  const { matches, found } = text;
  const others = otherFilters(filters, timeZone, sql);
  if (text.exact && options.exactWhenAlone && others.where === "TRUE") return { exact: matches };
  if (matches <= TEXT_SAMPLING.exactUpTo) return null;
  // A word in most calls of a large index: the sample narrowed to about TEXT_SAMPLING.size, by
  // the same hash (a sample of the sample, as SQLite's is of its matches).
  const below = Math.ceil((BUCKETS * TEXT_SAMPLING.size) / matches);
  const seqs = found.filter((call) => call.hash < below).map((call) => call.seq);
  if (seqs.length === 0) return null; // nothing to scale: count every call
  const sampled = seqsIn(sql, "c.seq", seqs);
  return {
    matches,
    sampled: seqs.length,
    where: {
      // The sample's own predicate too: the sampled calls' columns are read from calls_sample.
      where: `${others.where} AND ${sampled.where} AND ${samplePredicate(text.below, "c.seq")}`,
      params: [...others.params, ...sampled.params],
    },
    scale: (n) => Math.round((n * matches) / seqs.length),
    calls: (column) => seqsIn(sql, column, seqs),
  };
}
