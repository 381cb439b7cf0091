import "server-only";
import type { CallFilters } from "@/lib/calls/query";
import type { Intent } from "@/lib/model";
import type { DailyRow, Dropoff, IntentAgreement } from "@/lib/queries/analytics";
import type { Db } from "./database";
import { filterSql, REVIEWER_INTENT } from "./list-query";

/**
 * The analytics of CONTRACT.md §3, computed from the index with the list's own WHERE builder
 * (filterSql): a figure and the list its link opens are the same calls by construction. Every
 * query reads the covering `calls_analytics` index (migration 3), never the wide call rows.
 */

export type { DailyRow, Dropoff, IntentAgreement };

/** Lines beyond this many are left out of byLastRobotLine (they are the long tail of one-off lines). */
export const MAX_LINES = 500;

/** Daily rows are counted in 15-minute buckets of UTC, then dated in the zone: every zone's offset is a multiple. */
const BUCKET_MS = 15 * 60_000;

type Row = Record<string, number | string | null>;

export class AnalyticsRepository {
  constructor(private readonly db: Db) {}

  private all(sql: string, filters: CallFilters, timeZone: string, extra = "1"): Row[] {
    const where = filterSql(filters, timeZone);
    return this.db
      .prepare(sql.replace("$WHERE", `(${where.where}) AND ${extra}`))
      .all(...where.params) as Row[];
  }

  dropoff(filters: CallFilters, timeZone: string): Dropoff {
    const rounds = this.all(
      `SELECT c.rounds AS rounds, c.hangup_by = 'customer' AS customer, COUNT(*) AS n
         FROM calls c INDEXED BY calls_analytics WHERE c.result = 'answered' AND $WHERE
        GROUP BY 1, 2`,
      filters,
      timeZone,
    );
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

    const lines = this.all(
      `SELECT l.text AS text, g.n AS n FROM (
          SELECT c.last_line AS line, COUNT(*) AS n FROM calls c INDEXED BY calls_analytics
           WHERE c.result = 'answered' AND c.hangup_by = 'customer' AND c.last_line IS NOT NULL AND $WHERE
           GROUP BY c.last_line ORDER BY n DESC, c.last_line LIMIT ${MAX_LINES}
        ) g JOIN robot_lines l ON l.id = g.line ORDER BY g.n DESC, l.text`,
      filters,
      timeZone,
    );
    return {
      answered,
      customerHangups,
      byRound,
      byLastRobotLine: lines.map((row) => ({
        text: row.text as string,
        customerHangups: row.n as number,
        share: customerHangups ? (row.n as number) / customerHangups : 0,
      })),
    };
  }

  intentAgreement(filters: CallFilters, timeZone: string): IntentAgreement {
    const rows = this.all(
      `SELECT c.intent AS vendor, ${REVIEWER_INTENT} AS reviewer, COUNT(*) AS n
         FROM calls c INDEXED BY calls_analytics WHERE ${REVIEWER_INTENT} IS NOT NULL AND $WHERE
        GROUP BY 1, 2 ORDER BY vendor IS NULL, vendor, reviewer`,
      filters,
      timeZone,
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
  }

  /** One row per day with calls, oldest first; calls without a start time have no day and are left out. */
  daily(filters: CallFilters, timeZone: string): DailyRow[] {
    const rows = this.all(
      `SELECT c.started_key / ${BUCKET_MS} AS bucket, c.effective_intent AS intent, COUNT(*) AS n,
              SUM(c.result = 'answered') AS answered,
              SUM(c.result = 'answered' AND c.hangup_by = 'customer') AS customer
         FROM calls c INDEXED BY calls_analytics WHERE c.started_key > 0 AND $WHERE
        GROUP BY 1, 2`,
      filters,
      timeZone,
    );
    const dateOf = dayFormatter(timeZone);
    const days = new Map<string, DailyRow>();
    for (const row of rows) {
      const date = dateOf((row.bucket as number) * BUCKET_MS);
      let day = days.get(date);
      if (!day) {
        day = { date, calls: 0, answered: 0, customerHangups: 0, byIntent: {} };
        days.set(date, day);
      }
      const n = row.n as number;
      const intent = ((row.intent as Intent | null) ?? "none") as Intent | "none";
      day.calls += n;
      day.answered += row.answered as number;
      day.customerHangups += row.customer as number;
      day.byIntent[intent] = (day.byIntent[intent] ?? 0) + n;
    }
    return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
  }
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
