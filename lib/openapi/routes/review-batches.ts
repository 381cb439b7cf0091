import { z } from "zod";
import { IsoDateTime } from "@/lib/model";
import type { RouteGroup } from "../spec";

/** CONTRACT §3 review batches: a sample of a list's calls to work through. */

const count = z.number().int().nonnegative();

export const ReviewBatch = z.object({
  id: z.union([z.string(), z.number().int()]),
  name: z.string(),
  query: z.string().describe("a `/api/calls` query string"),
  total: count,
  done: count.describe("calls whose review status is not `unreviewed`"),
  createdBy: z.string(),
  createdAt: IsoDateTime,
});

export const NewReviewBatch = z.object({
  name: z.string().min(1),
  query: z.string().describe("a `/api/calls` query string (400 `invalid_query` if it is not valid)"),
  size: z.number().int().min(1).describe("calls sampled at random from its matches (all of them when fewer)"),
  stratify: z
    .enum(["intent", "source"])
    .describe("spread the sample over the groups in proportion")
    .optional(),
});

export const reviewBatches: RouteGroup = {
  tag: "Review batches",
  description: "Samples of calls for supervisors to review, with their progress.",
  operations: [
    {
      method: "post",
      path: "/api/review-batches",
      summary: "Create a batch",
      access: "supervisor",
      body: NewReviewBatch,
      answers: { 201: { description: "the batch", schema: ReviewBatch } },
    },
    {
      method: "get",
      path: "/api/review-batches",
      summary: "The batches, newest first",
      access: "operator",
      answers: { 200: { description: "each with `total` and `done`", schema: z.array(ReviewBatch) } },
    },
    {
      method: "get",
      path: "/api/review-batches/{id}",
      summary: "One batch",
      access: "operator",
      answers: {
        200: {
          description: "the batch with its calls in working order",
          schema: ReviewBatch.extend({ callIds: z.array(z.string()) }),
        },
        404: { description: "no such batch" },
      },
    },
    {
      method: "get",
      path: "/api/review-batches/{id}/next",
      summary: "The next call to review",
      access: "operator",
      answers: {
        200: {
          description: "the first call of the batch still unreviewed",
          schema: z.object({ id: z.string() }),
        },
        204: { description: "every call is done" },
        404: { description: "no such batch" },
      },
    },
  ],
};
