import "server-only";
import { maskPhone } from "@/lib/auth/mask";
import { seesFullNumbers } from "@/lib/auth/roles";
import type { Session } from "@/lib/auth/session";
import type { CallDetail, CallSummary } from "@/lib/model";

/** What a viewer may see of a call: operators get callee and caller masked, everywhere. */
export function presentSummary<T extends CallSummary | CallDetail>(call: T, session: Session): T {
  if (seesFullNumbers(session.role)) return call;
  return { ...call, callee: maskPhone(call.callee), caller: maskPhone(call.caller) };
}
