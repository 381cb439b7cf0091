import { z } from "zod";
import { FaultRule } from "@/lib/api/admin";
import { AppError, parseOr } from "@/lib/errors";
import { readJsonBody } from "@/lib/server/body";
import { otherMethods, route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/** Demo mode only: make the simulated vendors misbehave (to see how Callscope copes), or behave again. */
export const POST = route("admin", async ({ req, runtime }) => {
  if (!runtime.faults) throw new AppError("not_found", "fault injection exists in demo mode only");
  // One rule or a list: parsed apart, so a mistake is named by its field (a union says only "Invalid input").
  const body: unknown = await readJsonBody(req, z.unknown());
  const rules = Array.isArray(body)
    ? parseOr(z.array(FaultRule).max(20), body, "invalid_body")
    : [parseOr(FaultRule, body, "invalid_body")];
  runtime.faults.add(...rules);
  return Response.json({ rules: runtime.faults.list() });
});

export const DELETE = route("admin", async ({ runtime }) => {
  if (!runtime.faults) throw new AppError("not_found", "fault injection exists in demo mode only");
  runtime.faults.clear();
  return Response.json({ rules: [] });
});

export const { GET, PUT, PATCH, OPTIONS } = otherMethods("POST", "DELETE");
