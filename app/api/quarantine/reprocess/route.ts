import { audit } from "@/lib/server/audit";
import { otherMethods, route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/** POST /api/quarantine/reprocess — read quarantined records again with this version's adapters (admins). */
export const POST = route("admin", async ({ req, runtime, session }) => {
  const bySource: Record<string, { resolved: number; remaining: number }> = {};
  for (const [id, source] of runtime.sources) bySource[id] = await runtime.sync.reprocessQuarantine(source);
  await audit(runtime, session, req, "quarantine.reprocess", null, bySource);
  return Response.json(bySource);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
