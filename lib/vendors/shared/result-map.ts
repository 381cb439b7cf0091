import type { CallResult } from "@/lib/model";

/**
 * Result words, whatever the vendor spells (CONTRACT.md §2): Chinese text, status enums, carrier
 * causes. Matching ignores case, spaces and `-`/`_`; anything not listed is `unknown` and the caller
 * keeps the raw word in `resultLabel`.
 */
const WORDS: Record<Exclude<CallResult, "unknown">, string[]> = {
  answered: ["接通", "已接通", "用户接通", "已接听", "用户接听", "接听", "ANSWERED", "ANSWER", "CONNECTED"],
  no_answer: ["未接", "未接听", "无人接听", "用户未接听", "NO_ANSWER", "NOANSWER", "NO_USER_RESPONSE"],
  busy: ["占线", "忙", "用户忙", "用户占线", "BUSY", "USER_BUSY"],
  refused: ["拒接", "用户拒接", "REFUSED", "CALL_REJECTED", "REJECTED"],
  power_off: ["关机", "POWER_OFF", "POWERED_OFF", "POWEROFF"],
  suspended: ["停机", "被叫停机", "OUT_OF_SERVICE", "SUSPEND", "SUSPENDED"],
  vacant: ["空号", "VACANT_NUMBER", "VACANT", "INVALID_NUMBER"],
  unreachable: ["无法接通", "不在服务区", "CAN_NOT_CONNECT", "CANNOT_CONNECT", "UNAVAILABLE", "NETWORK_BUSY"],
  blocked: ["呼损", "OPERATOR_BLOCK", "INCOMING_CALL_BARRED"],
  failed: ["FROM_PHONE_ERROR", "SYSTEM_ERROR", "CANCEL", "系统错误", "外呼失败", "主叫号码不可用"],
};

const BY_WORD = new Map<string, CallResult>();
for (const [result, words] of Object.entries(WORDS) as [CallResult, string[]][]) {
  for (const word of words) BY_WORD.set(normalizeWord(word), result);
}

function normalizeWord(word: string): string {
  return word
    .trim()
    .toUpperCase()
    .replace(/[\s_-]+/g, "_");
}

/**
 * The canonical result for a vendor's word; `unknown` for anything else (also for empty input).
 * Chinese words often carry a subject (用户关机, 被叫忙, 客户拒接): the bare word decides.
 */
export function resultFromWord(word: string | null | undefined): CallResult {
  if (!word) return "unknown";
  const exact = BY_WORD.get(normalizeWord(word));
  if (exact) return exact;
  const bare = word.trim().replace(/^(用户|被叫|客户|对方)/, "");
  return bare !== word.trim() ? (BY_WORD.get(normalizeWord(bare)) ?? "unknown") : "unknown";
}

/** Aliyun voice service status codes (Dyvms `state`, AICCS `StatusCode`), with the words Aliyun uses for them. */
export const ALIYUN_STATUS: Record<string, { result: CallResult; text: string }> = {
  "200000": { result: "answered", text: "用户接听" },
  "200001": { result: "answered", text: "用户接听" },
  "200002": { result: "busy", text: "用户占线" },
  "200003": { result: "no_answer", text: "用户未接听" },
  "200004": { result: "vacant", text: "空号" },
  "200005": { result: "unreachable", text: "无法接通" },
  "200007": { result: "unreachable", text: "不在服务区" },
  "200010": { result: "power_off", text: "关机" },
  "200011": { result: "suspended", text: "停机" },
  "200012": { result: "blocked", text: "呼损" },
  "200111": { result: "refused", text: "用户拒接" },
  "200112": { result: "busy", text: "用户忙" },
  "200113": { result: "no_answer", text: "无人接听" },
  "200116": { result: "vacant", text: "空号" },
  "200118": { result: "blocked", text: "呼损" },
  "200119": { result: "blocked", text: "呼损" },
  "200121": { result: "blocked", text: "呼损" },
  "999999": { result: "failed", text: "系统错误" },
  "500": { result: "failed", text: "系统错误" },
  "400": { result: "failed", text: "系统错误" },
};

export function aliyunStatus(code: string | null | undefined): { result: CallResult; text: string } | null {
  if (code === null || code === undefined) return null;
  return ALIYUN_STATUS[String(code).trim()] ?? null;
}

/** Tanyi's own Chinese words for its result enum (from its docs), used as the readable label. */
export const TANYI_RESULT_TEXT: Record<string, string> = {
  ANSWERED: "已接听",
  NO_ANSWER: "未接",
  BUSY: "占线",
  POWER_OFF: "关机",
  OUT_OF_SERVICE: "被叫停机",
  REFUSED: "拒接",
  VACANT_NUMBER: "空号",
  CAN_NOT_CONNECT: "无法接通",
  FROM_PHONE_ERROR: "主叫号码不可用",
  SYSTEM_ERROR: "外呼失败",
};
