import { z } from "zod";
import { count, id, num, text } from "@/lib/vendors/shared/coerce";

/**
 * What Dyvmsapi (2017-05-25) really sends, read liberally: numbers as strings and strings as
 * numbers, `Data` as a JSON string or the real thing, the docs' typos (`konwledgeCount`,
 * `transferFailReson`) next to the correct spellings. Only the envelope's shape is strict.
 */

// zod 4 reports a missing key as "expected nonoptional" for a bare transform; absent means null here.
const optionalNum = num.default(null);
const optionalCount = count.default(null);
const optionalText = text.default(null);
const optionalId = id.default(null);
const optionalUnknown = z.unknown().optional();

/** `{Code, Message, RequestId, Data}` on success; `{Code, Message, RequestId, HostId, Recommend}` on error. */
export const Envelope = z.looseObject({
  Code: optionalText,
  Message: optionalText,
  RequestId: optionalText,
  HostId: optionalText,
  Recommend: optionalText,
  Data: optionalUnknown,
});
export type Envelope = z.infer<typeof Envelope>;

/** Counters both payloads carry; the list spells knowledgeCount `konwledgeCount`. */
const COUNTERS = {
  sureCount: optionalNum,
  denyCount: optionalNum,
  rejectCount: optionalNum,
  customCount: optionalNum,
  defaultCount: optionalNum,
  knowledgeCount: optionalNum,
  konwledgeCount: optionalNum,
  knowledgeBusinessCount: optionalNum,
  knowledgeCommonCount: optionalNum,
};

/** One entry of QueryRobotTaskCallList's `Data`: no transcript, no recording, Chinese `callResult`. */
export const CallRecord = z.looseObject({
  taskId: optionalId,
  callId: optionalId,
  caller: optionalText,
  called: optionalText,
  /** Not documented for the list; the detail's name for the same field, accepted as an alias. */
  callee: optionalText,
  /** Talk time in seconds, usually a string ("60"). */
  duration: optionalNum,
  label: optionalUnknown,
  dialogCount: optionalCount,
  /** Chinese words ("无法接通"), or a status code ("200002") as the list's filter takes. */
  callResult: optionalText,
  /** 0 customer, 1 robot; number or string. */
  hangupDirection: optionalText,
  /** `2019.06.14 15:22:23`. */
  callStartTime: optionalUnknown,
  callEndTime: optionalUnknown,
  transferResult: optionalNum,
  transferNumber: optionalText,
  transferFailReason: optionalText,
  transferFailReson: optionalText,
  recallCurTimes: optionalNum,
  ...COUNTERS,
});
export type CallRecord = z.infer<typeof CallRecord>;

/** One line of `dialogDetail`. `startTime` in the examples, `time` in the field table. */
export const DyvmsDialogLine = z.looseObject({
  role: optionalText,
  content: optionalUnknown,
  startTime: optionalUnknown,
  time: optionalUnknown,
});
export type DyvmsDialogLine = z.infer<typeof DyvmsDialogLine>;

/** QueryCallDetailByTaskId's `Data`, once unwrapped from its JSON string. */
export const CallDetailRecord = z.looseObject({
  callId: optionalId,
  callee: optionalText,
  called: optionalText,
  /** The caller id shown to the callee (主叫号显). */
  calleeShowNumber: optionalText,
  caller: optionalText,
  /** Aliyun status code; the field table calls it `statusCode`. */
  state: optionalText,
  statusCode: optionalText,
  /** Words for the state; sometimes UTF-8 read as GBK (`鐢ㄦ埛鎺ュ惉`). */
  stateDesc: optionalText,
  /** When the call was created, i.e. dialling began. */
  gmtCreate: optionalUnknown,
  /** Answer time, despite the name. */
  startDate: optionalUnknown,
  endDate: optionalUnknown,
  duration: optionalNum,
  dialogCount: optionalCount,
  hangupDirection: optionalText,
  /** "" , a number (the JSON example's `1`) or "a,b". */
  tags: optionalUnknown,
  recordFile: optionalText,
  /** 1 has a recording, 2 has not. */
  recordStatus: optionalNum,
  /** A JSON array, a JSON string of one, "" or absent. */
  dialogDetail: optionalUnknown,
  transferResult: optionalNum,
  transferNumber: optionalText,
  transferFailReason: optionalText,
  transferFailReson: optionalText,
  recallCurTimes: optionalNum,
  ...COUNTERS,
});
export type CallDetailRecord = z.infer<typeof CallDetailRecord>;
