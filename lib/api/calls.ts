import { z } from "zod";
import { CALL_RESULTS, INTENTS } from "@/lib/vocabulary";
import { Intent, ReviewStatus, SourceStatus } from "@/lib/model";

/** Bodies and answers of the call routes that are not a canonical model shape themselves. */

export const ReviewPatch = z
  .strictObject({
    status: ReviewStatus.optional(),
    intent: Intent.nullable().optional(),
    note: z.string().max(2000, "at most 2000 characters").nullable().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: "send at least one of status, intent, note" });

const count = z.number().int().nonnegative();

export const CallStats = z.object({
  total: count,
  answered: count,
  byResult: z.partialRecord(z.enum(CALL_RESULTS), count),
  byIntent: z.partialRecord(z.enum([...INTENTS, "none"]), count),
  /**
   * Present when every figure is an estimate counted over a sample: of a text search's matches, or
   * (basis "calls") of the calls, for filters matching many calls that the count tables do not hold.
   */
  estimate: z.object({ sampled: count, matches: count, basis: z.literal("calls").optional() }).optional(),
});

export const Neighbors = z.object({ prev: z.string().nullable(), next: z.string().nullable() });

export const Peaks = z.object({
  durationMs: z.number().nonnegative(),
  sampleRate: z.number().int().positive(),
  channels: z.number().int().positive(),
  /** Points per channel. */
  length: count,
  /** One array per channel: the absolute peak per point, 0..1, evenly spaced over the duration. */
  peaks: z.array(z.array(z.number().min(0).max(1))),
});

export const SyncStarted = z.object({ id: z.string(), sync: SourceStatus.shape.sync });
