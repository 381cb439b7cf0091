import type { Speaker } from "@/lib/model";
import type { Industry } from "@/lib/simulator/types";

/**
 * The shape of a call script. Every line is a FIXED text with a stable id, because each one is
 * voiced once by a committed clip (voice/manifest.json): no per-call names or numbers in speech.
 *
 * Customer lines come in alternatives whose ids end in `.1`, `.2`, `.3`: the clip generator voices
 * `.1` with a male voice, `.2` with a female one and `.3` with a second male one, so a call can keep
 * its customer's voice (and gender) by picking among the alternatives.
 *
 * This file and the scripts may only import values relatively (types from anywhere):
 * voice/make-clips.mjs loads them by transpiling each file on its own.
 */

export interface ScriptLine {
  id: string;
  speaker: Speaker;
  text: string;
}

/** Something the customer may ask about, and the robot's answer. */
export interface Topic {
  /** Short key inside the script ("price"). */
  key: string;
  /** What this tells about the customer (Tanyi's customerConcern): 价格, 位置 … */
  concern: string;
  asks: ScriptLine[];
  answer: ScriptLine;
}

export interface IndustryScript {
  industry: Industry;
  /** Id prefix of its lines ("house"). */
  key: string;
  /** Task variables every call of this industry carries. */
  product: string;
  company: string;
  /** Opening lines (one is picked per call). */
  opens: ScriptLine[];
  /** Who is calling, for 你是谁？ */
  who: ScriptLine;
  /** The pitch, said in order as the customer lets the robot go on. */
  pitches: ScriptLine[];
  /** The first topic is the one a bare 多少钱？ asks about. */
  topics: Topic[];
  /** Objection handling: first the persuasion, then the graceful retreat. */
  objections: [ScriptLine, ScriptLine];
  invite: ScriptLine;
  /** After the customer agreed. */
  confirm: ScriptLine;
  bye: ScriptLine;
  /** The customer agreeing to the invitation. */
  accepts: ScriptLine[];
  /** Tag for a customer who agreed (邀约看房, 同意续保 …) and facts a call may reveal (有房, 已婚 …). */
  acceptTag: string;
  profileTags: string[];
}

export function robot(id: string, text: string): ScriptLine {
  return { id, speaker: "robot", text };
}

export function customer(id: string, text: string): ScriptLine {
  return { id, speaker: "customer", text };
}

/** Customer alternatives `<group>.1`, `<group>.2` … in order. */
export function customers(group: string, ...texts: string[]): ScriptLine[] {
  return texts.map((text, i) => customer(`${group}.${i + 1}`, text));
}
