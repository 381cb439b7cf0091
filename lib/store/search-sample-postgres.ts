import type { Sql } from "./sql/executor";

/**
 * PostgreSQL's fixed sample of the search index (migration 6): a partial GIN index over the calls
 * whose seq hashes below a bound, the same hash SQLite's sample uses (text-sample.ts). GIN cannot
 * count a term's matches without visiting each one (FTS5 can), so a common word's 167,000 matches
 * took seconds to count; its matches among a 1/64 share of the calls are counted from this small
 * index in milliseconds, and the whole is estimated as those × 64.
 *
 * An index, not a table: the writer and the bulk fill keep it exact without knowing it exists.
 * Its bound is recorded in settings (SAMPLE_SETTING) in the transaction that builds the index, so
 * the figures' scale always matches the index that counted them.
 */

/** 2^32 hash buckets: a bound of BUCKETS holds every call. */
export const BUCKETS = 4_294_967_296;

/** The share migration 6 indexes: 1/64 of the calls (15,600 at a million). */
export const DEFAULT_SAMPLE_BELOW = BUCKETS / 64;

export const SAMPLE_INDEX = "calls_search_sample";
/** The sampled calls' filter and figure columns, so sampled figures never read the wide call rows. */
export const SAMPLE_CALLS_INDEX = "calls_sample";
export const SAMPLE_SETTING = "search_sample_below";

/**
 * Knuth's multiplicative hash of a call's seq, as SQLite's `(rowid * 2654435761) % 4294967296`:
 * the seq is reduced first so the product stays within bigint for any seq (equal below 2^32).
 */
export function sampleHash(column: string): string {
  return `(((${column} % 4294967296) * 2654435761) % 4294967296)`;
}

/**
 * The indexes' predicate for `below`, on `column` (call_seq or seq), written into the SQL (not
 * bound): the planner uses a partial index only when the query's condition is visibly its own.
 */
export function samplePredicate(below: number, column: string): string {
  if (!Number.isInteger(below) || below <= 0 || below > BUCKETS) throw new Error(`sample bound ${below}`);
  return `${sampleHash(column)} < ${below}`;
}

/** The sample's two indexes for `below`, as migration 6 makes them for BUCKETS / 64. */
export function sampleIndexesSql(below: number): string[] {
  return [
    `CREATE INDEX ${SAMPLE_INDEX} ON calls_search USING GIN (body) WHERE ${samplePredicate(below, "call_seq")}`,
    `CREATE INDEX ${SAMPLE_CALLS_INDEX} ON calls (seq) INCLUDE (started_key, source_id, task_id, result,
       hangup_by, rounds, duration_sec, effective_intent, intent, review_intent, real_intent, review_status,
       last_line) WHERE ${samplePredicate(below, "seq")}`,
  ];
}

/**
 * The sample's bound, or null when this index has no sample (then every figure is counted); and
 * about how many calls are indexed (the planner's statistics; null before the first ANALYZE).
 */
export async function sampleState(sql: Sql): Promise<{ below: number | null; calls: number | null }> {
  const row = await sql.get<{ value: string | null; calls: number | null }>(
    `SELECT (SELECT value FROM settings WHERE key = ?) AS value,
            (SELECT reltuples FROM pg_class WHERE oid = 'calls_search'::regclass) AS calls`,
    [SAMPLE_SETTING],
  );
  const below = row?.value ? Number(row.value) : NaN;
  const calls = Number(row?.calls);
  return {
    below: Number.isInteger(below) && below > 0 && below <= BUCKETS ? below : null,
    calls: calls > 0 ? calls : null,
  };
}

/**
 * Rebuilds the sample to hold `share` (0 < share ≤ 1) of the calls: a larger index sizes its
 * sample down (1/256 at ten million calls keeps it at 40,000), and a test sizes it up so that a
 * few hundred calls make a sample. One transaction with its bound: searches wait for the new
 * index (seconds at a million calls) and never count with one bound and scale with the other.
 */
export async function resizeSearchSample(sql: Sql, share: number): Promise<void> {
  if (!(share > 0 && share <= 1)) throw new Error(`sample share ${share}: more than 0, at most 1`);
  const below = Math.round(BUCKETS * share);
  await sql.tx(async (tx) => {
    await tx.run(`DROP INDEX IF EXISTS ${SAMPLE_INDEX}`);
    await tx.run(`DROP INDEX IF EXISTS ${SAMPLE_CALLS_INDEX}`);
    for (const statement of sampleIndexesSql(below)) await tx.run(statement);
    await tx.run(
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [SAMPLE_SETTING, String(below)],
    );
  });
}

/** The matches of `tsquery` in the sample, with each one's hash (to narrow the sample further). */
export async function sampledMatches(
  sql: Sql,
  tsquery: string,
  below: number,
): Promise<{ seq: number; hash: number }[]> {
  const rows = await sql.all<{ seq: string | number; hash: string | number }>(
    `SELECT call_seq AS seq, ${sampleHash("call_seq")} AS hash FROM calls_search
      WHERE body @@ ?::tsquery AND ${samplePredicate(below, "call_seq")}`,
    [tsquery],
  );
  return rows.map((row) => ({ seq: Number(row.seq), hash: Number(row.hash) }));
}
