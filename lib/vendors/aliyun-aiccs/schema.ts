import { z } from "zod";
import { count, id, num, text } from "@/lib/vendors/shared/coerce";

/**
 * What AICCS (AI contact center, 2019-10-15) really sends. Both actions share Aliyun's envelope; the
 * list (QueryAiCallDetailPage) and the detail (QueryConversationDetailInfo) describe a call with
 * overlapping but differently named fields (`CalledNumber` vs `CalledPhone`, `RecordingFilePath` vs
 * `RecordingFileDownloadUrl`, `Options` vs `Variables`), so one liberal record schema reads both.
 * Ids go through `id`: DetailId and BatchId exceed 2^53 and must stay exact text.
 */

/** A secondary id (task, carrier call): shown in `extra`, never worth failing a record for. */
const looseId = id.catch(null).default(null);

// Coercers are transforms over z.unknown(), which zod 4 refuses for a missing key: `.default(null)`
// lets an absent field read as null, exactly as an explicit null would.

export const Envelope = z.looseObject({
  Code: text.default(null),
  Message: text.default(null),
  RequestId: text.default(null),
  /** true/false, sometimes "true"/"false". */
  Success: z.unknown().optional(),
  /** An object, or the same object as a JSON string; absent on errors. */
  Data: z.unknown().optional(),
});
export type Envelope = z.infer<typeof Envelope>;

export const AiccsPageData = z.looseObject({
  /** An array, a JSON string of one, or null/missing for an empty page. */
  List: z.unknown().optional(),
  PageNo: num.default(null),
  PageSize: num.default(null),
  Total: num.default(null),
});
export type AiccsPageData = z.infer<typeof AiccsPageData>;

export const CallRecord = z.looseObject({
  DetailId: id.default(null),
  BatchId: id.default(null),
  TaskId: looseId,
  CallId: looseId,
  OutId: text.default(null),

  CalledPhone: text.default(null),
  CalledNumber: text.default(null),
  PhoneNumber: text.default(null),
  Phone: text.default(null),
  Callee: text.default(null),
  CallerPhone: text.default(null),
  CallerNumber: text.default(null),

  /** Enum word (ANSWERED, USER_BUSY, …) on the detail; the list may carry Chinese text (用户接通). */
  CallResult: text.default(null),
  /** Aliyun voice status code (200000 …). */
  StatusCode: text.default(null),
  StatusMsg: text.default(null),
  FailedReason: text.default(null),
  /** List only: the task detail's state, 0 initializing … 4 call ended, 5 call failed. */
  Status: num.default(null),

  MajorIntent: text.default(null),
  /** 用户 / 机器人, or 0 / 1 (as number or string). */
  HangupDirection: text.default(null),

  /** Talk time in seconds (detail). */
  Duration: num.default(null),
  /** Talk time in seconds (list); some answers carry milliseconds. */
  ConversationDuration: num.default(null),
  ConversationTurnCount: count.default(null),

  /** Epoch ms (numbers or strings) or a wall-clock date string; judged by vendorTimeToIso. */
  CallingTime: z.unknown().optional(),
  StartCallTime: z.unknown().optional(),
  PickUpTime: z.unknown().optional(),
  ReleaseTime: z.unknown().optional(),

  /** A JSON string of [{role, content}], a real array, "", "[]" or missing. */
  ConversationRecord: z.unknown().optional(),
  /** An array of tags or a JSON string of one. */
  OutputTags: z.unknown().optional(),
  /** Detail: [{Name, Key, Value, …}]; may also come as a JSON string or a plain object. */
  Variables: z.unknown().optional(),
  /** List: the runtime variables as a JSON object string. */
  Options: z.unknown().optional(),

  RecordingFileDownloadUrl: text.default(null),
  RecordingFilePath: text.default(null),

  BranchName: text.default(null),
  VersionName: text.default(null),
});
export type CallRecord = z.infer<typeof CallRecord>;

export const AiccsOutputTag = z.looseObject({
  Id: text.default(null),
  OutputTagName: text.default(null),
  /** A JSON string of an array of strings (`["高(非常积极,大概率转化)"]`), a real array, or one plain word. */
  OutputTagValue: z.unknown().optional(),
  OutputTagDescription: text.default(null),
});
export type AiccsOutputTag = z.infer<typeof AiccsOutputTag>;

export const AiccsVariable = z.looseObject({
  Id: text.default(null),
  Key: text.default(null),
  Name: text.default(null),
  Value: text.default(null),
});
export type AiccsVariable = z.infer<typeof AiccsVariable>;

export const AiccsConversationLine = z.looseObject({
  role: z.unknown().optional(),
  Role: z.unknown().optional(),
  content: text.default(null),
  Content: text.default(null),
});
export type AiccsConversationLine = z.infer<typeof AiccsConversationLine>;
