import type { CallQuery, SortField } from "@/lib/calls/query";
import { QueryError } from "@/lib/calls/query";
import { parseWallTime, wallToEpoch } from "@/lib/vendors/shared/time";
import { matchExpression, tsQuery } from "./search-text";
import type { Dialect } from "./sql/executor";

/**
 * CallQuery → SQL. Every filter means the same for every vendor because it runs on the index.
 * Paging is keyset (sort key, seq): a cursor stays correct while new calls arrive, unlike OFFSET.
 */

export interface SqlPart {
  where: string;
  params: unknown[];
}

/** The reviewer's intent: a Callscope review's, else the one corrected in the vendor's console (Tanyi). */
export const REVIEWER_INTENT = "COALESCE(c.review_intent, c.real_intent)";

const SORT_COLUMN: Record<SortField, string> = {
  startedAt: "c.started_key",
  durationSec: "c.duration_key",
  rounds: "c.rounds_key",
  // Metrics sort with calls that have none (not analysed, not measurable) last, in either direction:
  // see sortColumn(). These are the descending forms.
  deadAir: "COALESCE(c.dead_air_max_ms, -1)",
  latency: "COALESCE(c.robot_latency_max_ms, -1)",
};

/** The covering index for each sort order (migration 2): every filter column, in the sort's order. */
export const LIST_INDEX: Record<SortField, string> = {
  startedAt: "calls_list_started",
  durationSec: "calls_list_duration",
  rounds: "calls_list_rounds",
  // Migration 6: one index per metric and direction, on the very expression the sort uses.
  deadAir: "calls_dead_air_desc",
  latency: "calls_latency_desc",
};

/**
 * The same orders among answered calls alone (partial indexes, migrations 12 and 11): an unanswered
 * call has no rounds or talk time, so in the orders above all of them come first, and the first
 * page of "answered, shortest first" walked past 310,000 of them at a million calls (25 ms).
 */
const ANSWERED_INDEX: Partial<Record<SortField, string>> = {
  durationSec: "calls_answered_duration",
  rounds: "calls_answered_rounds",
};

/** The result filter is "answered" alone: written as a literal, so a partial index on it can serve. */
function answeredOnly(query: Pick<CallQuery, "result">): boolean {
  return query.result.length === 1 && query.result[0] === "answered";
}

/** Above any metric value: a call without one sorts after every call that has one when ascending. */
const NO_METRIC_ASC = "1e15";

/** The sort's SQL expression and index for a direction (metrics: nulls last both ways). */
function sortColumn(field: SortField, dir: "asc" | "desc"): { column: string; index: string } {
  if (dir === "asc" && (field === "deadAir" || field === "latency")) {
    return {
      column: SORT_COLUMN[field].replace("-1)", `${NO_METRIC_ASC})`),
      index: LIST_INDEX[field].replace(/_desc$/, "_asc"),
    };
  }
  return { column: SORT_COLUMN[field], index: LIST_INDEX[field] };
}

/**
 * The filters as SQL. `probe`: the text search as a test of each call (Dialect.searchProbe), for a
 * page of a word so common that the sort's index meets its matches at once. `reviewed`: the caller
 * reads only calls with a reviewer's intent, so the search may look among those (searchReviewed).
 * `collect`: a page of a rare word, whose matches are gathered before the calls are read (searchCollect).
 */
export function filterSql(
  query: Omit<CallQuery, "sort" | "limit" | "cursor">,
  timeZone: string,
  dialect: Dialect,
  options: { probe?: boolean; reviewed?: boolean; collect?: boolean } = {},
): SqlPart {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const inList = (column: string, values: readonly string[]) => {
    clauses.push(`${column} IN (${values.map(() => "?").join(",")})`);
    params.push(...values);
  };
  /** `values` may hold "none": the column is NULL. */
  const nullableIn = (column: string, values: readonly string[]) => {
    const letters = values.filter((value) => value !== "none");
    const parts: string[] = [];
    if (letters.length) {
      parts.push(`${column} IN (${letters.map(() => "?").join(",")})`);
      params.push(...letters);
    }
    if (values.includes("none")) parts.push(`${column} IS NULL`);
    clauses.push(parts.length === 1 ? parts[0]! : `(${parts.join(" OR ")})`);
  };

  if (query.source.length) inList("c.source_id", query.source);
  if (query.task.length) inList("c.task_id", query.task);
  if (answeredOnly(query)) clauses.push("c.result = 'answered'");
  else if (query.result.length) inList("c.result", query.result);
  if (query.hangup.length) inList("c.hangup_by", query.hangup);
  if (query.review.length) inList("c.review_status", query.review);
  if (query.annotation.length) {
    clauses.push(
      `c.id IN (SELECT call_id FROM annotations WHERE deleted_at IS NULL AND label IN (${query.annotation.map(() => "?").join(",")}))`,
    );
    params.push(...query.annotation);
  }
  if (query.intent.length) {
    const letters = query.intent.filter((value) => value !== "none");
    const parts: string[] = [];
    if (letters.length) {
      parts.push(`c.effective_intent IN (${letters.map(() => "?").join(",")})`);
      params.push(...letters);
    }
    if (query.intent.includes("none")) parts.push("c.effective_intent IS NULL");
    clauses.push(parts.length === 1 ? parts[0]! : `(${parts.join(" OR ")})`);
  }
  if (query.vendorIntent?.length) nullableIn("c.intent", query.vendorIntent);
  if (query.reviewIntent?.length) nullableIn(REVIEWER_INTENT, query.reviewIntent);
  if (query.alert?.length) {
    clauses.push(
      `c.seq IN (SELECT call_seq FROM call_alerts WHERE name IN (${query.alert.map(() => "?").join(",")}))`,
    );
    params.push(...query.alert);
  }
  if (query.lastRobotLine) {
    // Through its own small index: the list's covering indexes do not hold last_line, and a drill-down
    // from drop-off must not read every call row to find a few hundred.
    clauses.push(
      `c.seq IN (SELECT seq FROM calls ${dialect.indexedBy("calls_last_line")} WHERE last_line = (SELECT id FROM robot_lines WHERE text = ?))`,
    );
    params.push(query.lastRobotLine);
  }
  if (query.roundsMin !== null) {
    clauses.push("c.rounds >= ?");
    params.push(query.roundsMin);
  }
  if (query.roundsMax !== null) {
    clauses.push("c.rounds <= ?");
    params.push(query.roundsMax);
  }
  if (query.durationMin !== null) {
    clauses.push("c.duration_sec >= ?");
    params.push(query.durationMin);
  }
  if (query.durationMax !== null) {
    clauses.push("c.duration_sec <= ?");
    params.push(query.durationMax);
  }
  // Metrics in ms on the call (AlignmentRepository.put); the parameters are in seconds. A call without
  // the metric never matches a minimum.
  if (query.deadAirMin !== null && query.deadAirMin !== undefined) {
    clauses.push("c.dead_air_max_ms >= ?");
    params.push(query.deadAirMin * 1000);
  }
  if (query.latencyMin !== null && query.latencyMin !== undefined) {
    clauses.push("c.robot_latency_max_ms >= ?");
    params.push(query.latencyMin * 1000);
  }
  if (query.from !== null) {
    clauses.push("c.started_key >= ?");
    params.push(dateBound(query.from, "from", timeZone));
  }
  if (query.to !== null) {
    clauses.push("c.started_key < ?");
    params.push(dateBound(query.to, "to", timeZone));
  }
  if (query.q) {
    const numbers = query.numbers === "any" ? "any" : "whole";
    const match = dialect.name === "postgres" ? tsQuery(query.q, numbers) : matchExpression(query.q, numbers);
    if (match) {
      clauses.push(
        options.probe
          ? dialect.searchProbe
          : options.reviewed
            ? dialect.searchReviewed
            : options.collect
              ? dialect.searchCollect
              : dialect.searchMatch,
      );
      params.push(match);
    }
  }
  return { where: clauses.length ? clauses.join(" AND ") : "TRUE", params };
}

/**
 * Epoch ms bound for `from` (inclusive) / `to` (exclusive). A date alone is a whole day in the
 * configured zone, so `to=2026-11-16` includes that day; a time without offset is read in that zone.
 */
export function dateBound(value: string, which: "from" | "to", timeZone: string): number {
  const wall = parseWallTime(value);
  if (!wall) throw new QueryError(which, `"${value}" is not an ISO date`);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const epoch = wallToEpoch(wall, timeZone);
  if (which === "to") return dateOnly ? wallToEpoch({ ...wall, day: wall.day + 1 }, timeZone) : epoch + 1;
  return epoch;
}

interface Cursor {
  f: SortField;
  d: "asc" | "desc";
  v: number;
  s: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(text: string, sort: CallQuery["sort"]): Cursor {
  let cursor: Cursor;
  try {
    cursor = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Cursor;
  } catch {
    throw new QueryError("cursor", "not a cursor this API gave out");
  }
  if (
    !cursor ||
    typeof cursor.v !== "number" ||
    typeof cursor.s !== "number" ||
    !Number.isFinite(cursor.v) ||
    !Number.isInteger(cursor.s)
  ) {
    throw new QueryError("cursor", "not a cursor this API gave out");
  }
  if (cursor.f !== sort.field || cursor.d !== sort.dir) {
    throw new QueryError("cursor", "belongs to another sort order; start again without a cursor");
  }
  return cursor;
}

/** ORDER BY, the index that serves it, and the keyset condition for one page. */
export function pageSql(query: CallQuery): {
  order: string;
  after: SqlPart;
  sortColumn: string;
  index: string;
} {
  const { column, index: sortIndex } = sortColumn(query.sort.field, query.sort.dir);
  const index = (answeredOnly(query) && ANSWERED_INDEX[query.sort.field]) || sortIndex;
  const dir = query.sort.dir === "asc" ? "ASC" : "DESC";
  const order = `${column} ${dir}, c.seq ${dir}`;
  if (!query.cursor) return { order, after: { where: "TRUE", params: [] }, sortColumn: column, index };
  const cursor = decodeCursor(query.cursor, query.sort);
  const op = query.sort.dir === "asc" ? ">" : "<";
  return {
    order,
    sortColumn: column,
    index,
    after: {
      where: `(${column} ${op} ? OR (${column} = ? AND c.seq ${op} ?))`,
      params: [cursor.v, cursor.v, cursor.s],
    },
  };
}
