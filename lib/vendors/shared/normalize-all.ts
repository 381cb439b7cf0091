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
