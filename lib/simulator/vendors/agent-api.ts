import { timingSafeEqual } from "node:crypto";
import type { SimContext, SimRequest, SimResponse, SimVendor } from "../http-types";
import type { SimCall, SimLine } from "../types";

/**
 * The "AI客户联络" agent API as its Laravel app answers: GET /agent-api/user/{id}/task/{task_id}/record
 * (documented) and …/record/{record_id} (the detail route some deployments have). Business errors come
 * with HTTP 200 and `{code, status: "error"}`, a bad token with Laravel's 401 `{"message":"Unauthenticated."}`.
 *
 * Quirks, by `call.index` so the same request always gets the same bytes:
 *   every 3rd record   numbers as strings (bill, duration, hangup_disposition, intention_results, rounds, score)
 *   index % 4 == 1     `details` reversed; index % 4 == 3 rotated (the doc's own example arrives 11, 12, 10)
 *   index % 4 == 2     the last robot turn has play_ms 0 (untimed, like the doc's closing line)
 *   index % 4 == 3     tags as plain strings instead of objects
 *   index % 5 == 4     robot turns without answer_content: the words are in answer_text
 *   index % 6 == 5     a turn of another notify kind (dtmf_notify)
 *   index % 8 == 7     an ASR turn with an empty question
 *   always             meta.per_page as a string, `<客户打断>` on barged-in turns
 */

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DEFAULT_PER_PAGE = 15;
const MAX_PER_PAGE = 100;
const ROUTE = /^\/agent-api\/user\/([^/]+)\/task\/([^/]+)\/record(?:\/([^/]+))?\/?$/;

const HANGUP_CAUSE: Record<SimCall["result"], string> = {
  answered: "NORMAL_CLEARING",
  no_answer: "NO_ANSWER",
  busy: "USER_BUSY",
  refused: "CALL_REJECTED",
  power_off: "POWER_OFF",
  suspended: "SUSPEND",
  vacant: "VACANT_NUMBER",
  unreachable: "UNAVAILABLE",
  blocked: "OPERATOR_BLOCK",
  failed: "SYSTEM_ERROR",
  unknown: "WEIRD_CAUSE_17",
};

const INTENT_NUMBER: Record<string, number> = { A: 1, B: 2, C: 3, D: 4, E: 5 };

const PLACES = [
  {
    province: { id: 5, city: "安徽", area_code: "0551", post_code: "238000" },
    city: { id: 90, city: "蚌埠", area_code: "0552", post_code: "233000" },
  },
  {
    province: { id: 11, city: "浙江", area_code: "0571", post_code: "310000" },
    city: { id: 175, city: "杭州", area_code: "0571", post_code: "310000" },
  },
  {
    province: { id: 19, city: "广东", area_code: "020", post_code: "510000" },
    city: { id: 234, city: "深圳", area_code: "0755", post_code: "518000" },
  },
  {
    province: { id: 1, city: "北京", area_code: "010", post_code: "100000" },
    city: { id: 1, city: "北京", area_code: "010", post_code: "100000" },
  },
  {
    province: { id: 10, city: "江苏", area_code: "025", post_code: "210000" },
    city: { id: 162, city: "南京", area_code: "025", post_code: "210000" },
  },
] as const;

const OPERATORS = [
  { operator: 1, operator_name: "电信" },
  { operator: 2, operator_name: "联通" },
  { operator: 3, operator_name: "移动" },
] as const;

export const agentApiSimVendor: SimVendor = {
  prefix: "/agent",
  handle(request, context) {
    return handleAgentRequest(request, context);
  },
};

export function handleAgentRequest(request: SimRequest, context: SimContext): SimResponse {
  const route = ROUTE.exec(request.path);
  if (!route)
    return json(404, { message: `The route ${request.path.replace(/^\//, "")} could not be found.` });
  if (request.method !== "GET") {
    return json(405, {
      message: `The ${request.method} method is not supported for this route. Supported methods: GET, HEAD.`,
    });
  }
  // Laravel's auth:api middleware runs before the controller sees any parameter.
  if (!tokenMatches(request.headers.authorization, context.credentials.agent.token)) {
    return json(401, { message: "Unauthenticated." });
  }
  const [userId, taskId, recordId] = [route[1]!, route[2]!, route[3]].map((part) =>
    part === undefined ? undefined : safeDecode(part),
  );
  if (userId !== context.credentials.agent.userId) {
    return json(200, { code: 1002, status: "error", message: "【user】参数错误,未找到对应云节点", data: [] });
  }
  const task = context.dataset.tasksOf("agent").find((candidate) => candidate.taskId === taskId);
  if (!task || taskId === undefined)
    return json(200, { code: 5002, status: "error", message: "任务不存在", data: [] });

  if (recordId !== undefined) {
    const call = context.dataset.callByVendorId("agent", recordId);
    if (!call || call.taskId !== taskId)
      return json(404, { code: 404, status: "error", message: "记录不存在" });
    return json(200, {
      code: 200,
      status: "success",
      message: "查看通话记录成功",
      data: renderRecord(call, context),
    });
  }
  return listPage(request.query, taskId, context);
}

function listPage(query: URLSearchParams, taskId: string, context: SimContext): SimResponse {
  const page = positiveInt(query.get("page")) ?? 1;
  const perPage = Math.min(MAX_PER_PAGE, positiveInt(query.get("per_page")) ?? DEFAULT_PER_PAGE);
  const keyword = query.get("keyword")?.trim() ?? "";
  const offset = (page - 1) * perPage;

  let total: number;
  let calls: SimCall[];
  if (keyword) {
    const matching = callsOfTask(taskId, context).filter((call) => call.callee.includes(keyword));
    total = matching.length;
    calls = matching.slice(offset, offset + perPage);
  } else {
    total = context.dataset.taskCallCount(taskId);
    calls = offset < total ? context.dataset.taskCalls(taskId, offset, perPage) : [];
  }
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  return json(200, {
    code: 200,
    status: "success",
    message: "查看通话记录列表成功",
    meta: {
      has_pages: lastPage > 1,
      total,
      last_page: lastPage,
      current_page: page,
      per_page: String(perPage),
    },
    data: calls.map((call) => renderRecord(call, context)),
  });
}

/** A keyword search scans the task, as the vendor's LIKE does; only the list fallback asks for it. */
function callsOfTask(taskId: string, context: SimContext): SimCall[] {
  const count = context.dataset.taskCallCount(taskId);
  const out: SimCall[] = [];
  for (let offset = 0; offset < count; offset += 1000)
    out.push(...context.dataset.taskCalls(taskId, offset, 1000));
  return out;
}

/** One record in the doc's full shape, from the call's truth. */
export function renderRecord(call: SimCall, context: SimContext): Record<string, unknown> {
  const i = call.index;
  const stringy = i % 3 === 2;
  const n = (value: number | null) => (value === null ? null : stringy ? String(value) : value);
  const userId = context.credentials.agent.userId;
  const answered = call.answerAt !== null;
  const place = PLACES[i % PLACES.length]!;
  const operator = OPERATORS[i % OPERATORS.length]!;
  const disposition = call.hangupBy === "robot" ? 1 : call.hangupBy === "customer" ? 2 : 0;
  const intent = call.intent ? (INTENT_NUMBER[call.intent] ?? null) : null;
  const male = call.customerName.includes("先生");
  const stamp = (epoch: number) => wallTime(epoch);

  return {
    tags: call.tags.map((name, t) =>
      i % 4 === 3 ? name : { id: uuid(`${call.vendorCallId}:tag:${t}`), name },
    ),
    tag_groups: [],
    operator_name: operator.operator_name,
    extra: null,
    name: call.customerName,
    company: call.variables.company ?? "",
    send_wechat_data: [],
    components: Object.entries(call.variables).map(([name, value]) => ({
      id: uuid(`component:${name}`),
      name,
      type: "text",
      value,
    })),
    id: call.vendorCallId,
    task_id: call.taskId,
    group_id: 8888,
    callid: uuid(`${call.vendorCallId}:callid`),
    score: n(answered ? 600 + call.rounds * 100 : 0),
    callee: call.callee,
    caller_number: call.caller,
    duration: n(call.endAt - call.dialAt),
    error_code: call.result === "failed" ? 3 : 0,
    gender: male ? 2 : 1,
    level_id: uuid(`level:${call.intent ?? "none"}`),
    calldate: stamp(call.dialAt),
    bill: n(call.talkMs),
    hangupcause: hangupCause(call),
    hangupdate: stamp(call.endAt),
    answerdate: call.answerAt === null ? null : stamp(call.answerAt),
    bridge_callid: null,
    bridge_number: null,
    bridge_calldate: null,
    bridge_answerdate: null,
    hangup_disposition: stringy ? String(disposition) : disposition,
    created_at: stamp((call.answerAt ?? call.dialAt) + 3_000),
    updated_at: stamp(call.endAt + 60_000),
    rounds: n(call.rounds),
    level_name: call.intent ? `${call.intent}类客户()` : "",
    read_at: null,
    province_id: place.province.id,
    city_id: place.city.id,
    operator: operator.operator,
    customer_id: uuid(`${call.callee}:customer`),
    user_id: userId,
    processed_at: null,
    number_created_at: stamp(call.dialAt - 86_400_000 * (1 + (i % 30))),
    intention_results: intent === null ? null : stringy ? String(intent) : intent,
    level: null,
    gender_str: male ? "男" : "女",
    hangup_disposition_str: disposition === 1 ? "AI" : disposition === 2 ? "客户" : "",
    details: answered ? renderDetails(call, userId) : [],
    province: {
      ...place.province,
      pid: null,
      created_at: "2021-04-21 10:20:33",
      updated_at: "2021-04-21 10:20:33",
    },
    city: {
      ...place.city,
      pid: place.province.id,
      created_at: "2021-04-21 10:20:33",
      updated_at: "2021-04-21 10:20:33",
    },
    record_url: call.recording ? context.recordingUrl(call) : null,
  };
}

function hangupCause(call: SimCall): string {
  if (call.result === "no_answer" && call.index % 2 === 1) return "NO_USER_RESPONSE";
  return HANGUP_CAUSE[call.result];
}

/**
 * The per-turn `details`, timed as the platform writes them: `created_at` is the wall-clock second
 * (truncated) at which the turn was written — a customer turn when its ASR had the words (the speech
 * ended, end-of-speech was detected, recognition took asr_elapse; record_ms is the speech plus the
 * silence that ended it), a playback when it ended (play_ms after it began; an untimed one at the
 * second it began). Inverting them, as the adapter does, gives starts up to a second off the truth.
 */
function renderDetails(call: SimCall, userId: string): Record<string, unknown>[] {
  const i = call.index;
  const answeredAt = call.answerAt ?? call.dialAt;
  /** The wall-clock second in which `offset` (ms into the recording) falls. */
  const second = (offset: number) => Math.floor((answeredAt + offset) / 1000) * 1000;
  const lastRobot = call.lines.map((line) => line.speaker).lastIndexOf("robot");
  const callid = uuid(`${call.vendorCallId}:callid`);
  const details: Record<string, unknown>[] = [];
  let sequence = 1 + (i % 7);
  let questionIndex = 0;
  let lastQuestion: string | null = null;
  let lastPlayMs = 0;
  const push = (turn: Turn) => details.push(detailRecord(call, callid, userId, sequence++, turn));

  call.lines.forEach((line: SimLine, l) => {
    const words = line.interrupted ? `<客户打断>${line.text}` : line.text;
    if (line.speaker === "customer") {
      const heard = line.heardAtMs ?? line.endMs + 700;
      // Of the time from the end of speech to the text: about a third recognition, the rest the
      // trailing silence that told the platform the customer had finished.
      const elapseMs = Math.round((heard - line.endMs) * 0.35);
      push({
        notify: "asrprogress_notify",
        at: second(heard),
        asr: { elapseMs, recordMs: heard - elapseMs - line.startMs },
        question: words,
        questionIndex: questionIndex++,
        playMs: lastPlayMs,
        answer: null,
      });
      lastQuestion = line.text;
    } else {
      const untimed = i % 4 === 2 && l === lastRobot;
      const withoutContent = i % 5 === 4;
      push({
        notify: "playback_result",
        at: second(untimed ? line.startMs : line.endMs),
        asr: null,
        question: lastQuestion,
        questionIndex: 0,
        playMs: untimed ? 0 : line.endMs - line.startMs,
        answer: {
          id: uuid(`${call.vendorCallId}:answer:${l}`),
          text: withoutContent ? words : l === 0 ? "开场白" : l === lastRobot ? "结束语" : `话术节点${l}`,
          content: withoutContent ? null : words,
          action: l === lastRobot ? 2 : 0,
        },
      });
      lastPlayMs = line.endMs - line.startMs;
    }
    if (l === 0 && i % 6 === 5) {
      const at = second(line.endMs) + 1000;
      push({
        notify: "dtmf_notify",
        at,
        asr: null,
        question: "1",
        questionIndex: 0,
        playMs: 0,
        answer: null,
      });
    }
    if (l === 0 && i % 8 === 7) {
      const at = second(line.endMs) + 2000;
      const asr = { elapseMs: 700, recordMs: 240 };
      push({
        notify: "asrprogress_notify",
        at,
        asr,
        question: "",
        questionIndex: questionIndex++,
        playMs: lastPlayMs,
        answer: null,
      });
    }
  });

  if (i % 4 === 1) details.reverse();
  else if (i % 4 === 3 && details.length > 1) details.push(details.shift()!);
  return details;
}

interface Turn {
  notify: string;
  at: number;
  asr: { elapseMs: number; recordMs: number } | null;
  question: string | null;
  questionIndex: number;
  playMs: number;
  answer: { id: string; text: string | null; content: string | null; action: number } | null;
}

/** One detail in the doc's key order, as a single literal: spreading 40-key objects made pages 10× slower. */
function detailRecord(
  call: SimCall,
  callid: string,
  userId: string,
  sequence: number,
  turn: Turn,
): Record<string, unknown> {
  const stamp = wallTime(turn.at);
  const { asr, answer } = turn;
  return {
    id: uuid(`${call.vendorCallId}:detail:${sequence}`),
    record_id: call.vendorCallId,
    task_id: call.taskId,
    notify: turn.notify,
    callid,
    error_code: 0,
    asrtype: asr ? "aliyunv2" : null,
    callee: call.callee,
    gender: asr ? 0 : null,
    asr_elapse: asr ? asr.elapseMs : null,
    record_ms: asr ? asr.recordMs : null,
    volume_gain: asr ? 4.269316 : null,
    question: turn.question,
    split_question: null,
    question_index: turn.questionIndex,
    speak_ms: 0,
    play_ms: turn.playMs,
    keyword: null,
    answer_id: answer ? answer.id : null,
    answer_text: answer ? answer.text : null,
    answer_content: answer ? answer.content : null,
    word_class: answer ? "1" : null,
    answer_action: answer ? answer.action : null,
    playback_after_action: 0,
    upstream_answer_action: null,
    upstream_answer_content: null,
    upstream_answer_text: null,
    upstream_answer_id: null,
    score: answer ? 1000 : 0,
    sequence,
    created_at: stamp,
    updated_at: stamp,
    bridge_status: asr ? 0 : null,
    user_id: userId,
    is_regular: 0,
    expression: null,
    tags: [],
  };
}

/** "2022-09-29 15:09:13": Shanghai wall time, whole seconds, as the vendor writes it. */
function wallTime(epoch: number): string {
  return new Date(Math.floor(epoch / 1000) * 1000 + SHANGHAI_OFFSET_MS)
    .toISOString()
    .slice(0, 19)
    .replace("T", " ");
}

/**
 * A stable UUID-shaped id for a seed: the same record gets the same ids on every request. A page
 * needs thousands of them, so a small non-cryptographic hash (cyrb128) rather than md5.
 */
function uuid(seed: string): string {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  const hex = [h1 ^ h2 ^ h3 ^ h4, h2 ^ h1, h3 ^ h1, h4 ^ h1]
    .map((h) => (h >>> 0).toString(16).padStart(8, "0"))
    .join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function tokenMatches(header: string | string[] | undefined, token: string): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  const given = /^Bearer\s+(.+)$/i.exec(value?.trim() ?? "")?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function positiveInt(value: string | null): number | null {
  const n = Number(value);
  return value !== null && Number.isSafeInteger(n) && n >= 1 ? n : null;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Plain JSON.stringify: this vendor's ids are UUIDs, nothing here needs json.ts' bare big integers. */
function json(status: number, body: unknown): SimResponse {
  return { status, body: JSON.stringify(body) };
}
