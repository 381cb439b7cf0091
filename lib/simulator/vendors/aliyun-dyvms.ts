import { createHash, timingSafeEqual } from "node:crypto";
import iconv from "iconv-lite";
import type { CallResult } from "@/lib/model";
import { rpcSignature, stringToSign } from "@/lib/vendors/shared/aliyun-rpc-signature";
import type { SimContext, SimRequest, SimResponse, SimVendor } from "../http-types";
import type { SimCall, SimLine } from "../types";

/**
 * Alibaba Cloud voice service (Dyvmsapi 2017-05-25) as its gateway behaves: RPC parameters in the
 * query (GET) or a form body (POST), signature v1 verified exactly, 15-minute timestamps, nonces
 * that may not repeat, and the documented answers of QueryRobotTaskCallList and
 * QueryCallDetailByTaskId with their quirks. Quirks are chosen by `call.index`, so the same request
 * always gets the same bytes.
 */

export const DYVMS_SIM_PREFIX = "/aliyun-dyvms";
const VERSION = "2017-05-25";
const HOST_ID = "dyvmsapi.aliyuncs.com";
const TIMESTAMP_SKEW_MS = 15 * 60_000;
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const DAY_MS = 24 * 3600_000;
/** Asia/Shanghai has kept +08:00 without DST since 1991: wall times are epoch + 8 h. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** Required on every request (Format is optional: JSON is the default). */
const COMMON_PARAMS = [
  "AccessKeyId",
  "Action",
  "Signature",
  "SignatureMethod",
  "SignatureNonce",
  "SignatureVersion",
  "Timestamp",
  "Version",
] as const;

/** Truth result → the status code the detail's `state` carries and the word the list's `callResult` shows. */
const RESULT_WIRE: Record<CallResult, { code: string; word: string; listWord: string }> = {
  answered: { code: "200000", word: "用户接听", listWord: "已接通" },
  no_answer: { code: "200003", word: "用户未接听", listWord: "无人接听" },
  busy: { code: "200002", word: "用户占线", listWord: "占线" },
  refused: { code: "200111", word: "用户拒接", listWord: "拒接" },
  power_off: { code: "200010", word: "关机", listWord: "关机" },
  suspended: { code: "200011", word: "停机", listWord: "停机" },
  vacant: { code: "200004", word: "空号", listWord: "空号" },
  unreachable: { code: "200005", word: "无法接通", listWord: "无法接通" },
  blocked: { code: "200012", word: "呼损", listWord: "呼损" },
  failed: { code: "999999", word: "系统错误", listWord: "系统错误" },
  // A code Aliyun's table does not list, with words no result table knows.
  unknown: { code: "200999", word: "早媒体:线路侧返回未知信令", listWord: "其他" },
};

export interface DyvmsSimOptions {
  /** How many recent nonces are remembered (a bounded set: the oldest are forgotten first). */
  nonceMemory?: number;
}

export function createAliyunDyvmsSimVendor(options: DyvmsSimOptions = {}): SimVendor {
  const nonceMemory = options.nonceMemory ?? 50_000;
  const nonces = new Set<string>();

  function rememberNonce(nonce: string): boolean {
    if (nonces.has(nonce)) return false;
    nonces.add(nonce);
    if (nonces.size > nonceMemory) {
      const oldest = nonces.values().next().value;
      if (oldest !== undefined) nonces.delete(oldest);
    }
    return true;
  }

  return {
    prefix: DYVMS_SIM_PREFIX,
    handle(request: SimRequest, context: SimContext): SimResponse {
      if (request.path !== "/") return apiNotFound();
      if (request.method !== "GET" && request.method !== "POST") {
        return rpcError(400, "UnsupportedHTTPMethod", "This http method is not supported.");
      }
      const params = requestParams(request);
      const refused = verify(request.method, params, context, rememberNonce);
      if (refused) return refused;
      switch (params.Action) {
        case "QueryRobotTaskCallList":
          return callList(params, context);
        case "QueryCallDetailByTaskId":
          return callDetail(params, context);
        default:
          return apiNotFound();
      }
    },
  };
}

/** The demo's instance: one nonce memory for the process. */
export const aliyunDyvmsSimVendor = createAliyunDyvmsSimVendor();

function requestParams(request: SimRequest): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of request.query) params[key] = value;
  const type = String(request.headers["content-type"] ?? "");
  if (
    request.method === "POST" &&
    request.body &&
    (type === "" || type.includes("application/x-www-form-urlencoded"))
  ) {
    for (const [key, value] of new URLSearchParams(request.body)) params[key] = value;
  }
  return params;
}

/** The gateway's checks, in its order; null when the request may proceed. */
function verify(
  method: string,
  params: Record<string, string>,
  context: SimContext,
  rememberNonce: (nonce: string) => boolean,
): SimResponse | null {
  for (const name of COMMON_PARAMS) {
    if (!params[name]) return missing(name);
  }
  const { accessKeyId, accessKeySecret } = context.credentials.aliyun;
  if (params.AccessKeyId !== accessKeyId) {
    return rpcError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
  }
  if (params.SignatureMethod !== "HMAC-SHA1") {
    return rpcError(400, "InvalidSignatureMethod", "Specified signature method is not supported.");
  }
  if (params.SignatureVersion !== "1.0") {
    return rpcError(400, "InvalidSignatureVersion", "Specified signature version is not supported.");
  }
  const timestamp = params.Timestamp!;
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(timestamp) ||
    !Number.isFinite(Date.parse(timestamp))
  ) {
    return rpcError(
      400,
      "InvalidTimeStamp.Format",
      "Specified time stamp or date value is not well formatted.",
    );
  }
  if (Math.abs(context.now() - Date.parse(timestamp)) > TIMESTAMP_SKEW_MS) {
    return rpcError(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
  }
  const expected = Buffer.from(rpcSignature(method, params, accessKeySecret));
  const given = Buffer.from(params.Signature!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    // Like the real gateway: the string to sign (never the secret) so the caller can compare.
    return rpcError(
      400,
      "SignatureDoesNotMatch",
      `Specified signature is not matched with our calculation. server string to sign is:${stringToSign(method, params)}`,
    );
  }
  if (!rememberNonce(params.SignatureNonce!)) {
    return rpcError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
  }
  if (params.Version !== VERSION) {
    return rpcError(400, "InvalidVersion", "Specified parameter Version is not valid.");
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// QueryRobotTaskCallList

function callList(params: Record<string, string>, context: SimContext): SimResponse {
  const taskId = params.TaskId;
  if (!taskId) return missing("TaskId");
  const pageNo = positiveInt(params.PageNo, 1);
  const pageSize = positiveInt(params.PageSize, DEFAULT_PAGE_SIZE);
  if (pageNo === null) return invalid("PageNo");
  if (pageSize === null) return invalid("PageSize");
  const size = Math.min(pageSize, MAX_PAGE_SIZE);
  const calls = context.dataset.taskCalls(taskId, (pageNo - 1) * size, size);
  const entries = calls.map(listEntry);
  // The docs show Data both ways: a JSON string (as the field table says) and a real array.
  const data = pageNo % 2 === 1 ? JSON.stringify(entries) : entries;
  return ok(data, requestId(["list", taskId, pageNo, size]));
}

function listEntry(call: SimCall): Record<string, unknown> {
  const i = call.index;
  const wire = RESULT_WIRE[call.result];
  const counters = countersOf(call);
  // The docs' own mix (counters as numbers, the rest as strings), turned around on every 3rd record.
  const flipped = i % 3 === 0;
  const n = (value: number) => (flipped ? String(value) : value);
  const s = (value: number) => (flipped ? value : String(value));
  const entry: Record<string, unknown> = {
    rejectCount: n(counters.rejectCount),
    taskId: /^\d{1,15}$/.test(call.taskId) ? Number(call.taskId) : call.taskId,
    caller: call.caller,
    dialogCount: s(call.rounds),
    recallCurTimes: n(i % 3),
    sureCount: n(counters.sureCount),
    transferResult: s(3),
    defaultCount: n(counters.defaultCount),
    label: call.tags.join(i % 4 === 1 ? "，" : ","),
    customCount: n(counters.customCount),
    callStartTime: dottedTime(call.dialAt),
    callId: call.vendorCallId,
    konwledgeCount: n(counters.knowledgeCount),
    denyCount: n(counters.denyCount),
    callEndTime: dottedTime(call.endAt),
    duration: s(Math.round(call.talkMs / 1000)),
    knowledgeCommonCount: n(counters.knowledgeCommonCount),
    called: call.callee,
    // The list's filter takes status codes, and now and then the list answers with one too.
    callResult: i % 11 === 10 && call.result !== "unknown" ? wire.code : wire.listWord,
    knowledgeBusinessCount: n(counters.knowledgeBusinessCount),
  };
  if (call.hangupBy) entry.hangupDirection = hangupDirection(call, !flipped);
  if (i % 5 === 2) entry.transferFailReson = "";
  else entry.transferFailReason = "";
  return entry;
}

// ---------------------------------------------------------------------------------------------
// QueryCallDetailByTaskId

function callDetail(params: Record<string, string>, context: SimContext): SimResponse {
  for (const name of ["Callee", "QueryDate", "TaskId"] as const) {
    if (!params[name]) return missing(name);
  }
  if (!/^\d+$/.test(params.QueryDate!)) return invalid("QueryDate");
  const id = requestId(["detail", params.TaskId, params.Callee, params.QueryDate]);
  const call = context.dataset.callByCallee(params.TaskId!, params.Callee!);
  // Calls are kept by day: a QueryDate far from the call's finds nothing, as an unknown callee does.
  if (!call || Math.abs(Number(params.QueryDate) - call.dialAt) > DAY_MS) return ok(undefined, id);
  return ok(JSON.stringify(detailData(call, context)), id);
}

function detailData(call: SimCall, context: SimContext): Record<string, unknown> {
  const i = call.index;
  const wire = RESULT_WIRE[call.result];
  const counters = countersOf(call);
  const stringly = i % 4 === 1;
  const n = (value: number) => (stringly ? String(value) : value);
  const data: Record<string, unknown> = {
    rejectCount: n(counters.rejectCount),
    dialogCount: n(call.rounds),
    tags: call.tags.join(","),
    startDate: call.answerAt === null ? "" : dashedTime(call.answerAt),
    gmtCreate: dashedTime(call.dialAt),
    sureCount: n(counters.sureCount),
    state: stringly ? Number(wire.code) : wire.code,
  };
  if (call.recording) {
    const url = context.recordingUrl(call);
    data.recordFile = i % 3 === 2 ? url.replace(/&/g, "&amp;") : url;
  }
  Object.assign(data, {
    defaultCount: n(counters.defaultCount),
    endDate: dashedTime(call.endAt),
    calleeShowNumber: call.caller,
    customCount: n(counters.customCount),
    callId: call.vendorCallId,
  });
  const dialog = dialogDetail(call);
  if (dialog !== undefined) data.dialogDetail = dialog;
  Object.assign(data, {
    knowledgeCount: n(counters.knowledgeCount),
    recordStatus: n(call.recording ? 1 : 2),
    denyCount: n(counters.denyCount),
    duration: n(Math.round(call.talkMs / 1000)),
    // UTF-8 read as GBK somewhere in the vendor's pipeline: what Dyvms sends now and then.
    stateDesc: i % 7 === 0 ? iconv.decode(Buffer.from(wire.word, "utf8"), "gbk") : wire.word,
    knowledgeCommonCount: n(counters.knowledgeCommonCount),
    callee: call.callee,
    knowledgeBusinessCount: n(counters.knowledgeBusinessCount),
  });
  if (call.hangupBy) data.hangupDirection = hangupDirection(call, stringly);
  return data;
}

/** The transcript: an array mostly, a JSON string of one sometimes; "" / [] / nothing when there was no talk. */
function dialogDetail(call: SimCall): unknown {
  const i = call.index;
  if (call.lines.length === 0) return [undefined, "", []][i % 3];
  const base = call.answerAt ?? call.dialAt;
  const plainTimes = i % 6 === 5;
  const timeKey = i % 8 === 7 ? "time" : "startTime";
  const lines = call.lines.map((line: SimLine) => {
    // Line times are wall-clock seconds; the vendor drops the milliseconds.
    const at = Math.floor((base + line.startMs) / 1000) * 1000;
    return {
      content: line.interrupted ? `<客户打断>${line.text}` : line.text,
      [timeKey]: plainTimes ? dashedTime(at) : javaDateString(at),
      role: line.speaker === "robot" ? "robot" : "custom",
    };
  });
  return i % 5 === 4 ? JSON.stringify(lines) : lines;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function hangupDirection(call: SimCall, stringly: boolean): string | number {
  const code = call.hangupBy === "robot" ? 1 : 0;
  return stringly ? String(code) : code;
}

/** The robot's counters, derived from what the customer said: plausible and deterministic. */
function countersOf(call: SimCall) {
  let sure = 0;
  let deny = 0;
  let reject = 0;
  let knowledge = 0;
  for (const line of call.lines) {
    if (line.speaker !== "customer") continue;
    if (/不需要|不用|别打|没兴趣/.test(line.text)) reject++;
    else if (/不|没/.test(line.text)) deny++;
    else if (/好|是|可以|行|嗯/.test(line.text)) sure++;
    if (/多少|怎么|哪|吗|？|\?/.test(line.text)) knowledge++;
  }
  return {
    sureCount: sure,
    denyCount: deny,
    rejectCount: reject,
    customCount: 0,
    defaultCount: Math.max(0, call.rounds - sure - deny - reject - knowledge),
    knowledgeCount: knowledge,
    knowledgeBusinessCount: knowledge,
    knowledgeCommonCount: 0,
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

function shanghai(epoch: number): Date {
  return new Date(Math.floor(epoch / 1000) * 1000 + SHANGHAI_OFFSET_MS);
}

/** `2019.06.14 15:22:23`, the list's format. */
function dottedTime(epoch: number): string {
  const d = shanghai(epoch);
  return `${d.getUTCFullYear()}.${pad(d.getUTCMonth() + 1)}.${pad(d.getUTCDate())} ${clock(d)}`;
}

/** `2019-03-27 10:34:54`, the detail's format. */
function dashedTime(epoch: number): string {
  const d = shanghai(epoch);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${clock(d)}`;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Java's Date.toString() in Asia/Shanghai: `Wed Mar 27 10:34:45 CST 2019`. */
function javaDateString(epoch: number): string {
  const d = shanghai(epoch);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${clock(d)} CST ${d.getUTCFullYear()}`;
}

function clock(d: Date): string {
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function positiveInt(value: string | undefined, fallback: number): number | null {
  if (value === undefined || value === "") return fallback;
  return /^\d{1,9}$/.test(value) && Number(value) >= 1 ? Number(value) : null;
}

/** Same request, same RequestId: the answer's bytes depend only on what was asked. */
function requestId(parts: unknown[]): string {
  const hex = createHash("md5").update(parts.map(String).join("\u0000")).digest("hex").toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function ok(data: unknown, id: string): SimResponse {
  const body: Record<string, unknown> = {};
  if (data !== undefined) body.Data = data;
  Object.assign(body, { Message: "OK", RequestId: id, Code: "OK" });
  return { status: 200, body: JSON.stringify(body) };
}

function rpcError(status: number, code: string, message: string): SimResponse {
  const body = {
    RequestId: requestId(["error", code, message]),
    HostId: HOST_ID,
    Code: code,
    Message: message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=Dyvmsapi`,
  };
  return { status, body: JSON.stringify(body) };
}

function apiNotFound(): SimResponse {
  return rpcError(
    404,
    "InvalidAction.NotFound",
    "Specified api is not found, please check your url and method.",
  );
}

function missing(name: string): SimResponse {
  return rpcError(
    400,
    `Missing${name}`,
    `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
  );
}

function invalid(name: string): SimResponse {
  return rpcError(400, `InvalidParameter`, `Specified parameter ${name} is not valid.`);
}
