import { AppError } from "@/lib/errors";
import { otherMethods, route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/**
 * GET /api/review-batches/{id}/next — 200 `{ id }`, the first call of the batch still unreviewed
 * (after `?after=<callId>` when given, wrapping round); 204 when every call is done.
 */
export const GET = route<{ id: string }>("operator", async ({ req, params, runtime }) => {
  const after = req.nextUrl.searchParams.get("after");
  const next = await runtime.store.batches.next(params.id, after?.trim() || null);
  if (next === undefined) throw new AppError("not_found", `no review batch with id ${params.id}`);
  if (next === null) return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
  return Response.json({ id: next }, { headers: { "cache-control": "private, no-store" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
