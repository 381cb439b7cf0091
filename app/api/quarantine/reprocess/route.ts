import { audit } from "@/lib/server/audit";
import { route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/** POST /api/quarantine/reprocess — read quarantined records again with this version's adapters (admins). */
export const POST = route("admin", ({ req, runtime, session }) => {
  const bySource: Record<string, { resolved: number; remaining: number }> = {};
  for (const [id, source] of runtime.sources) bySource[id] = runtime.sync.reprocessQuarantine(source);
  audit(runtime, session, req, "quarantine.reprocess", null, bySource);
  return Response.json(bySource);
});
