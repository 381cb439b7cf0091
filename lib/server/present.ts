import "server-only";
import { maskPhone } from "@/lib/auth/mask";
import { seesFullNumbers } from "@/lib/auth/roles";
import type { Session } from "@/lib/auth/session";
import type { CallDetail, CallSummary } from "@/lib/model";

/** What a viewer may see of a call: operators get callee and caller masked, everywhere. */
export function presentSummary<T extends CallSummary | CallDetail>(call: T, session: Session): T {
  if (seesFullNumbers(session.role)) return call;
  const masked = { ...call, callee: maskPhone(call.callee), caller: maskPhone(call.caller) };
  if ("extra" in masked) masked.extra = maskNumbersIn(masked.extra) as Record<string, unknown>;
  return masked;
}

/** Free text (a note, an annotation) as this viewer may read it: numbers in it masked for operators. */
export function presentText(text: string | null, session: Session): string | null {
  if (text === null || seesFullNumbers(session.role)) return text;
  return maskNumbersIn(text) as string;
}

/** A run of 7+ digits (optionally split by - or spaces) is a phone number as far as operators go. */
const PHONE = /(?<!\d)(\+?\d[\d -]{5,}\d)(?!\d)/g;
/** …unless it is a date ("2022-09-29 15:09:13" has as many digits). */
const DATE = /\d{4}-\d{1,2}-\d{1,2}/;

/** Phone-like numbers in a piece of text, masked (alert messages, analytics' robot lines). */
export function maskNumbersInText(text: string): string {
  return maskNumbersIn(text) as string;
}

/**
 * Vendor extras hold numbers too (transfer numbers, bridged lines, customer fields): every
 * phone-like string inside them is masked for operators, wherever it sits.
 */
function maskNumbersIn(value: unknown): unknown {
  if (typeof value === "string") {
    return value.replace(PHONE, (match) =>
      match.replace(/\D/g, "").length >= 7 && !DATE.test(match) ? maskPhone(match) : match,
    );
  }
  if (typeof value === "number" && Number.isInteger(value) && Math.abs(value) >= 1_000_000)
    return maskNumbersIn(String(value));
  if (Array.isArray(value)) return value.map(maskNumbersIn);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskNumbersIn(item)]));
  }
  return value;
}
