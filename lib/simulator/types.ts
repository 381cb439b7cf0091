import type { CallResult, Intent, Speaker } from "@/lib/model";

/**
 * The simulator's ground truth: what "really happened" on each call, independent of any vendor's
 * wire format. Each vendor module renders these into its own JSON (with that vendor's quirks), and
 * recordings are synthesized from the same lines, so speech falls exactly where `lines` say. Lines
 * are timed like real calls (dataset/talk.ts), not where a text-length estimate expects them.
 *
 * Everything is a pure function of (seed, source, index): the dataset is deterministic and any one
 * call can be produced on its own, which is what lets it scale to 100,000 calls without holding them.
 */

export const SIM_SOURCES = ["dyvms", "aiccs", "tanyi", "agent"] as const;
export type SimSource = (typeof SIM_SOURCES)[number];

export const INDUSTRIES = ["房产", "保险", "信用卡", "汽车", "教育"] as const;
export type Industry = (typeof INDUSTRIES)[number];

export type AudioEncoding = "pcm16" | "alaw" | "mulaw";

export interface SimLine {
  speaker: Speaker;
  /** What the vendor's transcript says (may contain stage directions like （停顿2s）). */
  text: string;
  /** Offsets into the recording, exact: the synthesized audio has this line's speech here. */
  startMs: number;
  endMs: number;
  /** The customer barged in on the robot (vendors mark it `<客户打断>`). */
  interrupted: boolean;
  /** The voice clip this line is spoken with (see voice/manifest.json). */
  clipId: string;
  /**
   * Customer lines: when the platform's ASR had the text (the customer stopped, end-of-speech was
   * detected, recognition returned), an offset like startMs. Vendors that stamp turns when the robot
   * hears them (agent-api) derive their times from this. Absent: endMs plus a typical latency.
   */
  heardAtMs?: number;
}

export interface SimRecording {
  durationMs: number;
  encoding: AudioEncoding;
  channels: 1 | 2;
  sampleRate: 8000;
}

export interface SimCall {
  source: SimSource;
  /** Position within its source (0-based); calls of a source are in dialling order. */
  index: number;
  taskId: string;
  /** Vendor-shaped call id (Dyvms `callId` "115987800002^102789420002", Tanyi's numeric id, agent-api UUID …). */
  vendorCallId: string;
  /** AICCS only: the import batch the number came in. */
  batchId: string;
  callee: string;
  caller: string;
  customerName: string;
  industry: Industry;
  /** Epoch ms when dialling began. */
  dialAt: number;
  /** Epoch ms when the customer picked up; null when not answered. */
  answerAt: number | null;
  /** Epoch ms when the call ended. */
  endAt: number;
  result: CallResult;
  /** Talk time in ms (0 when not answered). */
  talkMs: number;
  hangupBy: Speaker | null;
  intent: Intent | null;
  /** Dialog rounds: customer turns the robot answered. */
  rounds: number;
  tags: string[];
  /** What the customer cared about (Tanyi's customerConcern). */
  concerns: string[];
  /** Task variables (AICCS' Variables): name, product … */
  variables: Record<string, string>;
  lines: SimLine[];
  /**
   * What the recording really holds when it differs from `lines`: the vendor's ASR failed, so the
   * transcript (`lines`) is empty though both sides spoke. Absent: the recording is `lines`.
   */
  audioLines?: SimLine[];
  recording: SimRecording | null;
}

export interface SimDatasetOptions {
  /** Total calls over all four sources (CALLSCOPE_DEMO_CALLS); default 400. */
  calls: number;
  seed: number;
  /** Calls are spread over the 30 days before this instant (epoch ms). */
  anchor: number;
}

/** The task ids each simulated source serves; demo config lists the same. */
export interface SimTask {
  source: SimSource;
  taskId: string;
  name: string;
  industry: Industry;
}
