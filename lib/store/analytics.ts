import "server-only";
import type { CallFilters } from "@/lib/calls/query";
import type { Intent } from "@/lib/model";
import { INTENTS } from "@/lib/vocabulary";
import type { DailyRow, Dropoff, IntentAgreement } from "@/lib/queries/analytics";
import type { Sql } from "./sql/executor";
import { dateBound, filterSql, REVIEWER_INTENT, type SqlPart } from "./list-query";
import { SQLITE_COUNT_ALERT_DAYS } from "./migrations";
import { POSTGRES_COUNT_ALERT_DAYS } from "./migrations-postgres";
import { kept } from "./kept";
import { textSample, type TextSample } from "./text-sample";

/**
 * The analytics of CONTRACT.md §3, computed from the index with the list's own WHERE builder
 * (filterSql): a figure and the list its link opens are the same calls by construction. No query
 * reads the wide call rows. Drop-off and trends read the counts kept by trigger (call_rounds,
 * call_days: SQLite's migration 7, PostgreSQL's 5) when every filter is one of their columns, else
 * a covering index; intent agreement reads the partial index of calls with a reviewer's intent.
 */

export type { DailyRow, Dropoff, IntentAgreement };

/** Lines beyond this many are left out of byLastRobotLine (they are the long tail of one-off lines). */
export const MAX_LINES = 500;

/** Daily rows are counted in 15-minute buckets of UTC, then dated in the zone: every zone's offset is a multiple. */
const BUCKET_MS = 15 * 60_000;

type Row = Record<string, number | string | null>;

export interface AnalyticsRepository {
  dropoff(filters: CallFilters, timeZone: string): Promise<Dropoff>;
  intentAgreement(filters: CallFilters, timeZone: string): Promise<IntentAgreement>;
  /** One row per day with calls, oldest first; calls without a start time have no day and are left out. */
  daily(filters: CallFilters, timeZone: string): Promise<DailyRow[]>;
}

export function analyticsRepository(sql: Sql): AnalyticsRepository {
  const hint = (index: string) => sql.dialect.indexedBy(index);
  const run = (text: string, where: SqlPart): Promise<Row[]> =>
    sql.all<Row>(text.replace("$WHERE", `(${where.where})`), where.params);
  /** A sample of a common text search's matches (text-sample.ts), or null: count every call. */
  const sampleOf = async (filters: CallFilters, timeZone: string): Promise<TextSample | null> => {
    const found = await textSample(sql, filters, timeZone);
    return found && "where" in found ? found : null;
  };

  /**
   * byLastRobotLine from the drop-off's grouped calls: the MAX_LINES most frequent lines (ties by
   * line id), then ordered by count and text — the text in the database's own order (its ORDER BY;
   * a stable sort by count keeps it among equal counts), as the SQL of the count tables has it.
   */
  const linesOf = async (groups: Row[]): Promise<Row[]> => {
    const byLine = new Map<number, number>();
    for (const group of groups) {
      if (group.line === null) continue;
      const line = Number(group.line);
      byLine.set(line, (byLine.get(line) ?? 0) + (group.n as number));
    }
    const top = [...byLine].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, MAX_LINES);
    if (top.length === 0) return [];
    const counts = new Map(top);
    const texts = await sql.all<{ id: number; text: string }>(
      `SELECT id, text FROM robot_lines WHERE id IN (${top.map(() => "?").join(",")}) ORDER BY text`,
      top.map(([line]) => line),
    );
    return texts.map((row) => ({ text: row.text, n: counts.get(Number(row.id))! })).sort((a, b) => b.n - a.n);
  };

  return {
    async dropoff(filters, timeZone) {
      // call_rounds holds answered calls only: a result filter either keeps them all or none.
      const counted = rollupFilter(filters, null);
      const sample = counted ? null : await sampleOf(filters, timeZone);
      const where = sample ? sample.where : filterSql(filters, timeZone, sql.dialect);
      const scale = sample ? sample.scale : (n: number) => n;
      // A text search reads the calls it found; a date range its days; otherwise all answered calls.
      const index = filters.q
        ? "calls_by_seq"
        : filters.from !== null || filters.to !== null
          ? "calls_analytics_started"
          : "calls_analytics";
      // Read from the calls: rounds and the customers' last lines in one pass (each pass over a text
      // search's sample is 10,000 index look-ups), the line per customer hang-up only.
      const calls = counted
        ? null
        : await run(
            `SELECT c.rounds AS rounds, CASE WHEN c.hangup_by = 'customer' THEN 1 ELSE 0 END AS customer,
                    CASE WHEN c.hangup_by = 'customer' THEN c.last_line END AS line, COUNT(*) AS n
               FROM calls c ${hint(index)} WHERE c.result = 'answered' AND $WHERE
              GROUP BY 1, 2, 3`,
            where,
          );
      const rounds =
        calls ??
        (await run(
          // Grouped in the key's own order (no sort); the few rows per round are added up below.
          `SELECT NULLIF(rounds, -1) AS rounds, CASE WHEN hangup_by = 'customer' THEN 1 ELSE 0 END AS customer,
                  SUM(n) AS n
             FROM call_rounds WHERE n > 0 AND $WHERE GROUP BY hangup_by, rounds`,
          counted!,
        ));
      let answered = 0;
      let customerHangups = 0;
      const atRound = new Map<number, { calls: number; customer: number }>();
      for (const row of rounds) {
        const n = row.n as number;
        answered += n;
        if (row.customer === 1) customerHangups += n;
        if (row.rounds === null) continue;
        const entry = atRound.get(row.rounds as number) ?? { calls: 0, customer: 0 };
        entry.calls += n;
        if (row.customer === 1) entry.customer += n;
        atRound.set(row.rounds as number, entry);
      }
      // Round 0 (hung up before the first exchange) only when some call has it; then every round to the last.
      const known = [...atRound.keys()];
      const byRound: Dropoff["byRound"] = [];
      if (known.length) {
        const first = Math.min(1, ...known);
        const last = Math.max(...known);
        let reached = [...atRound.values()].reduce((sum, entry) => sum + entry.calls, 0);
        for (let round = 0; round <= last; round++) {
          const entry = atRound.get(round);
          if (round >= first) byRound.push({ round, reached, customerHangups: entry?.customer ?? 0 });
          reached -= entry?.calls ?? 0;
        }
      }

      const lines = calls
        ? await linesOf(calls)
        : await run(
            `SELECT l.text AS text, g.n AS n FROM (
                SELECT line, SUM(n) AS n FROM (
                    SELECT last_line AS line, SUM(n) AS n FROM call_rounds
                     WHERE hangup_by = 'customer' AND last_line <> 0 AND n > 0 AND $WHERE
                     GROUP BY rounds, last_line
                  ) r GROUP BY line ORDER BY n DESC, line LIMIT ${MAX_LINES}
              ) g JOIN robot_lines l ON l.id = g.line ORDER BY g.n DESC, l.text`,
            counted!,
          );
      // Sampled: counts scaled up, shares as the sample has them.
      return {
        answered: scale(answered),
        customerHangups: scale(customerHangups),
        byRound: byRound.map((row) => ({
          round: row.round,
          reached: scale(row.reached),
          customerHangups: scale(row.customerHangups),
        })),
        byLastRobotLine: lines.map((row) => ({
          text: row.text as string,
          customerHangups: scale(row.n as number),
          share: customerHangups ? (row.n as number) / customerHangups : 0,
        })),
        ...(sample ? { estimate: { sampled: sample.sampled, matches: sample.matches } } : {}),
      };
    },

    async intentAgreement(filters, timeZone) {
      const rows = await run(
        // Ordered outside the grouping: ORDER BY on the grouped columns made SQLite read the call rows.
        `SELECT * FROM (
            SELECT c.intent AS vendor, ${REVIEWER_INTENT} AS reviewer, COUNT(*) AS n
              FROM calls c ${hint("calls_reviewed")} WHERE ${REVIEWER_INTENT} IS NOT NULL AND $WHERE
             GROUP BY 1, 2
          ) g ORDER BY vendor IS NULL, vendor, reviewer`,
        filterSql(filters, timeZone, sql.dialect, { reviewed: true }),
      );
      let compared = 0;
      let agreed = 0;
      const cells = rows.map((row) => {
        const calls = row.n as number;
        compared += calls;
        if (row.vendor === row.reviewer) agreed += calls;
        return { vendor: (row.vendor as Intent | null) ?? null, reviewer: row.reviewer as Intent, calls };
      });
      return { compared, agreed, cells };
    },

    async daily(filters, timeZone) {
      // A zone with one offset over the calls' span (Asia/Shanghai, any zone without DST): the day is
      // computed in SQL and there is a group per day. Otherwise 15-minute buckets of UTC, dated in JS
      // (every zone's offset is a multiple of 15 minutes).
      const span = await startSpan(sql);
      if (!span) return [];
      const offset = fixedOffset(timeZone, span.lo, span.hi);
      const counted = offset === null ? null : rollupFilter(filters, { offset, timeZone });
      let rows: Row[];
      let sample: TextSample | null = null;
      if (counted) {
        await countDaysAt(sql, offset!);
        // Quoted aliases: PostgreSQL folds unquoted names to lower case (intent_A would come back as intent_a).
        const intents = INTENT_KEYS.map(
          (intent) =>
            `SUM(CASE WHEN effective_intent = '${intent === "none" ? "" : intent}' THEN n ELSE 0 END) AS "intent_${intent}"`,
        ).join(", ");
        rows = await run(
          `SELECT day AS k, SUM(n) AS n, SUM(CASE WHEN result = 'answered' THEN n ELSE 0 END) AS answered,
                  SUM(CASE WHEN result = 'answered' AND hangup_by = 'customer' THEN n ELSE 0 END) AS customer, ${intents}
             FROM call_days WHERE day >= 0 AND n > 0 AND $WHERE GROUP BY day`,
          counted,
        );
      } else {
        sample = await sampleOf(filters, timeZone);
        const key =
          offset === null ? `c.started_key / ${BUCKET_MS}` : `(c.started_key + ${offset}) / ${DAY_MS}`;
        // Grouped by the plain columns and added up below: SQLite reads the generated
        // effective_intent from the call row, not from the covering index (a row per call of a text
        // search's sample, most of them cold), and a CASE over COALESCE(review_intent, intent), its
        // definition, gave wrong sums over calls_by_seq (SQLite 3.53).
        const groups = await run(
          `SELECT ${key} AS k,
                  CASE WHEN c.result <> 'answered' THEN 0 WHEN c.hangup_by = 'customer' THEN 2 ELSE 1 END AS outcome,
                  c.review_intent AS review_intent, c.intent AS intent, COUNT(*) AS n
             FROM calls c ${hint(filters.q ? "calls_by_seq" : "calls_analytics_started")}
            WHERE c.started_key > 0 AND $WHERE
            GROUP BY 1, 2, 3, 4`,
          sample ? sample.where : filterSql(filters, timeZone, sql.dialect),
        );
        rows = dailyRows(groups);
      }
      const dateOf =
        offset === null
          ? (k: number) => bucketDay(k * BUCKET_MS)
          : (k: number) => new Date(k * DAY_MS).toISOString().slice(0, 10);
      const bucketDay = dayFormatter(timeZone);
      const days = new Map<string, DailyRow>();
      for (const row of rows) {
        const date = dateOf(row.k as number);
        let day = days.get(date);
        if (!day) {
          day = { date, calls: 0, answered: 0, customerHangups: 0, byIntent: {} };
          days.set(date, day);
        }
        day.calls += row.n as number;
        day.answered += row.answered as number;
        day.customerHangups += row.customer as number;
        for (const intent of INTENT_KEYS) {
          const n = row[`intent_${intent}`] as number;
          if (n) day.byIntent[intent] = (day.byIntent[intent] ?? 0) + n;
        }
      }
      const sorted = [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
      if (!sample) return sorted;
      // Sampled: each day's counts scaled up, and each row says it is an estimate.
      const scale = sample.scale;
      return sorted.map((day) => ({
        ...day,
        calls: scale(day.calls),
        answered: scale(day.answered),
        customerHangups: scale(day.customerHangups),
        byIntent: Object.fromEntries(Object.entries(day.byIntent).map(([k, n]) => [k, scale(n)])),
        estimate: { sampled: sample.sampled, matches: sample.matches },
      }));
    },
  };
}

/**
 * How many calls match `filters`, from call_days, or null when it cannot say (not dated yet, or a
 * filter it has no column for): the list's total at a million calls without reading them all. Any
 * dating works: a date range is counted when its bounds fall on call_days' own midnights.
 */
export function countedCalls(sql: Sql, filters: CallFilters, timeZone: string): Promise<number | null> {
  return keptCounts(sql, "calls", filters, timeZone, async (where) => {
    const row = await sql.get<{ n: number }>(
      `SELECT COALESCE(SUM(n), 0) AS n FROM call_days WHERE ${where.where}`,
      where.params,
    );
    return Number(row!.n);
  });
}

/**
 * Calls matching `filters` by result and effective intent ('' : none), from call_days, or null when
 * it cannot say (as countedCalls): the summary bar's facets.
 */
export async function countedFacets(
  sql: Sql,
  filters: CallFilters,
  timeZone: string,
): Promise<{ result: string; intent: string; n: number }[] | null> {
  const rows = await keptCounts(sql, "facets", filters, timeZone, (where) =>
    sql.all<{ result: string; intent: string; n: number }>(
      `SELECT result, effective_intent AS intent, SUM(n) AS n FROM call_days
        WHERE n > 0 AND ${where.where} GROUP BY result, effective_intent`,
      where.params,
    ),
  );
  return rows && rows.map((row) => ({ ...row }));
}

/**
 * Calls raising any alert and per alert, from call_alert_days (PostgreSQL's migration 5, SQLite's
 * 10), or null when it cannot say (as countedCalls).
 */
export async function countedAlerts(
  sql: Sql,
  filters: CallFilters,
  timeZone: string,
): Promise<{ alerting: number; byAlert: Record<string, number> } | null> {
  const sets = await keptCounts(sql, "alerts", filters, timeZone, (where) =>
    sql.all<{ names: string; n: number }>(
      `SELECT alert_names AS names, SUM(n) AS n FROM call_alert_days
        WHERE n > 0 AND ${where.where} GROUP BY alert_names`,
      where.params,
    ),
  );
  if (!sets) return null;
  let alerting = 0;
  const byAlert: Record<string, number> = {};
  for (const { names, n } of sets) {
    alerting += n;
    for (const name of names.split("\u001f")) byAlert[name] = (byAlert[name] ?? 0) + n;
  }
  return { alerting, byAlert };
}

/**
 * A read of the count tables for `filters` (null: they cannot say), kept while the index is
 * unchanged (kept.ts): summing call_days' per-day rows of a million calls (90,000 of them) took
 * 3.5 ms a page, and 35 ms for the summary bar's facets. Their dating (rollup_state) is read inside:
 * it changes only by a write, which changes the index too, so a kept page reads nothing but the
 * index's state (under load, PostgreSQL's one round trip instead of two).
 */
async function keptCounts<T>(
  sql: Sql,
  figure: string,
  filters: CallFilters,
  timeZone: string,
  read: (where: SqlPart) => Promise<T>,
): Promise<T | null> {
  return kept(sql, `${figure} ${filtersKey(filters, timeZone)}`, async () => {
    const where = await daysFilter(sql, filters, timeZone);
    return where ? read(where) : null;
  });
}

/**
 * call_days dated at `offset` (the configured zone's): counted again from the calls when it was
 * dated at another offset, or never (the index does not know the zone). Once per zone, also when
 * two requests ask at once: seconds at a million calls; from then on the triggers keep it. On
 * PostgreSQL the UPDATE of rollup_state waits for writers in flight (their triggers share-lock it)
 * and holds new ones off until the recount is committed, so every call is counted once at the new
 * offset.
 */
async function countDaysAt(sql: Sql, offset: number): Promise<void> {
  const state = await sql.get<{ day_offset: number | null }>("SELECT day_offset FROM rollup_state");
  if (state?.day_offset === offset) return;
  // Written into the SQL, not bound: a bound JS number is a REAL, and the day would be a fraction.
  if (!Number.isInteger(offset)) throw new Error(`UTC offset ${offset} is not whole milliseconds`);
  await sql.tx(async (tx) => {
    // Two first requests may both have read it undated: the second finds it dated here (PostgreSQL
    // re-reads the row once the first's transaction commits) and counts nothing again.
    const moved = await tx.run(
      "UPDATE rollup_state SET day_offset = ? WHERE day_offset IS NULL OR day_offset <> ?",
      [offset, offset],
    );
    if (moved.changes === 0) return;
    await tx.run("DELETE FROM call_days");
    await tx.run(
      `INSERT INTO call_days (day, source_id, task_id, result, hangup_by, effective_intent, review_status, n)
       SELECT CASE WHEN started_key > 0 THEN (started_key + ${offset}) / ${DAY_MS} ELSE -1 END, source_id,
              task_id, result, COALESCE(hangup_by, ''), COALESCE(effective_intent, ''), review_status, COUNT(*)
         FROM calls ${sql.dialect.indexedBy("calls_list_started")} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    );
    // The per-alert counts are dated alike (PostgreSQL's migration 5, SQLite's 10); each backend
    // reads a call's alerts its own way (PostgreSQL from calls.alert_names).
    await tx.run("DELETE FROM call_alert_days");
    await tx.run(sql.dialect.name === "postgres" ? POSTGRES_COUNT_ALERT_DAYS : SQLITE_COUNT_ALERT_DAYS);
  });
}

/** The indexed calls' first and last start, or null when no call has one. */
async function startSpan(sql: Sql): Promise<{ lo: number; hi: number } | null> {
  const span = await sql.get<{ lo: number | null; hi: number | null }>(
    // Two subqueries: SQLite answers a lone MIN or MAX from the index's ends, but both at once by
    // reading every call (0.4 s at a million).
    `SELECT (SELECT MIN(started_key) FROM calls WHERE started_key > 0) AS lo,
            (SELECT MAX(started_key) FROM calls WHERE started_key > 0) AS hi`,
  );
  return span && span.lo !== null && span.hi !== null ? { lo: Number(span.lo), hi: Number(span.hi) } : null;
}

/**
 * rollupFilter over call_days at the offset it is dated in, or null (a filter it cannot read, or a
 * zone whose offset changes over the calls' span). A new index is dated here, at the zone's offset,
 * on its first count (as daily() does): until then every total counted the calls.
 */
async function daysFilter(sql: Sql, filters: CallFilters, timeZone: string): Promise<SqlPart | null> {
  const state = await sql.get<{ day_offset: number | null }>("SELECT day_offset FROM rollup_state");
  let offset = state?.day_offset ?? null;
  // Dated only for filters it could then read (the date range aside, which depends on the offset).
  if (offset === null && countsHold(filters)) {
    const span = await startSpan(sql);
    offset = span ? fixedOffset(timeZone, span.lo, span.hi) : null;
    if (offset === null) return null;
    await countDaysAt(sql, offset);
  }
  return offset === null ? null : rollupFilter(filters, { offset, timeZone });
}

/**
 * Whether the count tables have a column for every filter in `filters` (a date range aside, which
 * they hold when dated): such figures are never estimated from a sample of the calls.
 */
export function countsHold(filters: CallFilters): boolean {
  return rollupFilter({ ...filters, from: null, to: null }, null) !== null;
}

/** Keys of a CallQuery that are not filters. */
const NOT_FILTERS = new Set(["numbers", "sort", "limit", "cursor"]);

/** `filters` in `timeZone` as a kept result's key: a CallQuery's paging left out. */
export function filtersKey(filters: CallFilters, timeZone: string): string {
  return `${timeZone} ${JSON.stringify(filters, (name, value) => (NOT_FILTERS.has(name) ? undefined : value))}`;
}
/** The list filters call_days and call_rounds have a column for (call_days: the date range too). */
const COUNTED_FILTERS = new Set(["source", "task", "result", "hangup", "review", "intent"]);

/**
 * `filters` as a WHERE over call_days (`days` given: its offset and the zone from/to are read in)
 * or call_rounds, or null when some filter has no column there (then the calls are read). Any
 * filter not known here, including one added to the list later, falls back to the calls.
 */
function rollupFilter(
  filters: CallFilters,
  days: { offset: number; timeZone: string } | null,
): SqlPart | null {
  for (const [name, value] of Object.entries(filters)) {
    // Not filters: a CallQuery passed whole (the list's count) carries its paging too.
    if (NOT_FILTERS.has(name) || value === null || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (COUNTED_FILTERS.has(name) || (days && (name === "from" || name === "to"))) continue;
    return null;
  }
  const clauses: string[] = [];
  const params: unknown[] = [];
  const inList = (column: string, values: readonly string[]) => {
    clauses.push(`${column} IN (${values.map(() => "?").join(",")})`);
    params.push(...values);
  };
  if (filters.source.length) inList("source_id", filters.source);
  if (filters.task.length) inList("task_id", filters.task);
  if (filters.result.length) {
    if (days) inList("result", filters.result);
    else if (!filters.result.includes("answered")) clauses.push("1 = 0");
  }
  if (filters.hangup.length) inList("hangup_by", filters.hangup);
  if (filters.review.length) inList("review_status", filters.review);
  // No intent is kept as '': the list's "none".
  if (filters.intent.length)
    inList(
      "effective_intent",
      filters.intent.map((i) => (i === "none" ? "" : i)),
    );
  if (days) {
    for (const [which, value] of [
      ["from", filters.from],
      ["to", filters.to],
    ] as const) {
      if (value === null) continue;
      // A bound inside a day (a date-time) cannot be read from whole days: read the calls.
      const shifted = dateBound(value, which, days.timeZone) + days.offset;
      if (shifted % DAY_MS !== 0) return null;
      clauses.push(which === "from" ? "day >= ?" : "day < ?");
      params.push(shifted / DAY_MS);
    }
  }
  return { where: clauses.length ? clauses.join(" AND ") : "1 = 1", params };
}

const DAY_MS = 86_400_000;
const INTENT_KEYS = [...INTENTS, "none"] as const;

/** Calls grouped by day key, outcome (0 not answered, 1 answered, 2 and hung up by the customer) and intents → the count tables' row shape. */
function dailyRows(groups: Row[]): Row[] {
  const byKey = new Map<number, Row>();
  for (const group of groups) {
    const k = group.k as number;
    let row = byKey.get(k);
    if (!row) {
      row = { k, n: 0, answered: 0, customer: 0 };
      for (const intent of INTENT_KEYS) row[`intent_${intent}`] = 0;
      byKey.set(k, row);
    }
    const n = group.n as number;
    const outcome = Number(group.outcome);
    // effective_intent's definition: the reviewer's intent, else the vendor's.
    const intent = (group.review_intent ?? group.intent ?? "none") as (typeof INTENT_KEYS)[number];
    row.n = (row.n as number) + n;
    if (outcome >= 1) row.answered = (row.answered as number) + n;
    if (outcome === 2) row.customer = (row.customer as number) + n;
    row[`intent_${intent}`] = (row[`intent_${intent}`] as number) + n;
  }
  return [...byKey.values()];
}

/** The zone's UTC offset in ms when it is the same all through [lo, hi] (checked daily and at both ends), else null. */
function fixedOffset(timeZone: string, lo: number, hi: number): number | null {
  const format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
  const offsetAt = (epoch: number) => {
    const name = format.formatToParts(epoch).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 3_600_000 + Number(m[3]) * 60_000) : 0;
  };
  const first = offsetAt(lo);
  // A span of years is checked daily: a few thousand look-ups, well under a millisecond each.
  for (let t = lo; t < hi; t += DAY_MS) if (offsetAt(t) !== first) return null;
  return offsetAt(hi) === first ? first : null;
}

/** Epoch ms → `YYYY-MM-DD` in `timeZone`, memoized per bucket (a month is ~3,000 of them). */
function dayFormatter(timeZone: string): (epochMs: number) => string {
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  const memo = new Map<number, string>();
  return (epochMs) => {
    let date = memo.get(epochMs);
    if (date === undefined) {
      const parts = Object.fromEntries(format.formatToParts(epochMs).map((part) => [part.type, part.value]));
      date = `${parts.year}-${parts.month}-${parts.day}`;
      memo.set(epochMs, date);
    }
    return date;
  };
}
