import { z } from "zod";

/**
 * The pieces every vendor's source schema is built from (CONTRACT.md §1): the fields all sources share,
 * and the field types vendors pick their connection fields from. Here, not in lib/config.ts, because
 * lib/config.ts builds its source union from the vendor folders and a vendor folder must not import it back.
 */

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = z
  .string()
  .refine(isTimeZone, { message: "not an IANA time zone (e.g. Asia/Shanghai)" });
export const HttpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
/** A credential: kept out of logs and answers by the vendor's `secretFields`. */
export const Secret = z.string().min(1, "must not be empty");
const TaskId = z.union([z.string().min(1), z.number().int()]).transform(String);

/** The fields of every source, whatever its vendor; spread into each vendor's `strictObject`. */
export const sourceFields = {
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/, "letters, digits, '-' and '_' only (it appears in URLs)"),
  name: z.string().min(1).optional(),
  taskIds: z.array(TaskId).min(1, "list at least one task id"),
  /** How this source's times without an offset are read; defaults to the top-level timezone. */
  timezone: TimeZone.optional(),
  /** Upstream requests per second; defaults to the vendor's documented limit. */
  rateLimitPerSecond: z.number().positive().max(10_000).optional(),
  /** Per-request timeout towards the vendor. */
  timeoutMs: z.number().int().min(100).max(600_000).optional(),
};
