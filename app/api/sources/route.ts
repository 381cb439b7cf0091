import { answerAs } from "@/lib/errors";
import { SourceStatus } from "@/lib/model";
import { otherMethods, route } from "@/lib/server/handler";
import { presentSyncStatus } from "@/lib/server/present";

export const dynamic = "force-dynamic";

/** GET /api/sources — each source with its sync state, progress and last error. */
export const GET = route("operator", async ({ runtime, session }) => {
  const statuses = await runtime.sync.statuses();
  const body = [...runtime.sources.values()].map(({ config }) =>
    answerAs(SourceStatus, {
      id: config.id,
      name: config.name ?? config.id,
      vendor: config.vendor,
      taskIds: config.taskIds,
      sync: presentSyncStatus(statuses.get(config.id), session),
    }),
  );
  return Response.json(body, { headers: { "cache-control": "private, no-store" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
