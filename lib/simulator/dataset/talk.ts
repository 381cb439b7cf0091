import type { SimLine } from "@/lib/simulator/types";
import { clipMs, findClip, isMaleVoice, type ClipVoice } from "@/lib/simulator/voice/clips";
import type { Rng } from "./prng";
import type { ScriptLine } from "./scripts/script-types";

/**
 * Lays a conversation out in time. Each line lasts exactly as long as its voice clip, so the
 * recording rendered from these lines has speech exactly where they say; turns are separated by
 * natural gaps, and a customer may barge in on the robot (overlapping speech) — the robot then
 * stops talking a moment later, its line cut short.
 */

export const BARGE_IN_SHARE = 0.15;

export class Talk {
  readonly lines: SimLine[] = [];
  /** Customer turns the robot answered. */
  rounds = 0;
  private cursor = 0;
  private awaitingReply = false;
  private lastRobotLine: ScriptLine | null = null;

  constructor(
    private readonly rng: Rng,
    /** The customer's voice: alternatives spoken in it are preferred, then the same gender. */
    private readonly voice: ClipVoice,
  ) {}

  /** Where the latest speech ends. */
  get endMs(): number {
    return this.cursor;
  }

  get lastRobot(): ScriptLine | null {
    return this.lastRobotLine;
  }

  get lastSpeaker(): SimLine["speaker"] | null {
    return this.lines.at(-1)?.speaker ?? null;
  }

  /** The robot says `line`; `chained` when it goes straight on from its own previous line. */
  robot(line: ScriptLine, chained = false): void {
    const gap =
      this.lines.length === 0
        ? this.rng.int(300, 900)
        : chained
          ? this.rng.int(250, 500)
          : this.rng.int(400, 1200);
    if (this.awaitingReply) {
      this.rounds++;
      this.awaitingReply = false;
    }
    this.push(line, this.cursor + gap, false);
    this.lastRobotLine = line;
  }

  /** The customer says one of `alternatives`; may barge in on the robot unless told not to. */
  customer(alternatives: readonly ScriptLine[], options: { bargeIn?: boolean } = {}): ScriptLine {
    const line = this.pickVoiced(alternatives);
    const previous = this.lines.at(-1);
    const previousClip = previous ? clipLength(previous.clipId, previous.endMs - previous.startMs) : 0;
    const canBarge = previous?.speaker === "robot" && previousClip >= 1_500;
    const bargeIn = canBarge && (options.bargeIn ?? this.rng.chance(BARGE_IN_SHARE));
    if (bargeIn && previous) {
      // Start 0.5–2 s before the robot would have finished; it notices 0.3–0.7 s later and stops.
      const clipEnd = previous.startMs + previousClip;
      const start = clipEnd - this.rng.int(500, Math.min(2_000, previousClip - 600));
      previous.endMs = Math.min(clipEnd, start + this.rng.int(300, 700));
      this.cursor = previous.endMs;
      this.push(line, start, true);
    } else {
      this.push(line, this.cursor + this.rng.int(400, 1200), false);
    }
    this.awaitingReply = true;
    return line;
  }

  /** Talk time: the last line's end plus the moment before the line drops. */
  finish(): number {
    return this.cursor + this.rng.int(500, 1500);
  }

  private push(line: ScriptLine, startMs: number, interrupted: boolean): void {
    const endMs = startMs + clipLength(line.id, 1_000);
    this.lines.push({ speaker: line.speaker, text: line.text, startMs, endMs, interrupted, clipId: line.id });
    this.cursor = Math.max(this.cursor, endMs);
  }

  private pickVoiced(alternatives: readonly ScriptLine[]): ScriptLine {
    const voiceOf = (line: ScriptLine) => findClip(line.id)?.voice;
    const same = alternatives.filter((line) => voiceOf(line) === this.voice);
    if (same.length > 0) return this.rng.pick(same);
    const male = isMaleVoice(this.voice);
    const gender = alternatives.filter((line) => {
      const voice = voiceOf(line);
      return voice !== undefined && voice !== "robot" && isMaleVoice(voice) === male;
    });
    return this.rng.pick(gender.length > 0 ? gender : alternatives);
  }
}

/** A clip's length in ms; lines without a clip (hand-made test calls) keep a stated length. */
function clipLength(clipId: string, fallback: number): number {
  return findClip(clipId) ? clipMs(clipId) : fallback;
}
