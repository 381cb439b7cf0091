import { randomInt } from "node:crypto";
import { z } from "zod";
import { serializeCallQuery } from "@/lib/calls/query";
import { answerAs } from "@/lib/errors";
import { ReviewBatch, ReviewBatchDetail, StratifyBy } from "@/lib/model";
import { audit } from "@/lib/server/audit";
import { readJsonBody } from "@/lib/server/body";
import { presentBatch, presentBatchSummary } from "@/lib/server/present-batch";
import { otherMethods, route } from "@/lib/server/handler";
import { readListQuery } from "@/lib/server/list-query";

export const dynamic = "force-dynamic";

/** Large enough for a month of one campaign at 5 %, small enough to stay a list a team can work through. */
const MAX_SIZE = 5000;

const NewBatch = z
  .strictObject({
    name: z.string().trim().min(1, "give the batch a name").max(100, "at most 100 characters"),
    query: z.string().max(4000, "at most 4000 characters"),
    size: z.number().int("a whole number of calls").min(1).max(MAX_SIZE).optional(),
    /** Instead of a size: a percentage of the calls the query matches (0 < share ≤ 100). */
    share: z.number().gt(0, "more than 0").max(100, "at most 100").optional(),
    stratify: StratifyBy.nullable().optional(),
    /** Draws the same sample again (a recorded batch's seed); random when left out. */
    seed: z.number().int().min(0).max(0xffffffff).optional(),
  })
  .refine((body) => (body.size === undefined) !== (body.share === undefined), {
    message: "send one of size or share",
    path: ["size"],
  });

/** GET /api/review-batches — every batch, newest first, with its progress. */
export const GET = route("operator", async ({ runtime, session }) => {
  const batches = (await runtime.store.batches.list()).map((batch) => presentBatchSummary(batch, session));
  return Response.json(answerAs(z.array(ReviewBatch), batches), {
    headers: { "cache-control": "private, no-store" },
  });
});

/**
 * POST /api/review-batches — supervisors and admins draw a sample of a list query's calls. The query
 * is read like GET /api/calls reads it (an invalid one is a 400 invalid_query naming the parameter);
 * the seed is recorded, so the same index gives the same sample again.
 */
export const POST = route("supervisor", async ({ req, runtime, session }) => {
  const body = await readJsonBody(req, NewBatch);
  const params = new URLSearchParams(body.query.trim().replace(/^\?/, ""));
  // Paging says nothing about which calls match.
  params.delete("cursor");
  params.delete("limit");
  const query = await readListQuery(req, runtime, session, params);
  const batch = await runtime.calls.drawBatch(
    {
      name: body.name,
      queryString: serializeCallQuery(query).toString(),
      query: { ...query, cursor: null },
      size: body.size ?? 1,
      share: body.share ?? null,
      stratify: body.stratify ?? null,
      seed: body.seed ?? randomInt(0, 0xffffffff),
    },
    session.username,
  );
  await audit(runtime, session, req, "batch.create", batch.id, {
    name: batch.name,
    query: batch.query,
    size: batch.size,
    share: batch.share,
    stratify: batch.stratify,
    seed: batch.seed,
    total: batch.total,
  });
  return Response.json(answerAs(ReviewBatchDetail, presentBatch(batch, session)), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
