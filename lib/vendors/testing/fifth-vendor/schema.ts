import { z } from "zod";

/** The fifth vendor's wire shapes. */

export const Envelope = z.looseObject({
  ok: z.boolean(),
  error: z.string().optional(),
  calls: z.array(z.unknown()).optional(),
  nextPage: z.number().int().nullable().optional(),
});
export type Envelope = z.infer<typeof Envelope>;

export const CallRecord = z.looseObject({
  callId: z.string().min(1),
  phone: z.string().min(1),
  /** Seconds since the epoch, UTC. */
  dialledAt: z.number().int(),
  talkSeconds: z.number().nonnegative().nullable(),
  outcome: z.string(),
  lines: z.array(z.looseObject({ who: z.enum(["bot", "human"]), said: z.string() })).default([]),
});
export type CallRecord = z.infer<typeof CallRecord>;
