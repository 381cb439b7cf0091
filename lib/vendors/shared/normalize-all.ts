import type { z } from "zod";
import { VendorError } from "../errors";
import type { NormalizedCall, RecordOutcome, RecordProblem } from "../types";

/** A page of records through one record normalizer: the readable ones, and the problems of the rest. */
export function normalizeAll<O>(
  records: unknown[],
  normalize: (record: unknown, options: O) => RecordOutcome,
  options: O,
): { calls: NormalizedCall[]; problems: RecordProblem[] } {
  const calls: NormalizedCall[] = [];
  const problems: RecordProblem[] = [];
  for (const record of records) {
    const outcome = normalize(record, options);
    if (outcome.ok) calls.push(outcome.call);
    else problems.push(outcome.problem);
  }
  return { calls, problems };
}

/**
 * The call in a detail the caller asked for by id: unlike a list page, there is nothing around it to
 * keep, so a record that cannot be read is the vendor's bad answer. `what` names it in the message
 * ("Tanyi: call 123").
 */
export function detailCall(outcome: RecordOutcome, what: string): NormalizedCall {
  if (outcome.ok) return outcome.call;
  throw new VendorError("bad_response", `${what} cannot be read (${outcome.problem.reason})`, {
    vendorCode: "bad_record",
  });
}

/** Why a record failed its schema, in a problem's words: the first issue and the field it is in. */
export function schemaReason(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join(".") || "(record)";
  return `${field}: ${issue?.message ?? "unreadable"}`;
}
