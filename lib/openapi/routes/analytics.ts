import { z } from "zod";
import { Intent } from "@/lib/model";
import { ListFilters } from "../list-query";
import { BUSY, type RouteGroup } from "../spec";

/** CONTRACT §3 analytics, each over the calls of a list filter. */

const count = z.number().int().nonnegative();

/** Figures over a text search that matches many calls: counted over a sample of its matches, scaled up. */
const Estimate = z
  .object({
    sampled: count.describe("matching calls in the sample"),
    matches: count.describe(
      "calls the text search matches (before the other filters); on PostgreSQL itself estimated, from a fixed share of the calls",
    ),
  })
  .describe("present only when the counts are estimates from a sample (a text search matching many calls)");

export const Dropoff = z.object({
  answered: count,
  customerHangups: count,
  byRound: z.array(
    z.object({
      round: z.number().int(),
      reached: count.describe("answered calls with rounds ≥ round"),
      customerHangups: count.describe("answered calls the customer hung up with rounds = round"),
    }),
  ),
  byLastRobotLine: z.array(
    z.object({
      text: z.string().describe("the last robot utterance before the customer hung up"),
      customerHangups: count,
      share: z.number().min(0).max(1),
    }),
  ),
  estimate: Estimate.optional(),
});

export const IntentAgreement = z.object({
  compared: count,
  agreed: count,
  cells: z.array(z.object({ vendor: Intent.nullable(), reviewer: Intent, calls: count })),
});

export const DailyRow = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .describe("in the configured time zone"),
  calls: count,
  answered: count,
  customerHangups: count,
  byIntent: z.record(z.string(), count).describe("calls by intent level (`none`: no intent)"),
  estimate: Estimate.optional(),
});

export const analytics: RouteGroup = {
  tag: "Analytics",
  description: "Where customers hang up, whether reviewers agree with the vendor's intent, and daily trends.",
  operations: [
    {
      method: "get",
      path: "/api/analytics/dropoff",
      summary: "Where customers hang up",
      access: "operator",
      query: ListFilters,
      answers: { 200: { description: "by round and by the robot's last line", schema: Dropoff }, 503: BUSY },
    },
    {
      method: "get",
      path: "/api/analytics/intent-agreement",
      summary: "Vendor intent against the reviewers'",
      description: "Over calls whose review has an intent.",
      access: "supervisor",
      query: ListFilters,
      answers: {
        200: { description: "agreement and the confusion cells", schema: IntentAgreement },
        503: BUSY,
      },
    },
    {
      method: "get",
      path: "/api/analytics/daily",
      summary: "Daily trends",
      access: "operator",
      query: ListFilters,
      answers: { 200: { description: "one row per day", schema: z.array(DailyRow) }, 503: BUSY },
    },
  ],
};
