import { createHash, timingSafeEqual } from "node:crypto";
import type { CallResult } from "@/lib/model";
import { canonicalQuery, rpcSignature, stringToSign } from "@/lib/vendors/shared/aliyun-rpc-signature";
import type { SimContext, SimRequest, SimResponse, SimVendor } from "../http-types";
import { RawNumber, vendorJson } from "../json";
import type { SimCall } from "../types";

/**
 * Alibaba Cloud AICCS (2019-10-15) as its RPC gateway answers: `/?Action=…` by GET query or POST
 * form, signature v1 verified like the POP gateway (unknown key, bad signature, stale timestamp,
 * replayed nonce, each with Aliyun's own code and status), QueryAiCallDetailPage and
 * QueryConversationDetailInfo rendered from SimCall truth with the quirks real answers show:
 * DetailIds beyond 2^53 as bare numbers, numbers as strings, `Data` and `ConversationRecord` as JSON
 * strings or real arrays, 用户/机器人 or 0/1, Chinese or enum CallResult words, `&amp;` in URLs.
 * Quirks follow `call.index`, so the same request always gets the same bytes.
 */

export const AICCS_SIM_PREFIX = "/aliyun-aiccs";
const VERSION = "2019-10-15";
const HOST_ID = "aiccs.aliyuncs.com";
const MAX_PAGE_SIZE = 100;
const TIMESTAMP_TOLERANCE_MS = 15 * 60_000;
/** A nonce need only be remembered while a request carrying it could still pass the timestamp check. */
const NONCE_TTL_MS = 2 * TIMESTAMP_TOLERANCE_MS;
const NONCE_CAPACITY = 50_000;

const BARGE_IN = "<客户打断>";

/** The enum word the detail documents for each result; `alt` are the SDK's other spellings. */
const RESULT_WORDS: Record<CallResult, { word: string; alt: string; code: string | null; text: string }> = {
  answered: { word: "ANSWERED", alt: "ANSWERED", code: "200000", text: "用户接听" },
  no_answer: { word: "NO_ANSWER", alt: "NO_ANSWER", code: "200003", text: "用户未接听" },
  busy: { word: "BUSY", alt: "USER_BUSY", code: "200002", text: "用户占线" },
  refused: { word: "REFUSED", alt: "CALL_REJECTED", code: "200111", text: "用户拒接" },
  power_off: { word: "POWER_OFF", alt: "POWERED_OFF", code: "200010", text: "关机" },
  suspended: { word: "SUSPEND", alt: "SUSPEND", code: "200011", text: "停机" },
  vacant: { word: "VACANT_NUMBER", alt: "INVALID_NUMBER", code: "200004", text: "空号" },
  unreachable: { word: "CAN_NOT_CONNECT", alt: "UNAVAILABLE", code: "200005", text: "无法接通" },
  blocked: { word: "OPERATOR_BLOCK", alt: "INCOMING_CALL_BARRED", code: "200012", text: "呼损" },
  failed: { word: "SYSTEM_ERROR", alt: "CANCEL", code: "999999", text: "系统错误" },
  unknown: { word: "CALL_STATE_9", alt: "CALL_STATE_9", code: null, text: "其他" },
};

const VARIABLE_NAMES: Record<string, string> = {
  name: "姓名",
  product: "产品",
  age: "年龄",
  sex: "性别",
  city: "城市",
};

/** Nonces seen recently: insertion-ordered, so the oldest go first when they expire or room runs out. */
class NonceMemory {
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly capacity: number,
    private readonly ttlMs: number,
  ) {}

  /** false when the nonce was already used. */
  remember(nonce: string, now: number): boolean {
    for (const [oldest, expires] of this.seen) {
      if (expires > now && this.seen.size < this.capacity) break;
      this.seen.delete(oldest);
    }
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, now + this.ttlMs);
    return true;
  }
}

export function createAliyunAiccsSimVendor(): SimVendor {
  const nonces = new NonceMemory(NONCE_CAPACITY, NONCE_TTL_MS);
  return {
    prefix: AICCS_SIM_PREFIX,
    handle(request, context) {
      const pathRequestId = requestIdOf({ path: request.path, method: request.method });
      if (request.path !== "/") {
        return aliyunError(
          404,
          "InvalidAction.NotFound",
          "Specified api is not found, please check your url and method.",
          pathRequestId,
        );
      }
      if (request.method !== "GET" && request.method !== "POST") {
        return aliyunError(
          405,
          "UnsupportedHTTPMethod",
          "Specified http method is not supported.",
          pathRequestId,
        );
      }
      const params = paramsOf(request);
      const requestId = requestIdOf(params);
      const refused = verify(request.method, params, context, nonces, requestId);
      if (refused) return refused;
      if (params.Version !== VERSION) {
        return aliyunError(400, "InvalidVersion", "Specified parameter Version is not valid.", requestId);
      }
      switch (params.Action) {
        case "QueryAiCallDetailPage":
          return listPage(params, context, requestId);
        case "QueryConversationDetailInfo":
          return detail(params, context, requestId);
        default:
          return aliyunError(
            404,
            "InvalidAction.NotFound",
            "Specified api is not found, please check your url and method.",
            requestId,
          );
      }
    },
  };
}

/** The instance demo mode mounts. */
export const aliyunAiccsSimVendor: SimVendor = createAliyunAiccsSimVendor();

// ---------------------------------------------------------------------------------------------
// The gateway: parameters, signature v1, timestamp window, nonce replay.

function paramsOf(request: SimRequest): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of request.query) params[key] = value;
  const type = String(request.headers["content-type"] ?? "");
  if (request.method === "POST" && request.body && (type === "" || type.includes("x-www-form-urlencoded"))) {
    for (const [key, value] of new URLSearchParams(request.body)) params[key] = value;
  }
  return params;
}

/** Stable per request content (not per nonce or time), so a repeated query gets the same bytes. */
function requestIdOf(params: Record<string, string>): string {
  const business = Object.fromEntries(
    Object.entries(params).filter(([key]) => !["Signature", "SignatureNonce", "Timestamp"].includes(key)),
  );
  const hex = createHash("sha1").update(canonicalQuery(business)).digest("hex").toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function verify(
  method: string,
  params: Record<string, string>,
  context: SimContext,
  nonces: NonceMemory,
  requestId: string,
): SimResponse | null {
  const { accessKeyId, accessKeySecret } = context.credentials.aliyun;
  if (params.AccessKeyId !== accessKeyId) {
    return aliyunError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.", requestId);
  }
  if (
    !params.Signature ||
    !params.SignatureNonce ||
    params.SignatureMethod !== "HMAC-SHA1" ||
    params.SignatureVersion !== "1.0"
  ) {
    return aliyunError(
      400,
      "IncompleteSignature",
      "The request signature does not conform to Aliyun standards.",
      requestId,
    );
  }
  const timestamp = params.Timestamp ?? "";
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(timestamp)
    ? Date.parse(timestamp)
    : NaN;
  if (!Number.isFinite(at)) {
    return aliyunError(
      400,
      "InvalidTimeStamp.Format",
      "Specified time stamp or date value is not well formatted.",
      requestId,
    );
  }
  if (Math.abs(context.now() - at) > TIMESTAMP_TOLERANCE_MS) {
    return aliyunError(
      400,
      "InvalidTimeStamp.Expired",
      "Specified time stamp or date value is expired.",
      requestId,
    );
  }
  const expected = Buffer.from(rpcSignature(method, params, accessKeySecret));
  const given = Buffer.from(params.Signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    // The gateway quotes its string-to-sign (which holds no secret) so callers can debug their encoding.
    return aliyunError(
      400,
      "SignatureDoesNotMatch",
      `Specified signature is not matched with our calculation. server string to sign is:${stringToSign(method, params)}`,
      requestId,
    );
  }
  if (!nonces.remember(params.SignatureNonce, context.now())) {
    return aliyunError(400, "SignatureNonceUsed", "Specified signature nonce was used already.", requestId);
  }
  return null;
}

function aliyunError(status: number, code: string, message: string, requestId: string): SimResponse {
  return json(status, {
    RequestId: requestId,
    HostId: HOST_ID,
    Code: code,
    Message: message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=aiccs`,
  });
}

/** AICCS business errors: HTTP 200 with Success false. */
function businessError(code: string, message: string, requestId: string): SimResponse {
  return json(200, {
    RequestId: requestId,
    Success: false,
    Code: code,
    Message: message,
    AccessDeniedDetail: null,
  });
}

function json(status: number, body: unknown): SimResponse {
  return { status, headers: { "content-type": "application/json;charset=utf-8" }, body: vendorJson(body) };
}

// ---------------------------------------------------------------------------------------------
// The two actions.

function listPage(params: Record<string, string>, context: SimContext, requestId: string): SimResponse {
  const taskId = params.TaskId;
  if (!taskId) return aliyunError(400, "MissingTaskId", "TaskId is mandatory for this action.", requestId);
  const pageNo = positiveInt(params.PageNo ?? "1");
  const pageSize = positiveInt(params.PageSize ?? "10");
  if (pageNo === null)
    return aliyunError(400, "InvalidParameter.PageNo", "The parameter PageNo is invalid.", requestId);
  if (pageSize === null || pageSize > MAX_PAGE_SIZE) {
    return aliyunError(
      400,
      "InvalidParameter.PageSize",
      `The parameter PageSize must be between 1 and ${MAX_PAGE_SIZE}.`,
      requestId,
    );
  }
  if (!context.dataset.tasksOf("aiccs").some((task) => task.taskId === taskId)) {
    return businessError("DataNotExist", "任务不存在", requestId);
  }
  const total = context.dataset.taskCallCount(taskId);
  const calls = context.dataset.taskCalls(taskId, (pageNo - 1) * pageSize, pageSize);
  const items = calls.map((call) => listItem(call, context));
  const data = {
    // An empty page's List comes as null or [] (both seen).
    List: items.length === 0 && pageNo % 2 === 1 ? null : items,
    PageNo: pageNo,
    PageSize: pageSize,
    Total: total,
  };
  return json(200, {
    AccessDeniedDetail: null,
    Code: "OK",
    Message: "成功",
    RequestId: requestId,
    Success: true,
    // Every other page sends Data as a JSON string (big ids stay bare numbers inside it).
    Data: pageNo % 2 === 0 ? vendorJson(data) : data,
  });
}

function detail(params: Record<string, string>, context: SimContext, requestId: string): SimResponse {
  if (!params.TaskId)
    return aliyunError(400, "MissingTaskId", "TaskId is mandatory for this action.", requestId);
  if (!params.DetailId)
    return aliyunError(400, "MissingDetailId", "DetailId is mandatory for this action.", requestId);
  const call = context.dataset.callByVendorId("aiccs", params.DetailId);
  if (!call || call.taskId !== params.TaskId || (params.BatchId && params.BatchId !== call.batchId)) {
    return businessError("DataNotExist", "通话明细不存在", requestId);
  }
  const data = detailData(call, context);
  return json(200, {
    AccessDeniedDetail: "None",
    Message: "成功",
    RequestId: requestId,
    Data: call.index % 4 === 2 ? vendorJson(data) : data,
    Code: "OK",
    Success: true,
  });
}

function positiveInt(value: string): number | null {
  return /^\d{1,9}$/.test(value) && Number(value) >= 1 ? Number(value) : null;
}

// ---------------------------------------------------------------------------------------------
// Truth → wire.

/** Every third call sends its numbers as strings. */
function numberish(call: SimCall, value: number): number | string {
  return call.index % 3 === 1 ? String(value) : value;
}

/** Ids as bare JSON numbers when all digits (beyond 2^53 too), quoted on the numbers-as-strings calls. */
function idValue(call: SimCall, value: string): RawNumber | string {
  return /^\d+$/.test(value) && call.index % 3 !== 1 ? new RawNumber(value) : value;
}

function answered(call: SimCall): boolean {
  return call.result === "answered" && call.answerAt !== null;
}

function resultWord(call: SimCall, forList: boolean): string {
  const words = RESULT_WORDS[call.result];
  // The list writes Chinese for answered calls in some versions (SDK example: 用户接通).
  if (forList && call.result === "answered" && call.index % 8 === 2) return "用户接通";
  return call.index % 6 === 5 ? words.alt : words.word;
}

function hangupDirection(call: SimCall): string | undefined {
  if (call.hangupBy === null) return undefined;
  if (call.index % 4 === 3) return call.hangupBy === "customer" ? "0" : "1";
  return call.hangupBy === "customer" ? "用户" : "机器人";
}

function majorIntent(call: SimCall): string | undefined {
  if (call.intent === null) return call.index % 2 === 0 ? "" : undefined;
  return call.index % 7 === 3 ? `${call.intent}类` : call.intent;
}

function conversationRecord(call: SimCall): string | unknown[] | undefined {
  if (!answered(call)) return call.index % 2 === 0 ? "" : undefined;
  const lines = call.lines.map((line) => ({
    content: line.interrupted ? `${BARGE_IN}${line.text}` : line.text,
    role: line.speaker === "robot" ? "assistant" : "user",
  }));
  return call.index % 5 === 0 ? lines : JSON.stringify(lines, null, call.index % 2 === 0 ? 1 : undefined);
}

function recordingUrl(call: SimCall, context: SimContext): string | undefined {
  if (!answered(call) || !call.recording) return undefined;
  const url = context.recordingUrl(call);
  return call.index % 7 === 6 ? url.replace(/&/g, "&amp;") : url;
}

function outputTags(
  call: SimCall,
): { Id: string; OutputTagName: string; OutputTagValue: string; OutputTagDescription: string }[] {
  return call.tags.map((tag, i) => {
    const split = /^([^:：]+)[:：](.+)$/.exec(tag);
    const name = split ? split[1]!.trim() : "客户标签";
    const value = split ? split[2]!.trim() : tag;
    return {
      Id: shortHash(`${call.vendorCallId}#tag${i}`, 32),
      OutputTagName: name,
      OutputTagValue: JSON.stringify([value]),
      OutputTagDescription: split ? `${name}（模型输出）` : "通话中识别出的客户标签",
    };
  });
}

function outId(call: SimCall): string {
  const hex = shortHash(`out:${call.vendorCallId}`, 32);
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  // The doc's own example carries a trailing newline.
  return call.index % 6 === 0 ? `${uuid}\n` : uuid;
}

function callId(call: SimCall): string {
  return `${100_000_000_000 + call.index}^${200_000_000_000 + call.index}`;
}

function shortHash(input: string, length: number): string {
  return createHash("sha1").update(input).digest("hex").slice(0, length);
}

function statusOf(call: SimCall): { code: string | null; text: string } {
  const words = RESULT_WORDS[call.result];
  return { code: words.code, text: answered(call) ? "呼叫结束" : words.text };
}

function talkSeconds(call: SimCall): number {
  return Math.round(call.talkMs / 1000);
}

/** A wall-clock string in Shanghai time, as some list answers write CallingTime. */
function shanghaiWallTime(epoch: number): string {
  const wall = new Date(epoch + 8 * 3600_000).toISOString();
  return `${wall.slice(0, 10)} ${wall.slice(11, 19)}`;
}

/** Drops undefined fields, so "missing" really is missing on the wire. */
function defined(record: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
  return record;
}

function listItem(call: SimCall, context: SimContext): Record<string, unknown> {
  const status = statusOf(call);
  const seconds = talkSeconds(call);
  const url = recordingUrl(call, context);
  const callingTime =
    call.index % 9 === 4 && call.dialAt % 1000 === 0
      ? shanghaiWallTime(call.dialAt)
      : numberish(call, call.dialAt);
  return defined({
    DetailId: idValue(call, call.vendorCallId),
    BatchId: idValue(call, call.batchId),
    TaskId: call.taskId,
    CalledNumber: call.callee,
    CallerPhone: call.caller,
    CallResult: resultWord(call, true),
    StatusCode: status.code ?? undefined,
    Status: call.result === "failed" ? 5 : 4,
    CallingTime: callingTime,
    PickUpTime:
      call.answerAt !== null ? numberish(call, call.answerAt) : call.index % 2 === 0 ? 0 : undefined,
    ReleaseTime: numberish(call, call.endAt),
    // The list's own field is ConversationDuration; some answers add the detail's Duration.
    Duration: call.index % 3 === 2 ? undefined : numberish(call, seconds),
    ConversationDuration: numberish(call, seconds),
    ConversationTurnCount: numberish(call, call.rounds),
    ConversationRecord: conversationRecord(call),
    MajorIntent: majorIntent(call),
    HangupDirection: hangupDirection(call),
    OutputTags: call.index % 3 === 1 ? JSON.stringify(outputTags(call)) : outputTags(call),
    Options: JSON.stringify(call.variables),
    OutId: outId(call),
    FailedReason: answered(call) ? undefined : status.text,
    // Present (maybe empty) on every answered call: an empty path means "no file".
    RecordingFilePath: answered(call) ? (url ?? "") : undefined,
    EncryptionType: 0,
    ImportedTime: numberish(call, call.dialAt - 3_600_000),
  });
}

function detailData(call: SimCall, context: SimContext): Record<string, unknown> {
  const status = statusOf(call);
  return defined({
    CallerPhone: call.caller,
    CallResult: resultWord(call, false),
    StatusMsg: status.text,
    StartCallTime: numberish(call, call.dialAt),
    MajorIntent: majorIntent(call),
    CallId: callId(call),
    FailedReason: answered(call) ? undefined : status.text,
    Duration: numberish(call, talkSeconds(call)),
    HangupDirection: hangupDirection(call),
    StatusCode: status.code ?? undefined,
    CalledPhone: call.callee,
    Variables: Object.entries(call.variables).map(([key, value], i) => ({
      Required: i === 0,
      Value: value,
      Id: String(20 + i),
      Key: key,
      Source: "IMPORT",
      Name: VARIABLE_NAMES[key] ?? key,
    })),
    RecordingFileDownloadUrl: recordingUrl(call, context),
    ReleaseTime: numberish(call, call.endAt),
    PickUpTime: call.answerAt !== null ? numberish(call, call.answerAt) : undefined,
    OutId: outId(call),
    ConversationRecord: conversationRecord(call) ?? "",
    OutputTags: outputTags(call),
  });
}
