import type { CallFilters } from "@/lib/calls/query";
import { countsHold, filtersKey } from "./analytics";
import { kept } from "./kept";
import { filterSql } from "./list-query";
import { BUCKETS, DEFAULT_SAMPLE_BELOW, samplePredicate, sampleState } from "./search-sample-postgres";
import type { Sql } from "./sql/executor";
import { seqsIn, TEXT_SAMPLING, type TextSample } from "./text-sample";

/**
 * Totals for filters the count tables do not hold (a number of rounds, a duration range, a metric,
 * an annotation, an alert): without an estimate each counted the calls — at a million calls
 * 1.2–1.8 s on PostgreSQL for `result=answered&roundsMin=3&roundsMax=10`, and the summary bar's
 * alert counts joined 170,000 alert rows to them (3.4 s). Such a total is first counted in a fixed
 * 1/64 sample of the calls (a partial index of the filter columns: SQLite's migration 11, with the
 * metrics; PostgreSQL's calls_sample of migration 6, without them, so a metric filter reads the
 * sampled rows there), and when that says more than TEXT_SAMPLING.exactUpTo calls match it is the
 * answer, scaled up and said to be an estimate. Fewer are counted exactly: a rare selection is
 * where an exact figure matters, and its count is cheap where an index narrows it.
 *
 * Above exactUpTo (20,000) a sample holds at least ~310 matching calls, so the standard error is
 * at most ~6 % whatever the index's size, and ~2 % for the common filters (190,000 calls: ~3,000
 * sampled). The same hash as the text search's sample (text-sample.ts), so a page's figures are
 * read from one set of calls.
 */

/** SQLite's sample (migration 11, which writes this predicate out; its test checks the two agree). */
export const SQLITE_SAMPLE_INDEX = "calls_sample";
export const SQLITE_SAMPLE_PREDICATE = `((seq * 2654435761) % 4294967296) < ${DEFAULT_SAMPLE_BELOW}`;

/**
 * The sample's bound and its predicate on `c.seq`, as its index has it: a planner uses a partial
 * index only when the query's condition is visibly the index's own. Null: no sample (PostgreSQL
 * before its migration 6, or with the sample dropped).
 */
async function sampleOf(sql: Sql): Promise<{ below: number; predicate: string } | null> {
  if (sql.dialect.name === "postgres") {
    const { below } = await sampleState(sql);
    return below === null ? null : { below, predicate: samplePredicate(below, "c.seq") };
  }
  return { below: DEFAULT_SAMPLE_BELOW, predicate: `(${SQLITE_SAMPLE_PREDICATE.replace("seq", "c.seq")})` };
}

/**
 * The sample for `filters` when they match more than TEXT_SAMPLING.exactUpTo calls by its count,
 * else null (count every call). Not for a text search, which has its own sample of its matches,
 * nor for filters the count tables hold.
 */
export async function filterSample(
  sql: Sql,
  filters: CallFilters,
  timeZone: string,
): Promise<TextSample | null> {
  // Filters the count tables have columns for are counted there — or, in a zone whose offset changes
  // over the calls (they cannot be dated), counted exactly as before, never estimated.
  if (filters.q || countsHold(filters)) return null;
  // Kept while the index is unchanged (kept.ts): reading the sample is 4 ms on PostgreSQL at a
  // million calls, for every page and summary bar of such filters.
  return kept(
    sql,
    // The bound is part of the key: tests change it.
    `filter-sample ${TEXT_SAMPLING.exactUpTo} ${filtersKey(filters, timeZone)}`,
    () => drawSample(sql, filters, timeZone),
  );
}

async function drawSample(sql: Sql, filters: CallFilters, timeZone: string): Promise<TextSample | null> {
  const sample = await sampleOf(sql);
  // A sample of every call (a test's PostgreSQL) is no sample: count them.
  if (!sample || sample.below >= BUCKETS) return null;
  const where = filterSql(filters, timeZone, sql.dialect);
  const rows = await sql.all<{ seq: number | string }>(
    `SELECT c.seq AS seq FROM calls c ${sql.dialect.indexedBy(SQLITE_SAMPLE_INDEX)}
      WHERE ${where.where} AND ${sample.predicate}`,
    where.params,
  );
  const scale = (n: number) => Math.round((n * BUCKETS) / sample.below);
  const matches = scale(rows.length);
  if (matches <= TEXT_SAMPLING.exactUpTo) return null;
  const seqs = rows.map((row) => Number(row.seq));
  const calls = seqsIn(sql, "c.seq", seqs);
  return {
    matches,
    sampled: seqs.length,
    basis: "calls",
    where: {
      // The sample's own predicate too: on PostgreSQL the sampled calls' columns are read from calls_sample.
      where: `${where.where} AND ${calls.where} AND ${sample.predicate}`,
      params: [...where.params, ...calls.params],
    },
    scale,
    calls: (column) => seqsIn(sql, column, seqs),
  };
}
