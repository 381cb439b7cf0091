import "server-only";
import { maskPhone } from "@/lib/auth/mask";
import { maskNumbers } from "@/lib/auth/pii";
import { seesFullNumbers } from "@/lib/auth/roles";
import type { Session } from "@/lib/auth/session";
import { AppError, asAppError } from "@/lib/errors";
import type { CallDetail, CallSummary } from "@/lib/model";

/**
 * The presentation boundary: everything a viewer is shown of a call, a source's state or an error
 * passes through here. Supervisors and admins see numbers whole; for operators (and anyone not
 * signed in) callee and caller are masked, and so is every phone, ID-card and bank-card number in
 * any text — transcript lines, the review note, tags, the vendor's labels and error words, the keys
 * and values of vendor extras — by the one detector in lib/auth/pii.ts.
 */
export function seesWhole(session: Session | null): boolean {
  return session !== null && seesFullNumbers(session.role);
}

/** Free text as this viewer may see it. */
export function presentText<T extends string | null>(text: T, session: Session | null): T {
  if (text === null || seesWhole(session)) return text;
  return maskNumbers(text) as T;
}

/** Any JSON-like value (vendor extras): every string and long integer in it, keys included. */
export function presentValue(value: unknown, session: Session | null): unknown {
  return seesWhole(session) ? value : maskDeep(value);
}

export function presentSummary<T extends CallSummary | CallDetail>(call: T, session: Session | null): T {
  if (seesWhole(session)) return call;
  const text = (value: string | null) => (value === null ? null : maskNumbers(value));
  const masked: T = {
    ...call,
    callee: maskPhone(call.callee),
    caller: maskPhone(call.caller),
    resultLabel: text(call.resultLabel),
    intentLabel: text(call.intentLabel),
    tags: call.tags.map(maskNumbers),
    alerts: call.alerts.map(maskNumbers),
    review: { ...call.review, note: text(call.review.note) },
  };
  if ("transcript" in masked) {
    const detail = masked as CallDetail;
    detail.transcript = detail.transcript.map((line) => ({ ...line, text: maskNumbers(line.text) }));
    detail.extra = maskDeep(detail.extra) as Record<string, unknown>;
  }
  return masked;
}

/** A source's sync state: its last error is the vendor's words, masked like any text. */
export function presentSyncStatus<T extends { error: string | null } | undefined>(
  status: T,
  session: Session | null,
): T {
  if (!status || seesWhole(session)) return status;
  return { ...status, error: presentText(status.error, session) };
}

/** An error as a viewer who may not see numbers gets it: same code, status and headers, numbers masked. */
export function maskedError(err: unknown): AppError {
  const error = asAppError(err);
  const message = maskNumbers(error.message);
  if (message === error.message) return error;
  return new AppError(error.code, message, { cause: err, headers: error.headers });
}

function maskDeep(value: unknown): unknown {
  if (typeof value === "string") return maskNumbers(value);
  if (typeof value === "number" && Number.isInteger(value) && Math.abs(value) >= 1_000_000)
    return maskNumbers(String(value));
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [maskNumbers(key), maskDeep(item)]));
  }
  return value;
}
