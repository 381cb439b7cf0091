import { SyncStarted } from "@/lib/api/calls";
import { AppError, answerAs } from "@/lib/errors";
import { audit } from "@/lib/server/audit";
import { otherMethods, route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/** POST /api/sources/{id}/sync — 202: starts a sync of the source's tasks, or joins the one under way. */
export const POST = route<{ id: string }>("admin", async ({ req, params, runtime, session }) => {
  if (!runtime.sources.has(params.id)) throw new AppError("not_found", `no source with id ${params.id}`);
  void runtime.sync.sync(params.id, "manual");
  await audit(runtime, session, req, "source.sync", params.id);
  return Response.json(answerAs(SyncStarted, { id: params.id, sync: await runtime.sync.status(params.id) }), {
    status: 202,
  });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
