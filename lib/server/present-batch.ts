import "server-only";
import { maskPhone } from "@/lib/auth/mask";
import { seesFullNumbers } from "@/lib/auth/roles";
import type { Session } from "@/lib/auth/session";
import type { BatchDetail } from "@/lib/store/batches";

/** A batch as this viewer may see it: the callees of its calls masked for operators, as everywhere. */
export function presentBatch(batch: BatchDetail, session: Session): BatchDetail {
  if (seesFullNumbers(session.role)) return batch;
  return { ...batch, calls: batch.calls.map((call) => ({ ...call, callee: maskPhone(call.callee) })) };
}
