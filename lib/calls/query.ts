import { brandError, isErrorKind } from "@/lib/error-kind";
import { ANNOTATION_LABELS, CALL_RESULTS, INTENTS, REVIEW_STATUSES, SPEAKERS } from "@/lib/vocabulary";
import type { AnnotationLabel, CallResult, ReviewStatus, Speaker } from "@/lib/model";

/**
 * The call list's query, as `GET /api/calls` reads it and as `/calls` keeps it in the URL:
 * one parser and one serializer for both, so a shared link shows exactly what the API returns.
 * Defaults are left out of the URL. This module is client-safe (no server imports).
 */

export const SORT_FIELDS = ["startedAt", "durationSec", "rounds", "deadAir", "latency"] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type SortDir = "asc" | "desc";
export type IntentFilter = (typeof INTENTS)[number] | "none";

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;
export const DEFAULT_SORT = { field: "startedAt", dir: "desc" } as const satisfies {
  field: SortField;
  dir: SortDir;
};

export interface CallQuery {
  source: string[];
  task: string[];
  result: CallResult[];
  hangup: Speaker[];
  roundsMin: number | null;
  roundsMax: number | null;
  intent: IntentFilter[];
  durationMin: number | null;
  durationMax: number | null;
  /** Seconds: calls whose longest dead air (nobody speaking) is at least this long (analysed calls only). */
  deadAirMin: number | null;
  /** Seconds: calls whose slowest robot reply (customer stops → robot starts) is at least this long. */
  latencyMin: number | null;
  /** As written: `2026-11-01` (a whole day) or an ISO date-time. */
  from: string | null;
  to: string | null;
  q: string | null;
  review: ReviewStatus[];
  /** Names of configured alerts the call raises (any of them). */
  alert: string[];
  /** The robot's last line (stage directions removed), exactly: drop-off's "the line that lost them". */
  lastRobotLine: string | null;
  /** The vendor's own intent (not a reviewer's), A–F or none: intent agreement's rows. */
  vendorIntent: IntentFilter[];
  /** The reviewer's intent (Callscope's review, else the vendor console's correction): its columns. */
  reviewIntent: IntentFilter[];
  /** Calls carrying at least one (undeleted) annotation with one of these labels. */
  annotation: AnnotationLabel[];
  sort: { field: SortField; dir: SortDir };
  limit: number;
  cursor: string | null;
  /**
   * How `q` matches numbers: by default (operators, and anything that forgets to say) a number
   * matches only a whole number, so masked digits cannot be found by searching parts of them; the
   * server sets "any" (substring) for viewers who see numbers whole. Never read from the URL.
   */
  numbers?: "any";
}

export const EMPTY_QUERY: CallQuery = {
  source: [],
  task: [],
  result: [],
  hangup: [],
  roundsMin: null,
  roundsMax: null,
  intent: [],
  durationMin: null,
  durationMax: null,
  deadAirMin: null,
  latencyMin: null,
  from: null,
  to: null,
  q: null,
  review: [],
  alert: [],
  lastRobotLine: null,
  vendorIntent: [],
  reviewIntent: [],
  annotation: [],
  sort: DEFAULT_SORT,
  limit: DEFAULT_LIMIT,
  cursor: null,
};

/** A bad parameter: `param` is the query parameter's name, `message` says what is wrong with it. */
export class QueryError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(`${param}: ${message}`);
    this.name = "QueryError";
    brandError(this, "QueryError");
  }
}

/** A QueryError from any bundle's copy of this module (see lib/error-kind.ts). */
export function isQueryError(value: unknown): value is QueryError {
  return isErrorKind(value, "QueryError");
}

type Params = Pick<URLSearchParams, "get" | "getAll">;

function raw(params: Params, name: string): string | null {
  // Repeated parameters (`?intent=A&intent=B`) are read like one comma list.
  const values = params.getAll(name).filter((value) => value.trim() !== "");
  return values.length ? values.join(",") : null;
}

function list<T extends string>(params: Params, name: string, allowed: readonly T[], hint: string): T[] {
  const value = raw(params, name);
  if (value === null) return [];
  const items = value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) {
      throw new QueryError(name, `unknown value "${item}" (expected ${hint})`);
    }
  }
  return [...new Set(items)] as T[];
}

function freeList(params: Params, name: string): string[] {
  const value = raw(params, name);
  if (value === null) return [];
  return [
    ...new Set(
      value
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

function number(
  params: Params,
  name: string,
  options: { integer?: boolean; min?: number; max?: number } = {},
): number | null {
  const value = raw(params, name);
  if (value === null) return null;
  const trimmed = value.trim();
  // One way to read each digit (digits after a dot only after the dot), so the check is linear:
  // `\d+\.?\d*` could split a long run of digits n ways and backtrack quadratically on a bad end.
  const n = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isFinite(n)) throw new QueryError(name, `"${value}" is not a number`);
  if (options.integer && !Number.isInteger(n)) throw new QueryError(name, `"${value}" is not a whole number`);
  if (options.min !== undefined && n < options.min)
    throw new QueryError(name, `must be at least ${options.min}`);
  if (options.max !== undefined && n > options.max)
    throw new QueryError(name, `must be at most ${options.max}`);
  return n;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

function date(params: Params, name: string): string | null {
  const value = raw(params, name);
  if (value === null) return null;
  const trimmed = value.trim();
  const valid =
    (DATE_ONLY.test(trimmed) && isRealDate(trimmed)) ||
    (DATE_TIME.test(trimmed) &&
      isRealDate(trimmed.slice(0, 10)) &&
      !Number.isNaN(Date.parse(trimmed.length === 16 ? `${trimmed}:00` : trimmed)));
  if (!valid)
    throw new QueryError(
      name,
      `"${value}" is not an ISO date (e.g. 2026-11-01 or 2026-11-01T09:00:00+08:00)`,
    );
  return trimmed;
}

function isRealDate(yyyyMmDd: string): boolean {
  const [y, m, d] = yyyyMmDd.split("-").map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

function sort(params: Params): CallQuery["sort"] {
  const value = raw(params, "sort");
  if (value === null) return DEFAULT_SORT;
  const [field, dir = "desc", ...rest] = value.trim().split(":");
  if (
    !(SORT_FIELDS as readonly string[]).includes(field ?? "") ||
    (dir !== "asc" && dir !== "desc") ||
    rest.length
  ) {
    throw new QueryError(
      "sort",
      `unknown value "${value}" (expected ${SORT_FIELDS.join(", ")}, optionally with :asc or :desc)`,
    );
  }
  return { field: field as SortField, dir };
}

/** Reads a query; throws QueryError naming the first bad parameter. */
export function parseCallQuery(params: Params): CallQuery {
  const query: CallQuery = {
    source: freeList(params, "source"),
    task: freeList(params, "task"),
    result: list(params, "result", CALL_RESULTS, CALL_RESULTS.join(", ")),
    hangup: list(params, "hangup", SPEAKERS, "robot or customer"),
    roundsMin: number(params, "roundsMin", { integer: true, min: 0 }),
    roundsMax: number(params, "roundsMax", { integer: true, min: 0 }),
    intent: list(params, "intent", [...INTENTS, "none"] as const, "A–F or none"),
    durationMin: number(params, "durationMin", { min: 0 }),
    durationMax: number(params, "durationMax", { min: 0 }),
    deadAirMin: number(params, "deadAirMin", { min: 0 }),
    latencyMin: number(params, "latencyMin", { min: 0 }),
    from: date(params, "from"),
    to: date(params, "to"),
    q: raw(params, "q")?.trim().slice(0, 200) || null,
    review: list(params, "review", REVIEW_STATUSES, REVIEW_STATUSES.join(", ")),
    alert: freeList(params, "alert"),
    // One line, commas and all: not a list.
    lastRobotLine:
      params
        .getAll("lastRobotLine")
        .find((value) => value.trim() !== "")
        ?.trim() ?? null,
    vendorIntent: list(params, "vendorIntent", [...INTENTS, "none"] as const, "A–F or none"),
    reviewIntent: list(params, "reviewIntent", [...INTENTS, "none"] as const, "A–F or none"),
    annotation: list(params, "annotation", ANNOTATION_LABELS, ANNOTATION_LABELS.join(", ")),
    sort: sort(params),
    limit: number(params, "limit", { integer: true, min: 1, max: MAX_LIMIT }) ?? DEFAULT_LIMIT,
    cursor: raw(params, "cursor"),
  };
  if (query.roundsMin !== null && query.roundsMax !== null && query.roundsMin > query.roundsMax) {
    throw new QueryError("roundsMax", "must not be less than roundsMin");
  }
  if (query.durationMin !== null && query.durationMax !== null && query.durationMin > query.durationMax) {
    throw new QueryError("durationMax", "must not be less than durationMin");
  }
  return query;
}

/** Reads a query from a URL the user may have edited by hand: a bad parameter is dropped, not fatal. */
export function parseCallQueryLenient(params: URLSearchParams): CallQuery {
  return readCallQueryLenient(params).query;
}

/** A parameter a lenient read left out, with the API's 400 message for it. */
export interface IgnoredParam {
  param: string;
  message: string;
}

/**
 * The query a lenient read makes of a URL, and what it left out: a hand-edited or shared link
 * (`intent=Z`) must not quietly show every call as though it were the filter asked for.
 */
export function readCallQueryLenient(params: URLSearchParams): { query: CallQuery; ignored: IgnoredParam[] } {
  const copy = new URLSearchParams(params);
  const ignored: IgnoredParam[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      return { query: parseCallQuery(copy), ignored };
    } catch (err) {
      if (!isQueryError(err)) throw err;
      ignored.push({ param: err.param, message: err.message });
      copy.delete(err.param);
    }
  }
  return { query: EMPTY_QUERY, ignored };
}

/** The URL form of a query: same names and values as the API, defaults and the cursor left out. */
export function serializeCallQuery(
  query: Partial<CallQuery>,
  options: { cursor?: boolean; limit?: boolean } = {},
): URLSearchParams {
  const out = new URLSearchParams();
  const put = (name: string, value: string | null | undefined) => {
    if (value !== null && value !== undefined && value !== "") out.set(name, value);
  };
  put("source", query.source?.join(","));
  put("task", query.task?.join(","));
  put("result", query.result?.join(","));
  put("hangup", query.hangup?.join(","));
  put("roundsMin", query.roundsMin?.toString());
  put("roundsMax", query.roundsMax?.toString());
  put("intent", query.intent?.join(","));
  put("durationMin", query.durationMin?.toString());
  put("durationMax", query.durationMax?.toString());
  put("deadAirMin", query.deadAirMin?.toString());
  put("latencyMin", query.latencyMin?.toString());
  put("from", query.from);
  put("to", query.to);
  put("q", query.q);
  put("review", query.review?.join(","));
  put("alert", query.alert?.join(","));
  put("lastRobotLine", query.lastRobotLine);
  put("vendorIntent", query.vendorIntent?.join(","));
  put("reviewIntent", query.reviewIntent?.join(","));
  put("annotation", query.annotation?.join(","));
  if (query.sort && (query.sort.field !== DEFAULT_SORT.field || query.sort.dir !== DEFAULT_SORT.dir)) {
    put("sort", `${query.sort.field}:${query.sort.dir}`);
  }
  if (options.limit && query.limit && query.limit !== DEFAULT_LIMIT) put("limit", String(query.limit));
  if (options.cursor) put("cursor", query.cursor);
  return out;
}

/** Filters only (no sort, paging): what the summary bar, the CSV export and analytics are computed over. */
export type CallFilters = Omit<CallQuery, "sort" | "limit" | "cursor">;

export function filtersOf(query: CallQuery): CallFilters {
  const { sort: _sort, limit: _limit, cursor: _cursor, ...filters } = query;
  return filters;
}

export function hasFilters(query: CallQuery): boolean {
  return serializeCallQuery({ ...query, sort: DEFAULT_SORT }).toString() !== "";
}
