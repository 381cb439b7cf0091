import "server-only";
import type { Source } from "./config";
import { VendorError, vendorWords } from "@/lib/vendors/errors";
import { httpLevelError, type HttpAnswer } from "@/lib/vendors/http";
import { text } from "@/lib/vendors/shared/coerce";
import { parseVendorJson } from "@/lib/vendors/shared/json";
import type {
  AdapterContext,
  CallOptions,
  CallPage,
  Locator,
  NormalizedCall,
  VendorAdapter,
} from "@/lib/vendors/types";
import { MAX_PAGE_SIZE, pageOfCursor, pageSizeWithin } from "../shared/paging";
import { detailCall } from "@/lib/vendors/shared/normalize-all";
import { recordsIn } from "../shared/records";
import { normalizeRecord, normalizeRecords } from "./normalize";
import { Envelope, RawMeta } from "./schema";

/**
 * The "AI客户联络" agent API (white-labelled by several brands): Bearer token, a Laravel app behind
 * `/agent-api/user/{userId}/task/{taskId}/record`. The list carries each call whole, turns included.
 * The detail route is not documented; where a deployment lacks it we find the call in the list.
 */

/** The fallback pages through one callee's calls; a number dialled more often than this is not a call list. */
const MAX_FALLBACK_PAGES = 50;

const CODE_OK = 200;
const CODE_TASK_MISSING = 5002;
const CODE_NO_CLOUD_NODE = 1002;

interface ListAnswer {
  records: unknown[];
  currentPage: number | null;
  lastPage: number | null;
  perPage: number | null;
  total: number | null;
}

export function createAdapter(ctx: AdapterContext<Source>): VendorAdapter {
  const { source, http, timezone } = ctx;
  const label = source.name ? `${source.name} (${source.id})` : source.id;
  const recordsUrl = (taskId: string) =>
    `${apiBase(source.baseUrl)}/agent-api/user/${encodeURIComponent(source.userId)}/task/${encodeURIComponent(taskId)}/record`;
  const headers = { Authorization: `Bearer ${source.token}`, Accept: "application/json" };

  function fetchList(
    taskId: string,
    query: Record<string, string>,
    options: CallOptions,
  ): Promise<ListAnswer> {
    const url = `${recordsUrl(taskId)}?${new URLSearchParams(query).toString()}`;
    return http.request(
      () => ({ method: "GET", url, headers }),
      (answer) => readList(answer, label),
      { idempotent: true, signal: options.signal },
    );
  }

  /** The undocumented detail route; `null` when this deployment has no such route (HTTP 404/405). */
  function fetchDetail(taskId: string, recordId: string, options: CallOptions): Promise<unknown | null> {
    const url = `${recordsUrl(taskId)}/${encodeURIComponent(recordId)}`;
    return http.request(
      () => ({ method: "GET", url, headers }),
      (answer) => {
        if (answer.status === 404 || answer.status === 405) return null;
        const data = readEnvelope(answer, label).data;
        const record = Array.isArray(data) ? data[0] : data;
        if (!record || typeof record !== "object") {
          throw new VendorError("bad_response", `${label}: the vendor's call detail holds no record`, {
            vendorCode: "no_data",
          });
        }
        return record;
      },
      { idempotent: true, signal: options.signal },
    );
  }

  /** The documented way to one call: the list filtered by callee, searched for the record. */
  async function findInList(locator: Locator, options: CallOptions): Promise<unknown> {
    const { taskId = "", recordId = "", callee = "", calldate = "" } = locator;
    for (let page = 1; page <= MAX_FALLBACK_PAGES; page++) {
      const query: Record<string, string> = { page: String(page), per_page: String(MAX_PAGE_SIZE) };
      if (callee) query.keyword = callee;
      const answer = await fetchList(taskId, query, options);
      const found = answer.records.find((record) => matches(record, recordId, callee, calldate));
      if (found) return found;
      if (isLastPage(answer, MAX_PAGE_SIZE)) break;
    }
    // Never the callee in words: error messages reach operators, who see numbers masked.
    throw new VendorError(
      "not_found",
      `${label}: call ${recordId || "(no record id)"} not found in task ${taskId}`,
      {
        vendorCode: "not_found",
      },
    );
  }

  return {
    vendor: "agent-api",
    reprocess(record: unknown, taskId: string) {
      return normalizeRecord(record, { taskId, timezone: ctx.timezone });
    },

    async listCalls(taskId, cursor, options = {}): Promise<CallPage> {
      const page = pageOfCursor(cursor, label);
      const perPage = pageSizeWithin(options.pageSize);
      const answer = await fetchList(taskId, { page: String(page), per_page: String(perPage) }, options);
      const { calls, problems } = normalizeRecords(answer.records, { taskId, timezone });
      return {
        calls,
        problems,
        nextCursor: isLastPage(answer, perPage) ? null : String(page + 1),
        total: answer.total,
      };
    },

    async getCall(locator, options = {}): Promise<NormalizedCall> {
      const taskId = locator.taskId ?? "";
      const recordId = locator.recordId ?? "";
      const detail = recordId ? await fetchDetail(taskId, recordId, options) : null;
      const record = detail ?? (await findInList(locator, options));
      return detailCall(normalizeRecord(record, { taskId, timezone }), `${label}: call ${recordId}`);
    },
  };
}

/** The configured base with any trailing slash removed; a base that already ends in /agent-api loses it. */
function apiBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "").replace(/\/agent-api$/, "");
}

/** Past the vendor's last page, an empty page, or a page shorter than the vendor's page size. */
function isLastPage(answer: ListAnswer, requested: number): boolean {
  if (answer.records.length === 0) return true;
  if (answer.currentPage !== null && answer.lastPage !== null && answer.currentPage >= answer.lastPage)
    return true;
  // The vendor may serve fewer than asked; its own per_page says what a full page is.
  return answer.records.length < (answer.perPage ?? requested);
}

function matches(record: unknown, recordId: string, callee: string, calldate: string): boolean {
  if (!record || typeof record !== "object") return false;
  const r = record as Record<string, unknown>;
  if (recordId) return text.parse(r.id) === recordId;
  return text.parse(r.callee) === callee && (text.parse(r.calldate) ?? "") === calldate;
}

function readList(answer: HttpAnswer, label: string): ListAnswer {
  const envelope = readEnvelope(answer, label);
  // The documented list, or a Laravel paginator ({data: {data: [...], current_page, last_page, …}}).
  const data = envelope.data === null || envelope.data === undefined ? [] : recordsIn(envelope.data);
  if (!data) {
    throw new VendorError("bad_response", `${label}: the vendor's call list is not a list`, {
      vendorCode: "bad_data",
    });
  }
  const paginator =
    envelope.data && typeof envelope.data === "object" && !Array.isArray(envelope.data) ? envelope.data : {};
  const meta = RawMeta.safeParse(envelope.meta ?? paginator);
  const m = meta.success ? meta.data : null;
  return {
    records: data,
    currentPage: m?.current_page ?? null,
    lastPage: m?.last_page ?? null,
    perPage: m?.per_page || null,
    total: m?.total ?? null,
  };
}

/**
 * The vendor's verdict on one answer: the envelope when it says success, else a VendorError.
 * Business errors come with HTTP 200 (`{code: 5002, status: "error"}`); Laravel's own come with
 * their HTTP status and only a `message` (`401 {"message":"Unauthenticated."}`).
 */
export function readEnvelope(answer: HttpAnswer, label: string): Envelope {
  const httpError = httpLevelError(answer, label);
  if (httpError) throw httpError;

  let body: unknown;
  try {
    body = parseVendorJson(answer.text);
  } catch (cause) {
    if (answer.status === 401 || answer.status === 403) throw authError(label, `HTTP ${answer.status}`, null);
    const what = /^\s*</.test(answer.text) ? "an HTML page" : "not JSON";
    throw new VendorError("bad_response", `${label}: the vendor answered ${what} (HTTP ${answer.status})`, {
      vendorCode: `HTTP ${answer.status}`,
      cause,
    });
  }
  const parsed = Envelope.safeParse(body);
  if (!parsed.success || !body || typeof body !== "object" || Array.isArray(body)) {
    throw new VendorError(
      "bad_response",
      `${label}: the vendor's answer is not an envelope (HTTP ${answer.status})`,
      {
        vendorCode: `HTTP ${answer.status}`,
      },
    );
  }
  const envelope = parsed.data;
  const code = envelope.code;
  const message = envelope.message;

  if (answer.status === 401 || answer.status === 403 || code === 401 || code === 403) {
    throw authError(label, code !== null ? String(code) : `HTTP ${answer.status}`, message);
  }
  if (code === 429) {
    throw new VendorError(
      "throttled",
      `${label}: the vendor is rate limiting requests: ${vendorWords(message, code)}`,
      {
        vendorCode: "429",
      },
    );
  }
  if (code === CODE_NO_CLOUD_NODE) {
    throw new VendorError(
      "auth",
      `${label}: wrong user id or cloud node: the vendor has no cloud node for this account (check userId): ${vendorWords(message, code)}`,
      { vendorCode: String(code) },
    );
  }
  if (code === CODE_TASK_MISSING) {
    throw new VendorError(
      "not_found",
      `${label}: the vendor does not know this task: ${vendorWords(message, code)}`,
      {
        vendorCode: String(code),
      },
    );
  }
  // 200 as documented; some deployments say 0 with status "success".
  const ok = code === CODE_OK || ((code === null || code === 0) && envelope.status === "success");
  if (ok && answer.status >= 200 && answer.status < 300) return envelope;

  if (code === null && envelope.status === null && answer.status < 300) {
    throw new VendorError("bad_response", `${label}: the vendor's answer has no code or status`, {
      vendorCode: "no_envelope",
    });
  }
  const vendorCode = code !== null ? String(code) : `HTTP ${answer.status}`;
  throw new VendorError(
    "rejected",
    `${label}: the vendor refused the request: ${vendorWords(message, vendorCode)}`,
    {
      vendorCode,
    },
  );
}

function authError(label: string, vendorCode: string, message: unknown): VendorError {
  return new VendorError(
    "auth",
    `${label}: the vendor refused the token: ${vendorWords(message, vendorCode)}`,
    {
      vendorCode,
    },
  );
}
