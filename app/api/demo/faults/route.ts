import { AppError } from "@/lib/errors";
import { FaultRules } from "@/lib/api/admin";
import { readJsonBody } from "@/lib/server/body";
import { route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/** Demo mode only: make the simulated vendors misbehave (to see how Callscope copes), or behave again. */
export const POST = route("admin", async ({ req, runtime }) => {
  if (!runtime.faults) throw new AppError("not_found", "fault injection exists in demo mode only");
  const body = await readJsonBody(req, FaultRules);
  runtime.faults.add(...(Array.isArray(body) ? body : [body]));
  return Response.json({ rules: runtime.faults.list() });
});

export const DELETE = route("admin", ({ runtime }) => {
  if (!runtime.faults) throw new AppError("not_found", "fault injection exists in demo mode only");
  runtime.faults.clear();
  return Response.json({ rules: [] });
});
