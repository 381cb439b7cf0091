import { z } from "zod";
import {
  count as countValue,
  id as idValue,
  list as listValue,
  num as numValue,
  text as textValue,
} from "@/lib/vendors/shared/coerce";

/**
 * What the "AI客户联络" agent API really sends for GET /agent-api/user/{id}/task/{task_id}/record.
 * The docs type most fields as int/string, but white-label deployments answer `per_page: "1"`,
 * numbers as strings and nulls where an int is documented, so every field goes through a coercer.
 * Unknown fields are kept (loose objects): `raw` is the record as sent, not as we understood it.
 */

/**
 * The shared coercers fail on an absent key inside a zod 4 object ("expected nonoptional"): a
 * transform's output is not optional. Vendors leave fields out all the time, so absent reads as null.
 */
const absentAsNull = <T extends z.ZodType>(schema: T) => z.unknown().optional().pipe(schema);
const num = absentAsNull(numValue);
const count = absentAsNull(countValue);
const text = absentAsNull(textValue);
const id = absentAsNull(idValue);
const list = absentAsNull(listValue);

/** `{code, status, message, meta, data}`; Laravel's own errors carry only `message`. */
export const Envelope = z.looseObject({
  code: num,
  status: text,
  message: z.unknown().optional(),
  meta: z.unknown().optional(),
  data: z.unknown().optional(),
});
export type Envelope = z.infer<typeof Envelope>;

export const RawMeta = z.looseObject({
  has_pages: z.unknown().optional(),
  total: count,
  last_page: count,
  current_page: count,
  /** Documented int, sent as a string ("1") by the doc's own example. */
  per_page: count,
});
export type RawMeta = z.infer<typeof RawMeta>;

/** One turn of `details`: an ASR result (customer) or a playback (robot), each with its own timing fields. */
export const RawDetail = z.looseObject({
  notify: text,
  /** The customer's words on `asrprogress_notify`; on `playback_result` it repeats what triggered the answer. */
  question: z.unknown().optional(),
  answer_content: z.unknown().optional(),
  /** The answer's short name ("结束语挂断"); the spoken text when `answer_content` is missing. */
  answer_text: z.unknown().optional(),
  sequence: num,
  created_at: z.unknown().optional(),
  /** ms between the end of the customer's speech and the ASR result (created_at). */
  asr_elapse: num,
  /** ms of customer speech the ASR heard. */
  record_ms: num,
  /** ms of robot audio played; 0 when the playback was not timed (the closing line in the doc). */
  play_ms: num,
});
export type RawDetail = z.infer<typeof RawDetail>;

export const CallRecord = z.looseObject({
  id: id,
  callee: text,
  caller_number: text,
  calldate: z.unknown().optional(),
  answerdate: z.unknown().optional(),
  hangupdate: z.unknown().optional(),
  /** Talk time in ms. */
  bill: num,
  /** The whole outbound attempt in ms, ringing included. */
  duration: num,
  hangupcause: text,
  hangup_disposition: text,
  hangup_disposition_str: text,
  rounds: count,
  intention_results: text,
  tags: list,
  error_code: num,
  operator_name: text,
  name: text,
  company: text,
  gender_str: text,
  score: num,
  level_name: text,
  province: z.unknown().optional(),
  city: z.unknown().optional(),
  components: list,
});
export type CallRecord = z.infer<typeof CallRecord>;

/** Recording fields seen across white-label deployments; the doc itself lists none. */
export const RECORDING_FIELDS = [
  "record_url",
  "recording_url",
  "record_file",
  "recordFile",
  "audio_url",
  "voice_url",
  "recording",
] as const;
