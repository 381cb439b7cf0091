import { AppError, answerAs } from "@/lib/errors";
import { ReviewPatch } from "@/lib/api/calls";
import { Review } from "@/lib/model";
import { audit } from "@/lib/server/audit";
import { readJsonBody } from "@/lib/server/body";
import { otherMethods, route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/** PATCH /api/calls/{id}/review — supervisors and admins; every change is kept in the history. */
export const PATCH = route<{ id: string }>("supervisor", async ({ req, params, runtime, session }) => {
  const patch = await readJsonBody(req, ReviewPatch);
  if (!(await runtime.store.calls.get(params.id)))
    throw new AppError("not_found", `no call with id ${params.id}`);
  const review = await runtime.store.reviews.update(params.id, patch, session.username);
  runtime.details.forget(params.id);
  await audit(runtime, session, req, "review.update", params.id, patch);
  return Response.json(answerAs(Review, review));
});

export const { GET, POST, PUT, DELETE, OPTIONS } = otherMethods("PATCH");
