import "server-only";
import { log } from "@/lib/log";
import type { CallQuery } from "@/lib/calls/query";
import type { CallResult, CallSummary, Intent, Utterance } from "@/lib/model";
import type { AlertRule } from "@/lib/alerts/match";
import type { Locator } from "@/lib/vendors/types";
import { countedAlerts, countedCalls, countedFacets } from "./analytics";
import { leaseRepository, type LeaseRepository } from "./leases";
import { encodeCursor, filterSql, pageSql, type SqlPart } from "./list-query";
import { quarantineRepository, type QuarantineRepository } from "./quarantine";
import type { Row, Sql } from "./sql/executor";
import { AlertRules } from "./calls/alert-rules";
import type { Alongside, UpsertCounts, UpsertInput } from "./calls/merge";
import { unpackRaw } from "./calls/pack";
import { summaryColumns, toSummary, toUtterance, UTTERANCE_COLUMNS, type IndexedCall } from "./calls/rows";
import { reindexSearch } from "./calls/search-index";
import { syncStateRepository, type SyncStateRepository } from "./sync-state";
import { filterSample } from "./filter-sample";
import {
  allMatches,
  collectsMatches,
  otherFilters,
  seqsIn,
  textMatches,
  textSample,
  TEXT_SAMPLING,
  type TextMatches,
  type TextSample,
} from "./text-sample";

export type { IndexedCall } from "./calls/rows";
export type { Alongside, UpsertCounts, UpsertInput } from "./calls/merge";
export { mergeSummaries } from "./calls/merge";
export { packRaw, unpackRaw } from "./calls/pack";

type Filters = Omit<CallQuery, "sort" | "limit" | "cursor">;

export interface CallStats {
  total: number;
  answered: number;
  byResult: Partial<Record<CallResult, number>>;
  byIntent: Partial<Record<Intent | "none", number>>;
  alerting: number;
  byAlert: Record<string, number>;
  /**
   * Present when the figures are estimates from a sample: of a common text search's matches
   * (text-sample.ts), or of the calls for filters the count tables do not hold (filter-sample.ts).
   */
  estimate?: { sampled: number; matches: number; basis?: "calls" };
}

/** The calls of the index: written by sync and live details, read by the list, the call page and analytics. */
export interface CallRepository {
  /**
   * Writes list entries or details; one transaction for the lot (a page is atomic). `alongside` runs
   * first in that transaction, with repositories bound to it (the sync's fence, quarantine and
   * checkpoint: Journal.page); when it throws, nothing is written.
   */
  upsert(
    inputs: UpsertInput[],
    now?: string,
    alongside?: (tx: PageTransaction) => Promise<void>,
  ): Promise<UpsertCounts>;
  /** The config's alerts, applied to every transcript indexed from now on; `notifying`: those with a webhook. */
  configureAlerts(rules: AlertRule[], notifying?: Iterable<string>): void;
  /**
   * Every call's alerts, read again from the stored transcripts: after the config's alerts changed.
   * Both dialects fold ASCII case only, like foldCase(). Nothing is notified: these calls are not newly indexed.
   */
  reindexAlerts(rules: AlertRule[]): Promise<number>;
  /** Rebuilds every call's search tokens (after indexTokens changed); returns how many calls. */
  reindexSearch(): Promise<number>;
  get(id: string): Promise<IndexedCall | null>;
  /**
   * The call's revision (null: no such call), one indexed read: raised by every write to what its
   * detail shows — the call, its review, its metrics, its alerts — from any instance sharing the index.
   */
  revision(id: string): Promise<number | null>;
  /** The vendor's own payloads for a call (list entry and detail), as received. */
  rawPayloads(id: string): Promise<{ list: unknown; detail: unknown } | null>;
  transcript(seq: number): Promise<Utterance[]>;
  /** One page of the list, newest first by default, plus the total for the filters. */
  list(
    query: CallQuery,
    timeZone: string,
    options?: { total?: boolean },
  ): Promise<{ items: CallSummary[]; total: number; totalIsEstimate?: true; nextCursor: string | null }>;
  /** The calls just before and after `id` in the order of `query` (whether or not `id` itself matches it). */
  neighbors(
    id: string,
    query: CallQuery,
    timeZone: string,
  ): Promise<{ prev: string | null; next: string | null } | null>;
  count(query: Filters, timeZone: string): Promise<number>;
  /** Every matching call, in list order, a batch at a time: for the CSV export (memory stays flat). */
  iterate(query: CallQuery, timeZone: string, batch?: number): AsyncGenerator<CallSummary>;
  /** Calls per source (memoized for a second: sync status is polled every second). */
  countsBySource(): Promise<Map<string, number>>;
  /** Calls whose list entry lacked what only the detail has, most recent first. */
  pendingDetails(
    sourceId: string,
    maxAttempts: number,
    limit: number,
  ): Promise<{ id: string; key: string; locator: Locator }[]>;
  pendingDetailCount(sourceId: string, maxAttempts: number): Promise<number>;
  recordDetailFailure(id: string, error: string): Promise<void>;
  /**
   * Facets for the summary bar: counts by result, by (effective) intent and by alert. `exactFilters`:
   * never from a sample of the calls (filter-sample.ts), for the analytics page, whose other figures
   * count those filters exactly and are compared with these (a common text search is still sampled,
   * as they are).
   */
  stats(query: Filters, timeZone: string, options?: { exactFilters?: boolean }): Promise<CallStats>;
}

/** What may write with a page's calls, in their transaction. */
export interface PageTransaction {
  leases: LeaseRepository;
  quarantine: QuarantineRepository;
  sync: SyncStateRepository;
}

export type CallWriter = (inputs: UpsertInput[], now: string, alongside?: Alongside) => Promise<UpsertCounts>;

/** Raised by every alert re-index: what each call's alerts were computed from changed. */
const ALERTS_GENERATION = "alerts_generation";
/**
 * A call's revision as the detail cache compares it: its own (raised by every write to what its
 * detail shows) plus the index's alert generation. Both only grow, so the sum changes whenever
 * either does.
 */
const REVISION = `c.revision + COALESCE((SELECT CAST(value AS BIGINT) FROM settings WHERE key = '${ALERTS_GENERATION}'), 0)`;

export function callRepository(sql: Sql, write: CallWriter, alerts: AlertRules): CallRepository {
  const { dialect } = sql;
  const SUMMARY = summaryColumns(dialect);
  let counted: { at: number; counts: Map<string, number> } | null = null;

  const transcript = async (seq: number): Promise<Utterance[]> =>
    (
      await sql.all(`SELECT ${UTTERANCE_COLUMNS} FROM utterances WHERE call_seq = ? ORDER BY position`, [seq])
    ).map(toUtterance);

  /** Summary rows for `seqs`, in that order. */
  const rowsBySeq = async (seqs: number[]): Promise<Row[]> => {
    if (seqs.length === 0) return [];
    const inPage = seqsIn(sql, "c.seq", seqs);
    const rows = await sql.all(
      `SELECT ${SUMMARY} FROM calls c LEFT JOIN reviews r ON r.call_id = c.id WHERE ${inPage.where}`,
      inPage.params,
      { generic: true },
    );
    const bySeq = new Map(rows.map((row) => [Number(row.seq), row]));
    return seqs.map((seq) => bySeq.get(seq)!).filter(Boolean);
  };

  const count = async (query: Filters, timeZone: string): Promise<number> =>
    // The per-day counts the triggers keep, when they hold every filter: a million calls need not be read.
    (await countedCalls(sql, query, timeZone)) ?? (await countEach(query, timeZone));

  /** Every matching call counted: where the count tables cannot answer. */
  const countEach = async (query: Filters, timeZone: string): Promise<number> => {
    const filters = filterSql(query, timeZone, dialect);
    const row = await sql.get<{ n: number }>(
      // A text search's calls are read by seq (SQLite migration 7), not found by testing every call.
      `SELECT COUNT(*) AS n FROM calls c ${dialect.indexedBy(query.q ? "calls_by_seq" : "calls_list_started")}
        WHERE ${filters.where}`,
      filters.params,
    );
    return row!.n;
  };

  /**
   * The list's total where the count tables cannot give it (countedCalls, read by the caller):
   * exact, except beyond TEXT_SAMPLING.exactUpTo calls: a text search combined with other filters
   * is estimated from a sample of its matches, other filters from a sample of the calls
   * (filter-sample.ts), and said to be.
   */
  const listTotal = async (
    query: Filters,
    timeZone: string,
    text: TextMatches | null,
  ): Promise<{ total: number; estimate: boolean }> => {
    const sample = await textSample(sql, query, timeZone, { exactWhenAlone: true, matches: text });
    if (sample && "exact" in sample) return { total: sample.exact, estimate: false };
    // The text alone (PostgreSQL, a sample of a share of the calls): the matches are the estimate.
    if (sample && otherFilters(query, timeZone, sql).where === "TRUE")
      return { total: sample.matches, estimate: true };
    if (sample) {
      const row = await sql.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM calls c ${dialect.indexedBy("calls_by_seq")} WHERE ${sample.where.where}`,
        sample.where.params,
      );
      return { total: sample.scale(row!.n), estimate: true };
    }
    const sampled = await filterSample(sql, query, timeZone);
    if (sampled) return { total: sampled.matches, estimate: true };
    return { total: await countEach(query, timeZone), estimate: false };
  };

  /** A rare word's calls (allMatches) that pass the other filters: by seq, or all of them when there are none. */
  const matchedTotal = async (query: Filters, timeZone: string, matched: number[]): Promise<number> => {
    const others = otherFilters(query, timeZone, sql);
    if (others.where === "TRUE") return matched.length;
    const filters = withMatches(sql, others, matched);
    const row = await sql.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM calls c WHERE ${filters.where}`,
      filters.params,
    );
    return Number(row!.n);
  };

  const list: CallRepository["list"] = async (query, timeZone, options = {}) => {
    // The total from the count tables, when they hold every filter, read first: a filter no call
    // matches (a source without calls, an empty drill-down) would otherwise walk the whole sort index
    // to find nothing (SQLite at a million calls: 88 ms).
    const counted = options.total === false ? null : await countedCalls(sql, query, timeZone);
    if (counted === 0) return { items: [], total: 0, nextCursor: null };
    // PostgreSQL: how common the text is decides how the page finds its calls (TextMatches.common);
    // the sample read for that is the total's too.
    const text = await textMatches(sql, query);
    // A rare word's few matches are collected first, then looked up by seq and sorted. SQLite counts
    // them (text-sample.ts; not for the export's pages, which need no total and would count again
    // after every write); PostgreSQL has them from its sample.
    const collect = text ? !text.common : options.total !== false && (await collectsMatches(sql, query));
    const probe = text?.common ?? false;
    // A word whose total is counted, not estimated (text-sample.ts): its matches read once, for both.
    const matched =
      text && collect && text.matches <= TEXT_SAMPLING.exactUpTo ? await allMatches(sql, text) : null;
    const filters = matched
      ? withMatches(sql, otherFilters(query, timeZone, sql), matched)
      : filterSql(query, timeZone, dialect, { probe, collect });
    const page = pageSql(query);
    // First the page's calls from the covering index alone (an in-order scan that stops at the
    // limit), then their rows: sorting wide rows is what made pages slow at 100,000 calls.
    const keysSql = `SELECT c.seq, ${page.sortColumn} AS sort_value FROM calls c
         ${dialect.indexedBy(collect ? "calls_by_seq" : page.index)}
        WHERE ${filters.where} AND ${page.after.where}
        ORDER BY ${page.order} LIMIT ?`;
    const keysParams = [...filters.params, ...page.after.params, query.limit + 1];
    const keys = probe
      ? // PostgreSQL only (probe comes from its sample), a common word: the walk of the sort's index,
        // which its planner, without an estimate for the test of each call, would trade for reading
        // every call and sorting them (q=手续费 at a million calls: 4.7 s instead of 20 ms).
        await sql.tx(async (tx) => {
          await tx.run("SET LOCAL enable_seqscan = off");
          await tx.run("SET LOCAL enable_sort = off");
          return tx.all(keysSql, keysParams);
        })
      : await sql.all(keysSql, keysParams);
    const more = keys.length > query.limit;
    const pageKeys = keys.slice(0, query.limit);
    const rows = await rowsBySeq(pageKeys.map((key) => Number(key.seq)));
    const last = pageKeys[pageKeys.length - 1];
    // The export walks thousands of pages and needs no total; counting each time would be O(n²).
    // A first page that holds every match is its own exact total.
    const total =
      options.total === false
        ? { total: -1, estimate: false }
        : !query.cursor && !more
          ? { total: pageKeys.length, estimate: false }
          : counted !== null
            ? { total: counted, estimate: false }
            : matched
              ? { total: await matchedTotal(query, timeZone, matched), estimate: false }
              : await listTotal(query, timeZone, text);
    return {
      items: rows.map(toSummary),
      // An estimate is never below the calls already seen.
      total: total.estimate ? Math.max(total.total, keys.length) : total.total,
      ...(total.estimate ? { totalIsEstimate: true as const } : {}),
      nextCursor:
        more && last
          ? encodeCursor({
              f: query.sort.field,
              d: query.sort.dir,
              v: Number(last.sort_value),
              s: Number(last.seq),
            })
          : null,
    };
  };

  /**
   * The summary bar's alert counts over the calls matching `filters`. `narrow`: a PostgreSQL sample
   * names its calls to the alerting count's read of call_alerts, else that table is read whole
   * (170,000 rows at a million calls). The per-alert join goes without it: named there too, the
   * planner scanned call_alerts whole rather than find each call's alerts by index (53 -> 35 ms for
   * a rounds range's stats at a million calls).
   */
  const countAlerts = async (
    filters: SqlPart,
    scale: (n: number) => number,
    alertHint: string,
    narrow: SqlPart = { where: "TRUE", params: [] },
  ) => {
    const join = `FROM call_alerts a JOIN calls c ${alertHint} ON c.seq = a.call_seq WHERE ${filters.where}`;
    const alertRows = await sql.all(
      `SELECT a.name AS name, COUNT(*) AS n ${join} GROUP BY a.name`,
      filters.params,
    );
    const byAlert: Record<string, number> = Object.fromEntries(
      alertRows.map((row) => [row.name as string, scale(row.n as number)]),
    );
    if (!alertRows.length) return { alerting: 0, byAlert };
    // SQLite counts the calls from the join just read (13 ms for q=价格 at a million calls, where
    // testing each match against call_alerts took 46 ms); PostgreSQL's planner scans call_alerts
    // whole for that join (40 ms), and finds each match's alerts by index instead (13 ms).
    const [calls, params] =
      dialect.name === "sqlite"
        ? [`SELECT COUNT(DISTINCT a.call_seq) AS n ${join}`, filters.params]
        : [
            `SELECT COUNT(*) AS n FROM calls c ${alertHint} WHERE ${filters.where}
               AND c.seq IN (SELECT call_seq FROM call_alerts a WHERE ${narrow.where})`,
            [...filters.params, ...narrow.params],
          ];
    return { alerting: scale((await sql.get<{ n: number }>(calls, params))!.n), byAlert };
  };

  return {
    async upsert(inputs, now = new Date().toISOString(), alongside) {
      const counts = await write(
        inputs,
        now,
        alongside &&
          ((tx) =>
            alongside({
              leases: leaseRepository(tx),
              quarantine: quarantineRepository(tx),
              sync: syncStateRepository(tx),
            })),
      );
      if (counts.inserted) counted = null;
      return counts;
    },

    configureAlerts(rules, notifying = []) {
      alerts.configure(rules, notifying);
    },

    async reindexAlerts(rules) {
      const alerting = await sql.tx(async (tx) => {
        // Every cached detail may show other alerts now: one generation raised for all (REVISION),
        // where bumping the revision of each call with alerts, before and after, rewrote 146,000
        // wide rows twice at a million calls (57 s each on PostgreSQL).
        await tx.run(
          `INSERT INTO settings (key, value) VALUES ('${ALERTS_GENERATION}', '1')
           ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(settings.value AS BIGINT) + 1 AS TEXT)`,
        );
        await tx.run("DELETE FROM call_alerts");
        const pg = tx.dialect.name === "postgres";
        for (const rule of rules)
          for (const phrase of rule.phrases)
            await tx.run(
              `INSERT INTO call_alerts (${pg ? "source_id, " : ""}name, call_seq)
               SELECT ${pg ? "source_id, " : ""}?, call_seq FROM utterances
                WHERE ${tx.dialect.containsFolded("text", "?")} ON CONFLICT DO NOTHING`,
              [rule.name, phrase],
            );
        return (await tx.get<{ n: number }>("SELECT COUNT(DISTINCT call_seq) AS n FROM call_alerts"))!.n;
      });
      // PostgreSQL: the triggers rewrote every alerting call's row twice (calls.alert_names), and
      // until a vacuum the covering indexes answer from the heap. At a million calls the server
      // then served the list at 25 requests/s instead of 130 (312,000 dead rows; autovacuum had
      // not come 2 minutes on). The VACUUM takes ~7 s there; the re-index runs at start, once.
      // Maintenance: a failed VACUUM (cancelled, timed out) leaves it to autovacuum, and must not
      // fail the start that re-indexed (its fingerprint is saved after this returns).
      if (sql.dialect.name === "postgres")
        await sql.run("VACUUM (ANALYZE) calls, call_alerts").catch((err: unknown) =>
          log.warn("alerts: VACUUM after the re-index failed; autovacuum will follow", {
            error: err instanceof Error ? err.message : String(err),
          }),
        );
      return alerting;
    },

    reindexSearch: () => reindexSearch(sql),

    async get(id) {
      const row = await sql.get(
        `SELECT ${SUMMARY}, c.call_key, c.locator, c.extra, c.recording_url, c.transcript_state, c.detail_at,
                ${REVISION} AS revision
           FROM calls c LEFT JOIN reviews r ON r.call_id = c.id WHERE c.id = ?`,
        [id],
      );
      if (!row) return null;
      const seq = Number(row.seq);
      const state = row.transcript_state as IndexedCall["transcriptState"];
      const lines = await transcript(seq);
      return {
        summary: toSummary(row),
        seq,
        callKey: row.call_key as string,
        locator: JSON.parse(row.locator as string) as Locator,
        // A pending call (its detail is still to be fetched) has no transcript yet, unless an older detail gave one.
        transcript: state === "pending" && lines.length === 0 ? null : lines,
        transcriptState: state,
        extra: JSON.parse(row.extra as string) as Record<string, unknown>,
        recordingUrl: (row.recording_url as string | null) ?? null,
        detailAt: (row.detail_at as string | null) ?? null,
        revision: Number(row.revision),
      };
    },

    async revision(id) {
      const row = await sql.get<{ revision: number }>(
        `SELECT ${REVISION} AS revision FROM calls c WHERE c.id = ?`,
        [id],
      );
      return row ? Number(row.revision) : null;
    },

    async rawPayloads(id) {
      const row = await sql.get<{ raw_list: Buffer | null; raw_detail: Buffer | null }>(
        "SELECT raw_list, raw_detail FROM calls WHERE id = ?",
        [id],
      );
      if (!row) return null;
      return { list: unpackRaw(row.raw_list), detail: unpackRaw(row.raw_detail) };
    },

    transcript,
    list,

    async neighbors(id, query, timeZone) {
      const page = pageSql({ ...query, cursor: null });
      const self = await sql.get(`SELECT c.seq, ${page.sortColumn} AS v FROM calls c WHERE c.id = ?`, [id]);
      if (!self) return null;
      const filters = filterSql(query, timeZone, dialect);
      const asc = query.sort.dir === "asc";
      const find = async (after: boolean) => {
        // "after" in list order: smaller keys when the list is descending.
        const op = after === asc ? ">" : "<";
        const dir = after === asc ? "ASC" : "DESC";
        const row = await sql.get(
          `SELECT c.id FROM calls c ${dialect.indexedBy(page.index)} WHERE ${filters.where}
             AND (${page.sortColumn} ${op} ? OR (${page.sortColumn} = ? AND c.seq ${op} ?))
           ORDER BY ${page.sortColumn} ${dir}, c.seq ${dir} LIMIT 1`,
          [...filters.params, self.v, self.v, self.seq],
        );
        return row ? (row.id as string) : null;
      };
      return { prev: await find(false), next: await find(true) };
    },

    count,

    async *iterate(query, timeZone, batch = 500) {
      let cursor: string | null = null;
      do {
        const page = await list({ ...query, cursor, limit: batch }, timeZone, { total: false });
        yield* page.items;
        cursor = page.nextCursor;
      } while (cursor);
    },

    async countsBySource() {
      if (counted && Date.now() - counted.at < 1000) return counted.counts;
      const rows = await sql.all(
        `SELECT source_id, COUNT(*) AS n FROM calls ${dialect.indexedBy("calls_list_started")} GROUP BY source_id`,
      );
      const counts = new Map(rows.map((row) => [row.source_id as string, row.n as number]));
      counted = { at: Date.now(), counts };
      return counts;
    },

    async pendingDetails(sourceId, maxAttempts, limit) {
      const rows = await sql.all(
        `SELECT id, call_key, locator FROM calls
          WHERE source_id = ? AND transcript_state = 'pending' AND detail_attempts < ?
          ORDER BY detail_attempts, started_key DESC LIMIT ?`,
        [sourceId, maxAttempts, limit],
      );
      return rows.map((row) => ({
        id: row.id as string,
        key: row.call_key as string,
        locator: JSON.parse(row.locator as string) as Locator,
      }));
    },

    async pendingDetailCount(sourceId, maxAttempts) {
      const row = await sql.get<{ n: number }>(
        "SELECT COUNT(*) AS n FROM calls WHERE source_id = ? AND transcript_state = 'pending' AND detail_attempts < ?",
        [sourceId, maxAttempts],
      );
      return row!.n;
    },

    async recordDetailFailure(id, error) {
      await sql.run("UPDATE calls SET detail_attempts = detail_attempts + 1, detail_error = ? WHERE id = ?", [
        error.slice(0, 500),
        id,
      ]);
    },

    async stats(query, timeZone, options = {}) {
      // A common text search: every figure from a sample of its matches, scaled up (text-sample.ts);
      // filters the count tables do not hold and that match many calls: from a sample of the calls.
      const found = await textSample(sql, query, timeZone);
      const counted = found ? null : await countedFacets(sql, query, timeZone);
      const sample: TextSample | null =
        found && "where" in found
          ? found
          : counted || options.exactFilters
            ? null
            : await filterSample(sql, query, timeZone);
      const filters = sample ? sample.where : filterSql(query, timeZone, dialect);
      const scale = sample ? sample.scale : (n: number) => n;
      // A text search (sampled or not, at most TEXT_SAMPLING.exactUpTo matches then) reads its calls by
      // seq: ~2.5 µs a match on SQLite, where walking the time index past a million calls took 150 ms
      // for a word in no call. effective_intent spelled out (its definition), so calls_by_seq covers
      // the query (SQLite reads a generated column from the row, and the matches' rows are cold).
      const bySeq = sample !== null || Boolean(query.q);
      const intent = bySeq ? "COALESCE(c.review_intent, c.intent)" : "c.effective_intent";
      // The per-day counts when they hold every filter (no intent is '' there), else the calls.
      const grouped =
        (!sample && counted) ||
        sql.all(
          `SELECT c.result AS result, ${intent} AS intent, COUNT(*) AS n
             FROM calls c ${dialect.indexedBy(bySeq ? "calls_by_seq" : "calls_list_started")} WHERE ${filters.where}
            GROUP BY 1, 2`,
          filters.params,
        );
      // Calls raising any alert, and per alert: the summary bar's count (the same filters), from
      // the per-alert counts (call_alert_days) when they hold every filter. Read beside the groups.
      const alertHint = bySeq ? dialect.indexedBy("calls_by_seq") : "";
      const [groups, { alerting, byAlert }] = await Promise.all([
        grouped,
        (async () =>
          (!sample && (await countedAlerts(sql, query, timeZone))) ||
          (await countAlerts(filters, scale, alertHint, sample?.calls?.("a.call_seq"))))(),
      ]);
      const byResult: Partial<Record<CallResult, number>> = {};
      const byIntent: Partial<Record<Intent | "none", number>> = {};
      let total = 0;
      // Raw counts added up first and scaled once: scaling each group and adding them up drifted by
      // the rounding (a sample of the text alone gave 167,454 calls of 167,455 matches, fewer than
      // the answered ones).
      for (const group of groups) {
        const n = group.n as number;
        const result = group.result as CallResult;
        const intent = ((group.intent as Intent | null) || "none") as Intent | "none";
        byResult[result] = (byResult[result] ?? 0) + n;
        byIntent[intent] = (byIntent[intent] ?? 0) + n;
        total += n;
      }
      total = scale(total);
      for (const [key, n] of Object.entries(byResult)) byResult[key as CallResult] = scale(n);
      for (const [key, n] of Object.entries(byIntent)) byIntent[key as Intent | "none"] = scale(n);
      return {
        total,
        answered: byResult.answered ?? 0,
        byResult,
        byIntent,
        alerting,
        byAlert,
        ...(sample
          ? { estimate: { sampled: sample.sampled, matches: sample.matches, ...basisOf(sample) } }
          : {}),
      };
    },
  };
}

export { AlertRules };

/** The estimate's basis when the sample is of the calls (filter-sample.ts); a text sample's has none. */
function basisOf(sample: TextSample): { basis?: "calls" } {
  return sample.basis ? { basis: sample.basis } : {};
}

/** `filters` and the calls `matched` (PostgreSQL: a rare word's matches, read once). */
function withMatches(sql: Sql, filters: SqlPart, matched: number[]): SqlPart {
  const calls = seqsIn(sql, "c.seq", matched);
  return { where: `${filters.where} AND ${calls.where}`, params: [...filters.params, ...calls.params] };
}
