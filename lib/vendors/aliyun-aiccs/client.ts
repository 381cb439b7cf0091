import "server-only";
import type { Source } from "./config";
import { VendorError, vendorWords, type VendorErrorKind } from "@/lib/vendors/errors";
import { httpLevelError, type HttpAnswer } from "@/lib/vendors/http";
import { signRpcRequest, toQueryString } from "@/lib/vendors/shared/aliyun-rpc-signature";
import { parseVendorJson, unwrapJsonString } from "@/lib/vendors/shared/json";
import type {
  AdapterContext,
  CallOptions,
  CallPage,
  NormalizedCall,
  VendorAdapter,
} from "@/lib/vendors/types";
import { pageOfCursor, pageSizeWithin } from "../shared/paging";
import { detailCall } from "@/lib/vendors/shared/normalize-all";
import { recordsIn } from "../shared/records";
import { normalizeRecord, normalizeRecords } from "./normalize";
import { Envelope, AiccsPageData } from "./schema";

/**
 * Alibaba Cloud AI contact center (AICCS 2019-10-15): Aliyun RPC, signature v1, GET with the signed
 * parameters in the query. QueryAiCallDetailPage lists a task's calls with their transcripts;
 * QueryConversationDetailInfo is one call's detail (recording URL, tags, variables).
 */

const VERSION = "2019-10-15";

export interface Page {
  records: unknown[];
  pageSize: number | null;
  total: number | null;
}

export function createAdapter(ctx: AdapterContext<Source>): VendorAdapter {
  const { source, http, timezone } = ctx;
  const label = source.name ? `${source.name} (${source.id})` : source.id;
  // The endpoint may carry a path prefix (a gateway, the simulator): append to it, never replace it.
  const base = source.endpoint.replace(/\/+$/, "");

  function call<T>(
    action: string,
    params: Record<string, string>,
    read: (data: unknown) => T,
    options: CallOptions,
  ): Promise<T> {
    return http.request(
      () => {
        const signed = signRpcRequest({
          method: "GET",
          action,
          version: VERSION,
          accessKeyId: source.accessKeyId,
          accessKeySecret: source.accessKeySecret,
          params,
        });
        return {
          method: "GET",
          url: `${base}/?${toQueryString(signed)}`,
          headers: { Accept: "application/json" },
        };
      },
      (answer) => read(readEnvelope(answer, label, source.accessKeySecret)),
      { idempotent: true, signal: options.signal },
    );
  }

  return {
    vendor: "aliyun-aiccs",
    reprocess(record: unknown, taskId: string) {
      return normalizeRecord(record, { taskId, timezone: ctx.timezone, origin: "list" });
    },

    async listCalls(taskId, cursor, options = {}): Promise<CallPage> {
      const pageNo = pageOfCursor(cursor, label);
      const pageSize = pageSizeWithin(options.pageSize);
      const page = await call(
        "QueryAiCallDetailPage",
        { TaskId: taskId, PageNo: String(pageNo), PageSize: String(pageSize) },
        (data) => readPage(data, label),
        options,
      );
      const { calls, problems } = normalizeRecords(page.records, { taskId, timezone, origin: "list" });
      // The vendor's own PageSize says what a full page is, should it serve fewer than asked.
      const fullPage = page.pageSize !== null && page.pageSize > 0 ? page.pageSize : pageSize;
      const atEnd =
        page.records.length === 0 ||
        page.records.length < fullPage ||
        (page.total !== null && pageNo * fullPage >= page.total);
      return { calls, problems, nextCursor: atEnd ? null : String(pageNo + 1), total: page.total };
    },

    async getCall(locator, options = {}): Promise<NormalizedCall> {
      const taskId = locator.taskId ?? "";
      const detailId = locator.detailId ?? "";
      const batchId = locator.batchId ?? "";
      if (!detailId) {
        throw new VendorError(
          "not_found",
          `${label}: this call has no DetailId, so its detail cannot be asked for`,
          {
            vendorCode: "no_detail_id",
          },
        );
      }
      const params: Record<string, string> = { TaskId: taskId, DetailId: detailId };
      if (batchId) params.BatchId = batchId;
      const record = await call(
        "QueryConversationDetailInfo",
        params,
        (data) => {
          if (!data || typeof data !== "object" || Array.isArray(data) || Object.keys(data).length === 0) {
            throw new VendorError(
              "not_found",
              `${label}: call ${detailId} not found in task ${taskId} (empty Data)`,
              {
                vendorCode: "empty_data",
              },
            );
          }
          return data;
        },
        options,
      );
      return detailCall(
        normalizeRecord(record, { taskId, timezone, origin: "detail", detailId, batchId }),
        `${label}: call ${detailId}`,
      );
    },
  };
}

/** The list page inside `Data` (an object or a JSON string of one); `List` null or missing is an empty page. */
export function readPage(data: unknown, label: string): Page {
  // Some answers drop the paging wrapper and send the records themselves.
  if (Array.isArray(data)) return { records: data, pageSize: null, total: null };
  const parsed = AiccsPageData.safeParse(data);
  if (!parsed.success || !data || typeof data !== "object" || Array.isArray(data)) {
    throw new VendorError("bad_response", `${label}: the vendor's call list has no readable Data`, {
      vendorCode: "bad_data",
    });
  }
  // `List` as documented; other spellings (Records, list, Rows …) from other API versions.
  const listValue = unwrapJsonString(parsed.data.List) ?? recordsIn(data) ?? undefined;
  if (listValue !== null && listValue !== undefined && listValue !== "" && !Array.isArray(listValue)) {
    throw new VendorError("bad_response", `${label}: the vendor's call list (Data.List) is not a list`, {
      vendorCode: "bad_data",
    });
  }
  // No list where the totals say this page has calls: an answer we cannot read, not an empty page.
  const { Total: total, PageNo: pageNo, PageSize: pageSize } = parsed.data;
  const pageHasCalls =
    total !== null && total > 0 && (pageNo === null || pageSize === null || (pageNo - 1) * pageSize < total);
  if (!Array.isArray(listValue) && pageHasCalls) {
    throw new VendorError(
      "bad_response",
      `${label}: the vendor says there are calls but sent no list of them`,
      {
        vendorCode: "bad_data",
      },
    );
  }
  return {
    records: Array.isArray(listValue) ? listValue : [],
    pageSize: parsed.data.PageSize,
    total: parsed.data.Total,
  };
}

const AUTH_CODES = [
  /^SignatureDoesNotMatch$/,
  /^IncompleteSignature$/,
  /^SignatureNonceUsed$/,
  /^InvalidAccessKeyId(\.|$)/,
  /^InvalidAccessKeySecret(\.|$)/,
  /^InvalidTimeStamp(\.|$)/,
  /^InvalidSecurityToken(\.|$)/,
  /^Forbidden(\.|$)/,
];
const THROTTLE_CODES = [/^Throttling(\.|$)/, /^isv\.BUSINESS_LIMIT_CONTROL$/];
const NOT_FOUND_CODES = [
  /^DataNotExist/i,
  /NotFound$/i,
  /NotExist$/i,
  /^InvalidParameter\.(DetailId|TaskId|BatchId)$/i,
];
const NOT_FOUND_WORDS = /不存在|未找到|查无|无此|not\s*exist|not\s*found|no\s*such|does\s*not\s*exist/i;

/** Plain words for the codes people will meet; the vendor's own words follow them. */
const AUTH_WORDS: [RegExp, string][] = [
  [/^SignatureDoesNotMatch$/, "the vendor rejected the request signature (check the AccessKey secret)"],
  [/^InvalidAccessKeyId/, "the vendor does not know this AccessKey id"],
  [/^InvalidTimeStamp/, "the vendor refused the request time (check this server's clock)"],
  [/^SignatureNonceUsed/, "the vendor had already seen this request's nonce"],
  [/^Forbidden/, "this AccessKey may not call this action"],
];

/**
 * The vendor's verdict on one answer: `Data` (unwrapped from its JSON string) when the envelope says
 * OK, else a VendorError. Aliyun answers its errors as `{Code, Message, RequestId}` with HTTP 400/403/404;
 * AICCS business errors may also come as HTTP 200 with `Success: false`.
 */
export function readEnvelope(answer: HttpAnswer, label: string, secret = ""): unknown {
  const httpError = httpLevelError(answer, label);
  if (httpError) throw httpError;

  let body: unknown;
  try {
    body = parseVendorJson(answer.text);
  } catch (cause) {
    const what = /^\s*</.test(answer.text)
      ? "an HTML page"
      : answer.text.trim()
        ? "something that is not JSON"
        : "nothing";
    throw new VendorError("bad_response", `${label}: the vendor answered ${what} (HTTP ${answer.status})`, {
      vendorCode: `HTTP ${answer.status}`,
      cause,
    });
  }
  const parsed = Envelope.safeParse(body);
  if (!parsed.success || !body || typeof body !== "object" || Array.isArray(body)) {
    throw new VendorError(
      "bad_response",
      `${label}: the vendor's answer is not an Aliyun envelope (HTTP ${answer.status})`,
      {
        vendorCode: `HTTP ${answer.status}`,
      },
    );
  }
  const { Code: code, Message: message } = parsed.data;
  const success = flag(parsed.data.Success);
  const ok =
    answer.status < 300 &&
    success !== false &&
    (code === null ? success === true : /^(OK|200|Success)$/i.test(code));
  if (ok) return unwrapJsonString(parsed.data.Data);

  if (code === null && success === null) {
    throw new VendorError(
      "bad_response",
      `${label}: the vendor's answer has neither Code nor Success (HTTP ${answer.status})`,
      {
        vendorCode: `HTTP ${answer.status}`,
      },
    );
  }
  const vendorCode = code ?? `HTTP ${answer.status}`;
  const words = vendorWords(cleanMessage(message, secret), vendorCode);
  const kind = kindOf(code, message, answer.status);
  const plain =
    kind === "auth"
      ? (AUTH_WORDS.find(([pattern]) => pattern.test(code ?? ""))?.[1] ??
        "the vendor refused the credentials")
      : kind === "throttled"
        ? "the vendor is rate limiting requests"
        : kind === "not_found"
          ? "the vendor has no such task or call"
          : "the vendor refused the request";
  throw new VendorError(kind, `${label}: ${plain}; vendor says: ${words}`, { vendorCode });
}

/** The gateway does not know the action or version: a wrong endpoint or product, not a missing call. */
const WRONG_API_CODES = [/^InvalidAction(\.|$)/, /^InvalidVersion(\.|$)/, /^InvalidApi(\.|$)/];

function kindOf(code: string | null, message: string | null, status: number): VendorErrorKind {
  if (code !== null) {
    if (WRONG_API_CODES.some((pattern) => pattern.test(code))) return "rejected";
    if (THROTTLE_CODES.some((pattern) => pattern.test(code))) return "throttled";
    if (AUTH_CODES.some((pattern) => pattern.test(code))) return "auth";
    if (NOT_FOUND_CODES.some((pattern) => pattern.test(code))) return "not_found";
  }
  if (message && NOT_FOUND_WORDS.test(message)) return "not_found";
  if (code === null && (status === 401 || status === 403)) return "auth";
  return "rejected";
}

function flag(value: unknown): boolean | null {
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  return null;
}

/**
 * The gateway's SignatureDoesNotMatch message quotes its whole string-to-sign: noise in a UI, so it
 * is cut. The secret is never in a vendor message; it is scrubbed anyway, should a proxy echo it.
 */
function cleanMessage(message: string | null, secret: string): string | null {
  if (!message) return message;
  let cleaned = message.replace(/\s*server string to sign is:[\s\S]*$/i, "");
  if (secret) cleaned = cleaned.split(secret).join("[redacted]");
  return cleaned;
}
