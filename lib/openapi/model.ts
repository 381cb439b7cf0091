import { z } from "zod";
import { CallDetail, CallSummary, Utterance } from "@/lib/model";

/**
 * The canonical shapes as the reference shows them. CONTRACT §2 adds `CallSummary.alerts` and
 * `Utterance.confidence`, which other branches are adding to lib/model.ts; until the model holds
 * them they are described here (optional, so today's answers still validate), and once it does the
 * model's own definition is used unchanged.
 */

const hasKey = (schema: z.ZodObject, key: string) => Object.hasOwn(schema.shape, key);

const alerts = z
  .array(z.string())
  .describe("names of the configured alerts whose phrases the transcript contains");

export const DocCallSummary: z.ZodObject = hasKey(CallSummary, "alerts")
  ? CallSummary
  : CallSummary.extend({ alerts: alerts.optional() });

export const DocUtterance: z.ZodObject = hasKey(Utterance, "confidence")
  ? Utterance
  : Utterance.extend({
      confidence: z
        .number()
        .min(0)
        .max(1)
        .describe("for aligned timing: how sure the alignment is, 0–1")
        .optional(),
    });

export const DocCallDetail: z.ZodObject = CallDetail.extend({
  ...(hasKey(CallSummary, "alerts") ? {} : { alerts: alerts.optional() }),
  transcript: z.array(DocUtterance).describe("in spoken order"),
});

export const DocCallList = z.object({
  items: z.array(DocCallSummary),
  total: z.number().int().nonnegative(),
  nextCursor: z.string().nullable(),
});
