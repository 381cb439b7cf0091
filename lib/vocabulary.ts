/**
 * The canonical model's words (CONTRACT.md §2), without zod: what the browser needs to draw filters
 * and badges. lib/model.ts builds its schemas from these; client code imports the lists from here
 * and the types from lib/model (type-only), so no schema library reaches a browser bundle.
 */

/**
 * The vendors of lib/vendors/registry.ts, for the browser (which must not load the registry: it holds
 * zod schemas and adapters). The registry fails to compile, and registry.test.ts fails, when they differ.
 */
export const VENDORS = ["aliyun-dyvms", "aliyun-aiccs", "tanyi", "agent-api"] as const;
export type Vendor = (typeof VENDORS)[number];

/** A call's or source's `vendor` (a plain string in the model) as one of VENDORS, or null. */
export function knownVendor(value: string): Vendor | null {
  return VENDORS.find((vendor) => vendor === value) ?? null;
}
export const CALL_RESULTS = [
  "answered",
  "no_answer",
  "busy",
  "refused",
  "power_off",
  "suspended",
  "vacant",
  "unreachable",
  "blocked",
  "failed",
  "unknown",
] as const;
export const SPEAKERS = ["robot", "customer"] as const;
export const INTENTS = ["A", "B", "C", "D", "E", "F"] as const;
export const REVIEW_STATUSES = ["unreviewed", "reviewed", "flagged"] as const;
export const TIMINGS = ["vendor", "estimated", "aligned"] as const;
export const ROLES = ["operator", "supervisor", "admin"] as const;
export const SYNC_STATES = ["idle", "syncing", "error"] as const;
/** What a reviewer marks on a line or a moment of a call (CONTRACT.md §3, annotations). */
export const ANNOTATION_LABELS = ["asr_error", "wrong_answer", "missed_intent", "good", "note"] as const;
export const STRATIFY_BY = ["intent", "source"] as const;
