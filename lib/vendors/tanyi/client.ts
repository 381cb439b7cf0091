import "server-only";
import type { Source } from "./config";
import { VendorError, vendorWords } from "@/lib/vendors/errors";
import { httpLevelError, parseRetryAfter, type HttpAnswer } from "@/lib/vendors/http";
import { parseVendorJson, unwrapJsonString } from "@/lib/vendors/shared/json";
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
import { normalizeRecords, normalizeRecord } from "./normalize";
import { Envelope, TanyiPage } from "./schema";
import { tanyiSignedHeaders, type TanyiCredentials } from "./signature";

/**
 * Tanyi bot openapi (apiOpen/v1): the call list of a task (callRecord/getCallRecordInfoList, POST JSON,
 * paged) and one call (callRecord/callDetail, GET). Every request is signed with fresh headers; answers
 * are `{code, data, requestId, resultMsg, errorStackTrace}` envelopes where code 200 is success.
 */

export const TANYI_MAX_PAGE_SIZE = MAX_PAGE_SIZE;
const API_PATH = "/apiOpen/v1";

const AUTH_WORDS =
  /签名|signature|appkey|app_key|鉴权|认证|授权|tenantsign|租户|过期|expired|timestamp|时间戳/i;
const THROTTLE_WORDS = /限流|频繁|too many|rate.?limit|throttl/i;
const NOT_FOUND_WORDS = /不存在|未找到|查无|not.?found|no such/i;

/**
 * The API root for a configured base URL: `${base}/apiOpen/v1`, unless the base already ends with it
 * (people paste the documented URL). A path prefix on the base (a gateway, the simulator's `/tanyi`) stays.
 */
export function tanyiApiRoot(baseUrl: string): string {
  const url = new URL(baseUrl);
  const path = url.pathname.replace(/\/+$/, "");
  return `${url.origin}${/\/apiOpen\/v1$/i.test(path) ? path : `${path}${API_PATH}`}`;
}

export function createAdapter(ctx: AdapterContext<Source>): VendorAdapter {
  const { source, http, timezone } = ctx;
  const label = source.name ?? source.id;
  const root = tanyiApiRoot(source.baseUrl);
  const credentials: TanyiCredentials = {
    appKey: source.appKey,
    appSecret: source.appSecret,
    tenantSign: source.tenantSign,
  };

  // Built per attempt: the timestamp (and so the signature) must be fresh on every retry.
  const signedHeaders = (more: Record<string, string> = {}) => ({
    accept: "application/json",
    ...tanyiSignedHeaders(credentials, Date.now()),
    ...more,
  });

  /** A vendor message may echo what we sent; none of our credentials may ride along into a message. */
  const scrub = (words: string | null): string | null => {
    if (words === null) return null;
    let out = words;
    for (const secret of [credentials.appSecret, credentials.tenantSign, credentials.appKey]) {
      if (secret.length >= 4) out = out.split(secret).join("[redacted]");
    }
    return out;
  };

  /** What the HTTP status alone says when the body is no envelope: a missing record or refused credentials. */
  function statusError(answer: HttpAnswer, notFoundWhat: string): VendorError | null {
    const vendorCode = `HTTP ${answer.status}`;
    if (answer.status === 404) {
      return new VendorError("not_found", `${label}: ${notFoundWhat} not found (${vendorCode})`, {
        vendorCode,
      });
    }
    if (answer.status === 401 || answer.status === 403) {
      return new VendorError("auth", `${label}: the vendor refused our credentials (${vendorCode})`, {
        vendorCode,
      });
    }
    return null;
  }

  /** The envelope's `data` on code 200; otherwise the VendorError its code and words stand for. */
  function readEnvelope(answer: HttpAnswer, notFoundWhat: string): unknown {
    const httpError = httpLevelError(answer, label);
    if (httpError) throw httpError;
    const httpCode = `HTTP ${answer.status}`;

    let body: unknown;
    try {
      body = parseVendorJson(answer.text);
    } catch (err) {
      const byStatus = statusError(answer, notFoundWhat);
      if (byStatus) throw byStatus;
      const what = /^\s*</.test(answer.text)
        ? "an HTML page"
        : answer.text.trim()
          ? "text that is not JSON"
          : "an empty body";
      throw new VendorError(
        "bad_response",
        `${label}: the vendor answered ${what} instead of JSON (${httpCode})`,
        {
          vendorCode: httpCode,
          cause: err,
        },
      );
    }

    const envelope = Envelope.safeParse(body);
    if (!envelope.success || envelope.data.code === null) {
      const byStatus = statusError(answer, notFoundWhat);
      if (byStatus) throw byStatus;
      throw new VendorError(
        "bad_response",
        `${label}: the vendor's answer has no {code, data} envelope (${httpCode})`,
        {
          vendorCode: httpCode,
        },
      );
    }

    const { code, resultMsg } = envelope.data;
    if (code === 200 && answer.status < 300) return envelope.data.data;

    // errorStackTrace is deliberately never read: it is Java internals and junk, not for people.
    const words = scrub(resultMsg) ?? "";
    const vendorCode = code === 200 ? httpCode : String(code);
    const said = vendorWords(words, vendorCode);
    const refusedStatus = answer.status === 401 || answer.status === 403;
    if (code === 401 || code === 403 || refusedStatus || AUTH_WORDS.test(words)) {
      throw new VendorError("auth", `${label}: the vendor refused our credentials: ${said}`, { vendorCode });
    }
    if (code === 429 || THROTTLE_WORDS.test(words)) {
      throw new VendorError("throttled", `${label}: the vendor is rate limiting requests: ${said}`, {
        vendorCode,
        retryAfterMs: parseRetryAfter(answer.headers.get("retry-after")),
      });
    }
    if (code === 404 || answer.status === 404 || NOT_FOUND_WORDS.test(words)) {
      throw new VendorError("not_found", `${label}: ${notFoundWhat} not found: ${said}`, { vendorCode });
    }
    throw new VendorError("rejected", `${label}: the vendor refused the request: ${said}`, { vendorCode });
  }

  return {
    vendor: "tanyi",
    reprocess(record: unknown, taskId: string) {
      return normalizeRecord(record, { taskId, timezone: ctx.timezone });
    },

    async listCalls(taskId: string, cursor: string | null, options: CallOptions = {}): Promise<CallPage> {
      const pageNum = pageOfCursor(cursor, label);
      const pageSize = pageSizeWithin(options.pageSize, TANYI_MAX_PAGE_SIZE);
      const body = JSON.stringify({ robotCallJobId: taskIdOnWire(taskId), pageNum, pageSize });
      return http.request(
        () => ({
          method: "POST",
          url: `${root}/callRecord/getCallRecordInfoList`,
          headers: signedHeaders({ "content-type": "application/json;charset=UTF-8" }),
          body,
        }),
        (answer) =>
          readPage(readEnvelope(answer, `task ${taskId}`), { taskId, pageNum, pageSize, timezone, label }),
        { idempotent: true, signal: options.signal },
      );
    },

    async getCall(locator: Locator, options: CallOptions = {}): Promise<NormalizedCall> {
      const callRecordId = locator.callRecordId?.trim();
      if (!callRecordId) {
        throw new VendorError(
          "not_found",
          `${label}: this call has no callRecordId, so it cannot be fetched from the vendor`,
        );
      }
      const what = `call record ${callRecordId}`;
      const data = await http.request(
        () => ({
          method: "GET",
          url: `${root}/callRecord/callDetail?callRecordId=${encodeURIComponent(callRecordId)}`,
          headers: signedHeaders(),
        }),
        (answer) => readEnvelope(answer, what),
        { idempotent: true, signal: options.signal },
      );
      const record = unwrapJsonString(data);
      if (record === null || record === undefined) {
        throw new VendorError("not_found", `${label}: ${what} not found (the vendor answered no data)`, {
          vendorCode: "200",
        });
      }
      const call = detailCall(normalizeRecord(record, { taskId: null, timezone }), `${label}: ${what}`);
      if (call.summary.vendorCallId === null) {
        // The detail left its own id out: it is still the record we asked for.
        return {
          ...call,
          key: callRecordId,
          locator: { callRecordId },
          summary: { ...call.summary, vendorCallId: callRecordId },
        };
      }
      return call;
    },
  };
}

function readPage(
  data: unknown,
  at: { taskId: string; pageNum: number; pageSize: number; timezone: string; label: string },
): CallPage {
  if (data === null || data === undefined) return { calls: [], problems: [], nextCursor: null, total: null };
  const page = TanyiPage.safeParse(unwrapJsonString(data));
  // `content` as documented; other wrappers (list, records, rows …) from other versions and proxies.
  const content = (page.success ? page.data.content : null) ?? recordsIn(data);
  if (!page.success || !Array.isArray(content)) {
    throw new VendorError(
      "bad_response",
      `${at.label}: the call list's data is not a page of records (task ${at.taskId})`,
    );
  }
  const { calls, problems } = normalizeRecords(content, { taskId: at.taskId, timezone: at.timezone });

  const { number, pages, totalElements } = page.data;
  // The vendor may page by a smaller size than asked; a "short" page is short against its own size.
  const servedSize =
    page.data.pageSize !== null && page.data.pageSize >= 1 ? page.data.pageSize : at.pageSize;
  const total = totalElements !== null && totalElements >= 0 ? Math.round(totalElements) : null;
  const last =
    content.length === 0 ||
    content.length < servedSize ||
    // `number` is documented 1-based, but Spring pages are 0-based: our own page counter settles it.
    (pages !== null && (at.pageNum >= pages || (number !== null && number >= pages))) ||
    (total !== null && at.pageNum * servedSize >= total);
  return { calls, problems, nextCursor: last ? null : String(at.pageNum + 1), total };
}

/** robotCallJobId is a Long: a JSON number when it fits exactly, else its digits as a string. */
function taskIdOnWire(taskId: string): number | string {
  const trimmed = taskId.trim();
  return /^\d+$/.test(trimmed) && Number.isSafeInteger(Number(trimmed)) ? Number(trimmed) : trimmed;
}
