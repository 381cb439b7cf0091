import { VendorError } from "@/lib/vendors/errors";
import { httpLevelError, type HttpAnswer } from "@/lib/vendors/http";
import { detailCall } from "@/lib/vendors/shared/normalize-all";
import { pageOfCursor } from "@/lib/vendors/shared/paging";
import type { AdapterContext, CallPage, NormalizedCall, VendorAdapter } from "@/lib/vendors/types";
import type { Source } from "./config";
import { normalizeRecord, normalizeRecords } from "./normalize";
import { Envelope } from "./schema";

/** The fifth vendor's adapter: one keyed GET per page; a call is found again by paging its task. */

export function createAdapter(ctx: AdapterContext<Source>): VendorAdapter {
  const { source, http, timezone } = ctx;
  const label = source.name ?? source.id;
  const base = source.apiBase.replace(/\/+$/, "");

  async function page(taskId: string, pageNo: number, signal?: AbortSignal): Promise<Envelope> {
    return http.request(
      () => ({
        method: "GET",
        url: `${base}/tasks/${encodeURIComponent(taskId)}/calls?page=${pageNo}`,
        headers: { "x-api-key": source.apiKey },
      }),
      (answer) => readEnvelope(answer, label),
      { idempotent: true, signal },
    );
  }

  return {
    vendor: source.vendor,
    reprocess(record, taskId) {
      return normalizeRecord(record, { taskId, timezone });
    },
    async listCalls(taskId, cursor, options = {}): Promise<CallPage> {
      const pageNo = pageOfCursor(cursor, label);
      const envelope = await page(taskId, pageNo, options.signal);
      const { calls, problems } = normalizeRecords(envelope.calls ?? [], { taskId, timezone });
      const next = envelope.nextPage ?? null;
      return { calls, problems, nextCursor: next === null ? null : String(next), total: null };
    },
    async getCall(locator, options = {}): Promise<NormalizedCall> {
      const taskId = locator.taskId ?? "";
      for (let pageNo = 1; ;) {
        const envelope = await page(taskId, pageNo, options.signal);
        const record = (envelope.calls ?? []).find(
          (item) => (item as { callId?: unknown }).callId === locator.callId,
        );
        if (record)
          return detailCall(
            normalizeRecord(record, { taskId, timezone }),
            `${label}: call ${locator.callId}`,
          );
        if (envelope.nextPage == null) break;
        pageNo = envelope.nextPage;
      }
      throw new VendorError("not_found", `${label}: no call ${locator.callId}`, { vendorCode: "not_found" });
    },
  };
}

export function readEnvelope(answer: HttpAnswer, label: string): Envelope {
  const failure = httpLevelError(answer, label);
  if (failure) throw failure;
  const parsed = Envelope.safeParse(JSON.parse(answer.text));
  if (!parsed.success || !parsed.data.ok) {
    throw new VendorError("bad_response", `${label}: ${parsed.data?.error ?? "unreadable answer"}`, {
      vendorCode: "bad_envelope",
    });
  }
  return parsed.data;
}
