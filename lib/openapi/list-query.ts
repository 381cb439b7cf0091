import { z } from "zod";
import { MAX_LIMIT, DEFAULT_LIMIT, SORT_FIELDS } from "@/lib/calls/query";
import { ANNOTATION_LABELS, CALL_RESULTS, INTENTS, REVIEW_STATUSES, SPEAKERS } from "@/lib/vocabulary";

/**
 * The list filters of `GET /api/calls` (and of stats, export, neighbors and analytics), as query
 * parameters. parseCallQuery reads them by hand (it also runs in the browser, where zod is kept
 * out of the bundle); this schema is built from the same word lists and limits, and
 * lib/openapi/document.test.ts checks that every parameter the parser knows is described here.
 */

const csv = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item).describe(`${what}, comma-separated`);
const whole = z.number().int().min(0);
const seconds = z.number().min(0);

export const ListFilters = z.object({
  source: csv(z.string(), "source ids").optional(),
  task: csv(z.string(), "vendor task ids").optional(),
  result: csv(z.enum(CALL_RESULTS), "call results").optional(),
  hangup: csv(z.enum(SPEAKERS), "who hung up").optional(),
  roundsMin: whole.describe("at least this many dialog rounds").optional(),
  roundsMax: whole.describe("at most this many dialog rounds").optional(),
  intent: csv(z.enum([...INTENTS, "none"]), "intent levels (`none`: no intent)").optional(),
  durationMin: seconds.describe("talk time at least, seconds").optional(),
  durationMax: seconds.describe("talk time at most, seconds").optional(),
  deadAirMin: seconds
    .describe("longest dead air (nobody speaking) at least, seconds; only calls whose audio was analysed")
    .optional(),
  latencyMin: seconds
    .describe("slowest robot reply (customer stops → robot starts) at least, seconds; analysed calls only")
    .optional(),
  from: z.string().describe("started at or after: `YYYY-MM-DD` (a whole day) or an ISO date-time").optional(),
  to: z
    .string()
    .describe("started at or before: `YYYY-MM-DD` (the whole day) or an ISO date-time")
    .optional(),
  q: z
    .string()
    .describe("text in callee, caller or transcript; for operators a phone number matches only whole")
    .optional(),
  review: csv(z.enum(REVIEW_STATUSES), "review statuses").optional(),
  alert: csv(z.string(), "names of configured alerts").optional(),
  annotation: csv(z.enum(ANNOTATION_LABELS), "annotation labels").optional(),
  lastRobotLine: z
    .string()
    .describe("the robot's last line exactly (stage directions removed): drop-off's links")
    .optional(),
  vendorIntent: csv(
    z.enum([...INTENTS, "none"]),
    "the vendor's own intent (intent agreement's rows)",
  ).optional(),
  reviewIntent: csv(
    z.enum([...INTENTS, "none"]),
    "the reviewer's intent (intent agreement's columns)",
  ).optional(),
});

const SORTS = SORT_FIELDS.flatMap((field) => [field, `${field}:asc`, `${field}:desc`]);

export const ListQuery = ListFilters.extend({
  sort: z
    .enum(SORTS as [string, ...string[]])
    .describe(
      "order (default `startedAt:desc`); `deadAir` and `latency` (the worst robot reply) put calls without the metric last either way",
    )
    .optional(),
  limit: z.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT).optional(),
  cursor: z.string().describe("`nextCursor` of the previous page").optional(),
});
