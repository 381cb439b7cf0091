import { AppError, answerAs } from "@/lib/errors";
import { ReviewBatchDetail } from "@/lib/model";
import { otherMethods, route } from "@/lib/server/handler";
import { presentBatch } from "@/lib/server/present-batch";

export const dynamic = "force-dynamic";

/** GET /api/review-batches/{id} — the batch, its calls in working order with their status, progress by reviewer. */
export const GET = route<{ id: string }>("operator", async ({ params, runtime, session }) => {
  const batch = await runtime.store.batches.get(params.id);
  if (!batch) throw new AppError("not_found", `no review batch with id ${params.id}`);
  return Response.json(answerAs(ReviewBatchDetail, presentBatch(batch, session)), {
    headers: { "cache-control": "private, no-store" },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
