import { z } from "zod";
import { FAULT_MODES } from "@/lib/simulator/faults";

/** Bodies and answers of the admin routes (audit log, quarantine, demo fault injection). */

const count = z.number().int().nonnegative();

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});

export const AuditPage = z.object({ items: z.array(AuditEntry), nextBefore: z.number().int().nullable() });

export const QuarantinedRecord = z.object({
  id: z.number().int(),
  sourceId: z.string(),
  taskId: z.string(),
  vendorCallId: z.string().nullable(),
  reason: z.string(),
  /** The vendor's record as received; signed query strings of URLs removed. */
  raw: z.string(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  seenCount: count,
  resolvedAt: z.string().nullable(),
});

export const QuarantinePage = z.object({
  items: z.array(QuarantinedRecord),
  counts: z.record(z.string(), count),
});

export const ReprocessResult = z.record(z.string(), z.object({ resolved: count, remaining: count }));

export const FaultRule = z.strictObject({
  mode: z.enum(FAULT_MODES),
  prefix: z.enum(["/aliyun-dyvms", "/aliyun-aiccs", "/tanyi", "/agent", "/oss"]).optional(),
  match: z.string().max(100).optional(),
  times: z.number().int().min(1).max(10_000).optional(),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  delayMs: z.number().int().min(0).max(120_000).optional(),
});

export const FaultRules = z.union([FaultRule, z.array(FaultRule).max(20)]);

/** The rules in force; `times` counts down as they fire. */
export const FaultList = z.object({ rules: z.array(FaultRule.loose()) });

/** GET /api/admin/sessions: the open sessions an admin can see and end. */
export const SessionList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      username: z.string(),
      role: z.enum(["operator", "supervisor", "admin"]).nullable(),
      createdAt: z.string(),
      lastSeenAt: z.string(),
      endsAt: z
        .string()
        .describe("when it ends unless used again (idle timeout or its 12 h, whichever first)"),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
      current: z.boolean().describe("the session making this request"),
    }),
  ),
});
