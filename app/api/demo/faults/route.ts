import { z } from "zod";
import { AppError, parseOr } from "@/lib/errors";
import { FAULT_MODES } from "@/lib/simulator/faults";
import { readJsonBody } from "@/lib/server/body";
import { route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

const Rule = z.strictObject({
  mode: z.enum(FAULT_MODES),
  prefix: z.enum(["/aliyun-dyvms", "/aliyun-aiccs", "/tanyi", "/agent", "/oss"]).optional(),
  match: z.string().max(100).optional(),
  times: z.number().int().min(1).max(10_000).optional(),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  delayMs: z.number().int().min(0).max(120_000).optional(),
});

/** Demo mode only: make the simulated vendors misbehave (to see how Callscope copes), or behave again. */
export const POST = route("admin", async ({ req, runtime }) => {
  if (!runtime.faults) throw new AppError("not_found", "fault injection exists in demo mode only");
  // One rule or a list: parsed apart, so a mistake is named by its field (a union says only "Invalid input").
  const body: unknown = await readJsonBody(req, z.unknown());
  const rules = Array.isArray(body)
    ? parseOr(z.array(Rule).max(20), body, "invalid_body")
    : [parseOr(Rule, body, "invalid_body")];
  runtime.faults.add(...rules);
  return Response.json({ rules: runtime.faults.list() });
});

export const DELETE = route("admin", ({ runtime }) => {
  if (!runtime.faults) throw new AppError("not_found", "fault injection exists in demo mode only");
  runtime.faults.clear();
  return Response.json({ rules: [] });
});
