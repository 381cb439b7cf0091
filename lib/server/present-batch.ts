import "server-only";
import { maskPhone } from "@/lib/auth/mask";
import { maskNumbers } from "@/lib/auth/pii";
import { seesFullNumbers } from "@/lib/auth/roles";
import type { Session } from "@/lib/auth/session";
import type { ReviewBatch } from "@/lib/model";
import type { BatchDetail } from "@/lib/store/batches";

/** Two or more digits in a row, in any way of writing them a search might hold. */
const DIGIT_RUN = /[0-9０-９零〇一二三四五六七八九幺两]{2,}/g;

/**
 * A batch's name and query as this viewer may see them. A supervisor's batch of `q=1333386`, beside
 * its calls' callees masked as 133****5171, gave an operator the number whole: for operators the
 * name's numbers are masked as in notes, and every run of digits in the query's search is starred
 * (a search's digits are a part of some number, which is what operators may not see).
 */
export function presentBatchSummary<T extends ReviewBatch>(batch: T, session: Session): T {
  if (seesFullNumbers(session.role)) return batch;
  const params = new URLSearchParams(batch.query);
  const q = params.get("q");
  if (q !== null)
    params.set(
      "q",
      maskNumbers(q).replace(DIGIT_RUN, (run) => "*".repeat(run.length)),
    );
  return { ...batch, name: maskNumbers(batch.name), query: params.toString() };
}

/** A batch as this viewer may see it: its name, query and callees masked for operators, as everywhere. */
export function presentBatch(batch: BatchDetail, session: Session): BatchDetail {
  if (seesFullNumbers(session.role)) return batch;
  return {
    ...presentBatchSummary(batch, session),
    calls: batch.calls.map((call) => ({ ...call, callee: maskPhone(call.callee) })),
  };
}
