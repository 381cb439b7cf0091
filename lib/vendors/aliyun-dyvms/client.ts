import "server-only";
import type { Source } from "./config";
import { VendorError, vendorWords, type VendorErrorKind } from "@/lib/vendors/errors";
import { httpLevelError, parseRetryAfter, type HttpAnswer } from "@/lib/vendors/http";
import { signRpcRequest, toQueryString } from "@/lib/vendors/shared/aliyun-rpc-signature";
import { parseVendorJson } from "@/lib/vendors/shared/json";
import { MAX_PAGE_SIZE, pageOfCursor, pageSizeWithin } from "@/lib/vendors/shared/paging";
import { detailCall } from "@/lib/vendors/shared/normalize-all";
import type {
  AdapterContext,
  CallOptions,
  CallPage,
  Locator,
  NormalizedCall,
  VendorAdapter,
} from "@/lib/vendors/types";
import { detailRecord, listEntries, normalizeDetail, normalizeRecord, normalizeRecords } from "./normalize";
import { Envelope } from "./schema";

/**
 * Alibaba Cloud voice service (Dyvmsapi 2017-05-25): RPC over GET, signature v1. The list gives
 * no total, so paging stops on a short page; the detail is found by task + callee + the day's date.
 */

export const DYVMS_VERSION = "2017-05-25";
export const DYVMS_MAX_PAGE_SIZE = MAX_PAGE_SIZE;

export function createAdapter(ctx: AdapterContext<Source>): VendorAdapter {
  const { source } = ctx;
  const label = source.name ?? source.id;
  // The endpoint may carry a path (a proxy, the simulator's /aliyun-dyvms): append to it, never replace it.
  const base = source.endpoint.replace(/[?#].*$/, "").replace(/\/+$/, "");

  async function rpc(
    action: string,
    params: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<Envelope> {
    return ctx.http.request(
      () => {
        // Signed per attempt: a retried request must carry a fresh nonce and timestamp.
        const signed = signRpcRequest({
          method: "GET",
          action,
          version: DYVMS_VERSION,
          accessKeyId: source.accessKeyId,
          accessKeySecret: source.accessKeySecret,
          params,
        });
        return { method: "GET", url: `${base}/?${toQueryString(signed)}` };
      },
      (answer) => readEnvelope(answer, label, source.accessKeySecret),
      { idempotent: true, signal },
    );
  }

  return {
    vendor: "aliyun-dyvms",
    reprocess(record: unknown, taskId: string) {
      return normalizeRecord(record, { taskId, timezone: ctx.timezone });
    },

    async listCalls(taskId: string, cursor: string | null, options: CallOptions = {}): Promise<CallPage> {
      const pageNo = pageOfCursor(cursor, label);
      const pageSize = pageSizeWithin(options.pageSize, DYVMS_MAX_PAGE_SIZE);
      const envelope = await rpc(
        "QueryRobotTaskCallList",
        { TaskId: taskId, PageNo: String(pageNo), PageSize: String(pageSize) },
        options.signal,
      );
      const entries = listEntries(envelope.Data);
      if (entries === null) {
        throw new VendorError(
          "bad_response",
          `${label}: the call list's Data is not a list (QueryRobotTaskCallList)`,
        );
      }
      const { calls, problems } = normalizeRecords(entries, { taskId, timezone: ctx.timezone });
      return {
        calls,
        problems,
        // No total in the answer: a page shorter than asked for is the last one.
        nextCursor: entries.length >= pageSize ? String(pageNo + 1) : null,
        total: null,
      };
    },

    async getCall(locator: Locator, options: CallOptions = {}): Promise<NormalizedCall> {
      const taskId = locator.taskId ?? "";
      const callee = locator.callee ?? "";
      if (!taskId || !callee) {
        throw new VendorError(
          "not_found",
          `${label}: a Dyvms call is found by task id and callee, and one is missing`,
        );
      }
      const params: Record<string, string> = { TaskId: taskId, Callee: callee };
      if (locator.queryDate) params.QueryDate = locator.queryDate;
      const envelope = await rpc("QueryCallDetailByTaskId", params, options.signal);
      const record = detailRecord(envelope.Data, locator.callId || null);
      if (record === null) {
        throw new VendorError("not_found", `${label}: the vendor has no such call in task ${taskId}`);
      }
      // The detail is looked up by number: with recalls, the vendor may answer with another call to it.
      const detailCallId = (record as Record<string, unknown>).callId;
      if (
        locator.callId &&
        detailCallId !== undefined &&
        detailCallId !== null &&
        String(detailCallId) !== locator.callId
      ) {
        throw new VendorError(
          "not_found",
          `${label}: the vendor's detail for this number is of another call`,
        );
      }
      return detailCall(
        normalizeDetail(record, { taskId, timezone: ctx.timezone, locator }),
        `${label}: the call detail`,
      );
    },
  };
}

/** The RPC envelope: `Code: "OK"` and the envelope, or a VendorError of the right kind. */
export function readEnvelope(answer: HttpAnswer, label: string, secret: string): Envelope {
  const httpError = httpLevelError(answer, label);
  if (httpError) throw httpError;
  let body: unknown;
  try {
    body = parseVendorJson(answer.text);
  } catch (err) {
    throw new VendorError(
      "bad_response",
      `${label}: the vendor's answer is not JSON (HTTP ${answer.status})`,
      {
        vendorCode: `HTTP ${answer.status}`,
        cause: err,
      },
    );
  }
  const parsed = Envelope.safeParse(body);
  if (!parsed.success || !parsed.data.Code) {
    throw new VendorError(
      "bad_response",
      `${label}: the vendor's answer has no Code (HTTP ${answer.status})`,
      {
        vendorCode: `HTTP ${answer.status}`,
      },
    );
  }
  const envelope = parsed.data;
  if (envelope.Code?.toUpperCase() === "OK") return envelope;
  throw envelopeError(envelope, answer, label, secret);
}

const AUTH_CODES = new Set(["SignatureDoesNotMatch", "IncompleteSignature", "SignatureNonceUsed"]);

export function errorKind(code: string): VendorErrorKind {
  if (/^Throttling(\.|$)/i.test(code) || code === "isv.BUSINESS_LIMIT_CONTROL") return "throttled";
  if (
    AUTH_CODES.has(code) ||
    /^(InvalidAccessKeyId|InvalidTimeStamp|InvalidSecurityToken|Forbidden)(\.|$)/.test(code)
  ) {
    return "auth";
  }
  // "InvalidAction.NotFound" means a wrong endpoint or version, not a missing call.
  if (/^Invalid(Action|Version|Api)/i.test(code)) return "rejected";
  if (/not.?found|not.?exist|no.?such/i.test(code)) return "not_found";
  return "rejected";
}

function envelopeError(envelope: Envelope, answer: HttpAnswer, label: string, secret: string): VendorError {
  const code = envelope.Code ?? `HTTP ${answer.status}`;
  const kind = errorKind(code);
  const words = safeVendorMessage(envelope.Message, secret);
  const options = { vendorCode: code, retryAfterMs: parseRetryAfter(answer.headers.get("retry-after")) };
  switch (kind) {
    case "throttled":
      return new VendorError(kind, `${label}: the vendor is rate limiting requests (${code})`, options);
    case "auth":
      return new VendorError(kind, `${label}: ${authProblem(code)} (${code})`, options);
    case "not_found":
      return new VendorError(kind, `${label}: not found at the vendor: ${vendorWords(words, code)}`, options);
    default:
      return new VendorError(
        kind,
        `${label}: the vendor refused the request: ${vendorWords(words, code)}`,
        options,
      );
  }
}

function authProblem(code: string): string {
  if (code === "SignatureDoesNotMatch" || code === "IncompleteSignature") {
    return "signature rejected by the vendor; check the AccessKey secret";
  }
  if (code.startsWith("InvalidAccessKeyId")) return "the vendor does not accept this AccessKey ID";
  if (code.startsWith("InvalidTimeStamp"))
    return "the vendor refused the request time; check this server's clock";
  if (code === "SignatureNonceUsed") return "the vendor saw this request's nonce before";
  return "this AccessKey may not call the voice service API (check its RAM permissions)";
}

/**
 * The vendor's message without what must not travel: SignatureDoesNotMatch echoes the whole
 * string-to-sign (every parameter, the callee's number too), and no secret may ever appear.
 */
function safeVendorMessage(message: string | null, secret: string): string | null {
  if (!message) return null;
  let words = message.replace(/\s*server string to sign is:[\s\S]*$/i, "");
  if (secret) words = words.split(secret).join("[redacted]");
  return words.trim() || null;
}
