import { TANYI_RESULT_TEXT } from "@/lib/vendors/shared/result-map";
import { createHash, timingSafeEqual } from "node:crypto";
import type { CallResult, Intent } from "@/lib/model";
import { parseVendorJson } from "@/lib/vendors/shared/json";
import { TANYI_VERSION, tanyiSignature } from "@/lib/vendors/tanyi/signature";
import type { SimContext, SimRequest, SimResponse, SimVendor } from "../http-types";
import { RawNumber, vendorJson } from "../json";
import type { SimCall } from "../types";

/**
 * Tanyi bot openapi, simulated: POST /apiOpen/v1/callRecord/getCallRecordInfoList and GET
 * /apiOpen/v1/callRecord/callDetail under `/tanyi`, signed with the `appKey`/`timestamp`/`signature`
 * headers and answered in `{code, data, requestId, resultMsg, errorStackTrace}` envelopes (HTTP 200
 * even for a bad signature, as Tanyi does).
 *
 * Quirks, fixed by `call.index` so the same request always gets the same bytes:
 *   every 3rd record (index % 3 == 2): numbers as strings (`"chatDuration": "93"`)
 *   every 4th (index % 4 == 3): callDetailList shuffled (callDetailId still gives the spoken order)
 *   every 5th (index % 5 == 4): the other time format ("2018-10-02T16:54:08" in the list, a space in the detail)
 *   every 6th unanswered call (index % 6 == 5): callDetailList null instead of []
 *   every 7th (index % 7 == 6): customerConcern as a comma string; no concerns is null on odd indexes
 *   callRecordId always a bare JSON number, even beyond 2^53.
 */

const API = "/apiOpen/v1/callRecord";
const LIST_PATH = `${API}/getCallRecordInfoList`;
const DETAIL_PATH = `${API}/callDetail`;
const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

const RESULT_STATUS: Record<CallResult, string> = {
  answered: "ANSWERED",
  no_answer: "NO_ANSWER",
  busy: "BUSY",
  power_off: "POWER_OFF",
  suspended: "OUT_OF_SERVICE",
  refused: "REFUSED",
  vacant: "VACANT_NUMBER",
  unreachable: "CAN_NOT_CONNECT",
  failed: "SYSTEM_ERROR",
  // Not in Tanyi's documented enum: real tenants see carrier words beyond it.
  blocked: "OPERATOR_BLOCK",
  unknown: "UNKNOWN_STATUS_X",
};

/** The doc's words for each status, used where Tanyi writes an explanation (analysisBasis). */
const STATUS_WORDS: Record<string, string> = { ...TANYI_RESULT_TEXT, OPERATOR_BLOCK: "呼损" };

const INTENT_NAMES: Record<Intent, string> = {
  A: "较强",
  B: "一般",
  C: "无法判断",
  D: "很少",
  E: "需要再次跟进",
  F: "无需再次跟进",
};

type Json = Record<string, unknown>;

export const tanyiSimVendor: SimVendor = {
  prefix: "/tanyi",
  handle(request, context) {
    const route = request.path.replace(/\/+$/, "");
    if (route !== LIST_PATH && route !== DETAIL_PATH) return springError(404, "Not Found", request, context);
    const expectedMethod = route === LIST_PATH ? "POST" : "GET";
    if (request.method !== expectedMethod) return springError(405, "Method Not Allowed", request, context);

    const refusal = checkSignature(request, context);
    if (refusal) return envelope(request, 200, { code: 401, resultMsg: refusal });

    return route === LIST_PATH ? listPage(request, context) : callDetail(request, context);
  },
};

function header(request: SimRequest, name: string): string | null {
  const value = request.headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** Tanyi's own checks, in its order; returns the resultMsg of the refusal or null when the request may pass. */
function checkSignature(request: SimRequest, context: SimContext): string | null {
  const expected = context.credentials.tanyi;
  const appKey = header(request, "appKey");
  const timestamp = header(request, "timestamp");
  const signature = header(request, "signature");
  if (!appKey || !timestamp || !signature) return "缺少鉴权参数";
  if (appKey !== expected.appKey) return "appKey不存在";
  if (header(request, "version") !== TANYI_VERSION) return "签名验证失败";
  const ms = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(context.now() - ms) > MAX_CLOCK_SKEW_MS) return "请求已过期";
  const want = Buffer.from(tanyiSignature(expected, timestamp));
  const given = Buffer.from(signature);
  if (given.length !== want.length || !timingSafeEqual(given, want)) return "签名验证失败";
  return null;
}

function listPage(request: SimRequest, context: SimContext): SimResponse {
  let body: unknown;
  try {
    body = request.body.trim() ? parseVendorJson(request.body) : {};
  } catch {
    return badRequest(request, "请求参数格式错误");
  }
  if (!body || typeof body !== "object" || Array.isArray(body))
    return badRequest(request, "请求参数格式错误");
  const params = body as Json;

  const jobId = params.robotCallJobId;
  const taskId = typeof jobId === "number" || typeof jobId === "string" ? String(jobId).trim() : "";
  if (!taskId) return badRequest(request, "robotCallJobId不能为空");
  const pageNum = params.pageNum === undefined || params.pageNum === null ? 1 : Number(params.pageNum);
  const pageSize =
    params.pageSize === undefined || params.pageSize === null ? DEFAULT_PAGE_SIZE : Number(params.pageSize);
  if (!Number.isInteger(pageNum) || pageNum < 1) return badRequest(request, "pageNum必须大于0");
  if (!Number.isInteger(pageSize) || pageSize < 1) return badRequest(request, "pageSize必须大于0");
  if (pageSize > MAX_PAGE_SIZE) return badRequest(request, `pageSize最大不能超过${MAX_PAGE_SIZE}`);

  // A job of another tenant (or none) is simply a search with no hits.
  const ours = context.dataset.tasksOf("tanyi").some((task) => task.taskId === taskId);
  const total = ours ? context.dataset.taskCallCount(taskId) : 0;
  const calls = ours ? context.dataset.taskCalls(taskId, (pageNum - 1) * pageSize, pageSize) : [];
  return envelope(request, 200, {
    code: 200,
    resultMsg: "获取成功",
    data: {
      number: pageNum,
      pageSize,
      totalElements: total,
      pages: Math.ceil(total / pageSize),
      content: calls.map((call) => listRecord(call, context)),
    },
  });
}

function callDetail(request: SimRequest, context: SimContext): SimResponse {
  const callRecordId = request.query.get("callRecordId")?.trim();
  if (!callRecordId) return badRequest(request, "callRecordId不能为空");
  const call = context.dataset.callByVendorId("tanyi", callRecordId);
  if (!call) return envelope(request, 404, { code: 404, resultMsg: "通话记录不存在" });
  return envelope(request, 200, { code: 200, resultMsg: "执行成功", data: detailRecord(call, context) });
}

/** The list's record shape (doc: getCallRecordInfoList content[]). */
function listRecord(call: SimCall, context: SimContext): Json {
  const n = numberStyle(call);
  const recording = call.recording ? context.recordingUrl(call) : null;
  const status = resultStatus(call);
  return {
    callRecordId: bareId(call.vendorCallId),
    tenantId: 1,
    robotCallJobId: n(call.taskId),
    dialogFlowId: n(dialogFlowId(call)),
    robotCallTaskId: n(String(4_000_000 + call.index)),
    customerPersonId: n(String(2_000_000 + call.index)),
    calledPhoneNumber: call.callee,
    phoneNumberId: 0,
    ...verdict(call, status),
    fullAudioUrl: recording,
    // Tanyi's customer-only track (the customer's voice alone); the adapter must not leak either URL.
    customerAudioUrl: call.recording ? context.recordingUrl(call, "customer") : null,
    analysisBasis: STATUS_WORDS[status] ?? "",
    startTime: chinaTime(call.dialAt, call.index % 5 === 4 ? "T" : " "),
    chatDuration: n(String(Math.round(call.talkMs / 1000))),
    chatRound: n(String(call.rounds)),
    readStatus: call.index % 2 === 0 ? "NOT_READ" : "READ",
    callDetailList: callDetailList(call),
  };
}

/** How the call ended and what the robot made of the customer: the same fields in list and detail. */
function verdict(call: SimCall, status: string): Json {
  const intentName = call.intent ? INTENT_NAMES[call.intent] : null;
  return {
    resultStatus: status,
    intentLevel: call.intent,
    intentLevelName: intentName,
    realIntentLevel: null,
    realIntentLevelName: intentName,
    intentLevelTagId: 0,
    customerConcern: concerns(call),
  };
}

/** The detail's shape (doc: callDetail data): a customerPerson block instead of calledPhoneNumber, and endTime. */
function detailRecord(call: SimCall, context: SimContext): Json {
  const n = numberStyle(call);
  const status = resultStatus(call);
  const recording = call.recording ? context.recordingUrl(call) : null;
  const separator = call.index % 5 === 4 ? " " : "T";
  const created = call.dialAt - 86_400_000;
  return {
    callRecordId: bareId(call.vendorCallId),
    customerAudioUrl: call.recording ? context.recordingUrl(call, "customer") : null,
    startTime: chinaTime(call.dialAt, separator),
    endTime: chinaTime(call.endAt, separator),
    chatRound: n(String(call.rounds)),
    chatDuration: n(String(Math.round(call.talkMs / 1000))),
    customerPerson: {
      customerPersonId: n(String(2_000_000 + call.index)),
      creationTime: chinaTime(created, " ").slice(0, 16),
      tenantId: 1,
      customerGroupId: 181,
      name: call.customerName,
      phoneNumber: call.callee,
      wechatNumber: null,
      source: "UPLOADED_BY_YOURSELF",
      gender: "UNKNOWN",
      properties: call.variables,
      lastFollowTime: chinaTime(created, " "),
      lastChatDuration: n(String(Math.round(call.talkMs / 1000))),
      lastStartTime: chinaTime(call.dialAt, " "),
      lastIntentLevel: call.intent,
      lastDialStatus: status,
      assignTime: chinaTime(created, " "),
      customerGroupName: `${call.industry}名单`,
    },
    ...verdict(call, status),
    fullAudioUrl: recording,
    analysisBasis: STATUS_WORDS[status] ?? "",
    callDetailList: callDetailList(call),
    robotCallJobId: n(call.taskId),
  };
}

function concerns(call: SimCall): string[] | string | null {
  if (call.concerns.length === 0) return call.index % 2 === 1 ? null : [];
  return call.index % 7 === 6 ? call.concerns.join(",") : call.concerns;
}

function resultStatus(call: SimCall): string {
  // Tanyi has two words for a failed call; both must read as failed.
  if (call.result === "failed" && call.index % 2 === 1) return "FROM_PHONE_ERROR";
  return RESULT_STATUS[call.result];
}

function callDetailList(call: SimCall): Json[] | null {
  if (call.lines.length === 0) return call.result !== "answered" && call.index % 6 === 5 ? null : [];
  const n = numberStyle(call);
  const base = 1_000_000 + call.index * 1_000;
  const lines = call.lines.map((line, i) => ({
    // The marker sits on the line that barged in, which is the line the truth flags.
    text: line.interrupted ? `<客户打断>${line.text}` : line.text,
    type: line.speaker === "robot" ? "ROBOT" : "PERSON",
    callDetailId: n(String(base + i + 1)),
  }));
  return call.index % 4 === 3 ? shuffled(lines, call.index) : lines;
}

/** A fixed permutation per call (never the identity), so out-of-order lines are really out of order. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = (seed * 2_654_435_761 + 1) >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  if (out.every((item, i) => item === items[i])) out.reverse();
  return out;
}

/** Every 3rd record writes its numbers as strings; the others bare, at any size. callRecordId is always bare. */
function numberStyle(call: SimCall): (digits: string) => RawNumber | string {
  const asStrings = call.index % 3 === 2;
  return (digits) => (asStrings || !/^-?\d+$/.test(digits) ? digits : new RawNumber(digits));
}

function bareId(vendorCallId: string): RawNumber | string {
  return /^\d+$/.test(vendorCallId) ? new RawNumber(vendorCallId) : vendorCallId;
}

function dialogFlowId(call: SimCall): string {
  return String(100 + (Number(call.taskId.slice(-3)) || 0));
}

/** `2018-08-04 11:57:33` / `2018-08-04T11:57:33`: China time (no DST), whole seconds, as Tanyi writes it. */
function chinaTime(epochMs: number, separator: " " | "T"): string {
  const iso = new Date(Math.floor(epochMs / 1000) * 1000 + CHINA_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)}${separator}${iso.slice(11, 19)}`;
}

function badRequest(request: SimRequest, resultMsg: string): SimResponse {
  // Tanyi leaks its Java stack on parameter errors; clients must never show it.
  const trace =
    `com.tanyi.openapi.exception.ParamException: ${resultMsg}\n` +
    "\tat com.tanyi.openapi.controller.CallRecordController.check(CallRecordController.java:88)\n" +
    "\tat sun.reflect.GeneratedMethodAccessor212.invoke(Unknown Source)";
  return envelope(request, 200, { code: 400, resultMsg, errorStackTrace: trace });
}

function envelope(
  request: SimRequest,
  status: number,
  fields: { code: number; resultMsg: string; data?: unknown; errorStackTrace?: string },
): SimResponse {
  return {
    status,
    body: vendorJson({
      code: fields.code,
      data: fields.data ?? null,
      requestId: requestId(request),
      resultMsg: fields.resultMsg,
      errorStackTrace: fields.errorStackTrace ?? null,
    }),
  };
}

/** Spring Boot's own error page, for paths and methods the API does not have. */
function springError(status: number, error: string, request: SimRequest, context: SimContext): SimResponse {
  return {
    status,
    body: JSON.stringify({
      timestamp: new Date(context.now()).toISOString(),
      status,
      error,
      path: `/tanyi${request.path}`,
    }),
  };
}

/** Eight letters like Tanyi's `YXDXFDSC`, derived from the request so equal requests get equal bytes. */
function requestId(request: SimRequest): string {
  const digest = createHash("sha1")
    .update(`${request.method} ${request.path}?${request.query.toString()}\n${request.body}`)
    .digest();
  let out = "";
  for (let i = 0; i < 8; i++) out += String.fromCharCode(65 + (digest[i]! % 26));
  return out;
}
