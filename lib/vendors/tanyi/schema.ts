import { z } from "zod";
import { count, id, list, num, text } from "@/lib/vendors/shared/coerce";
import { unwrapJsonString } from "@/lib/vendors/shared/json";

/**
 * What Tanyi really sends (apiOpen/v1 callRecord/getCallRecordInfoList and callRecord/callDetail),
 * read liberally: numbers as strings, lists as JSON or comma strings, nested blocks as JSON text.
 * Only `callRecordId` can fail a record, and only when it was already rounded (parseVendorJson
 * keeps bare ids beyond 2^53 as exact strings, so that means the body bypassed it).
 */

/** A secondary id (task, flow, person): shown in `extra`, never worth failing a record for. */
const looseId = id.catch(null);

// zod 4 makes an object key required when its schema is a transform, and vendors leave fields out all
// the time: every raw field here starts from z.unknown().optional(), as the shared coercers do.

/** `{code, data, requestId, resultMsg, errorStackTrace}`; code 200 is success. */
export const TanyiEnvelope = z.looseObject({
  code: num,
  data: z.unknown().optional(),
  requestId: text,
  resultMsg: text,
  // Java stack traces and junk: read so it is known to exist, never shown to anyone.
  errorStackTrace: z.unknown().optional(),
});
export type TanyiEnvelope = z.infer<typeof TanyiEnvelope>;

/** The list's `data`: a Spring-style page. */
export const TanyiPage = z.looseObject({
  number: num,
  pageSize: num,
  totalElements: num,
  pages: num,
  content: z.unknown().optional().transform(unwrapJsonString),
});
export type TanyiPage = z.infer<typeof TanyiPage>;

/** The detail's customer block (the list carries only `calledPhoneNumber`). */
export const TanyiCustomerPerson = z.looseObject({
  customerPersonId: looseId,
  name: text,
  phoneNumber: text,
  properties: z.unknown().optional().transform(unwrapJsonString),
  customerGroupName: text,
});
export type TanyiCustomerPerson = z.infer<typeof TanyiCustomerPerson>;

/** One line of `callDetailList`; `type` is ROBOT or PERSON, `callDetailId` the spoken order. */
export const TanyiCallDetailLine = z.looseObject({
  text: z
    .unknown()
    .optional()
    .transform((value) =>
      typeof value === "string" ? value : typeof value === "number" ? String(value) : null,
    ),
  type: text,
  callDetailId: num,
});
export type TanyiCallDetailLine = z.infer<typeof TanyiCallDetailLine>;

const customerPerson = z
  .unknown()
  .optional()
  .transform((value): TanyiCustomerPerson | null => {
    const parsed = TanyiCustomerPerson.safeParse(unwrapJsonString(value));
    return parsed.success ? parsed.data : null;
  });

/** `callDetailList`: an array, a JSON string of one, null or missing. Lines are parsed one by one later. */
const callDetailList = z
  .unknown()
  .optional()
  .transform((value): unknown[] => {
    const unwrapped = unwrapJsonString(value);
    return Array.isArray(unwrapped) ? unwrapped : [];
  });

/** One call record, as the list's `content[]` and the detail's `data` share it. */
export const TanyiCallRecord = z.looseObject({
  callRecordId: id,
  robotCallJobId: looseId,
  robotCallTaskId: looseId,
  dialogFlowId: looseId,
  customerPersonId: looseId,
  calledPhoneNumber: text,
  phoneNumber: text,
  resultStatus: text,
  intentLevel: text,
  intentLevelName: text,
  realIntentLevel: text,
  realIntentLevelName: text,
  customerConcern: list,
  fullAudioUrl: text,
  customerAudioUrl: text,
  analysisBasis: text,
  startTime: z.unknown().optional(),
  endTime: z.unknown().optional(),
  chatDuration: num,
  chatRound: count,
  readStatus: text,
  customerGroupName: text,
  customerPerson,
  callDetailList,
});
export type TanyiCallRecord = z.infer<typeof TanyiCallRecord>;
