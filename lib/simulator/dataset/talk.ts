import type { SimLine } from "@/lib/simulator/types";
import { clipMs, findClip, isMaleVoice, type ClipVoice } from "@/lib/simulator/voice/clips";
import type { Rng } from "./prng";
import type { ScriptLine } from "./scripts/script-types";

/**
 * Lays a conversation out in time, the way real robot calls sound — not where a text-length
 * estimate would put it. Each line lasts exactly as long as its voice clip, so the recording
 * rendered from these lines has speech exactly where they say. Between lines: silence before the
 * robot's first words, the platform's ASR and response latency before each reply, customers who
 * answer at once or hesitate for seconds, and customers who barge in on the robot (overlapping
 * speech) — the robot then stops talking a moment later, its line cut short.
 *
 * The content of the call (what is said, who barges in) draws from the conversation's generator;
 * every duration draws from its own `timing` generator, so retiming never changes what is said.
 */

export const BARGE_IN_SHARE = 0.15;

type Range = readonly [min: number, max: number];

/** How long things take, in ms (both ends included). */
export const TIMING = {
  /** Silence at the start of the recording, before the robot's first words. */
  opening: [500, 3_000] as Range,
  /** The customer stops → the platform's ASR has the text (end-of-speech detection plus recognition). */
  asr: [450, 1_150] as Range,
  /** ASR text → the robot's first audio (dialog engine, TTS); with `asr`, a 0.6–1.5 s reply latency. */
  reply: [150, 350] as Range,
  /** The robot going straight on from its own line (the next TTS segment). */
  chained: [250, 600] as Range,
  /** The customer answering: at once mostly, after a pause sometimes, after a long one now and then. */
  hesitation: [
    { share: 0.7, range: [300, 1_200] as Range },
    { share: 0.22, range: [1_200, 3_000] as Range },
    { share: 0.08, range: [3_000, 5_000] as Range },
  ],
  /** A barge-in starts this long before the robot's clip would have ended… */
  bargeLead: [500, 2_000] as Range,
  /** …and the robot stops this long after the customer started. */
  bargeStop: [300, 500] as Range,
  /** The recording ends this long after the last words. */
  tail: [500, 1_500] as Range,
} as const;

/** The robot's reply latency after the customer stops (asr + reply). */
export const REPLY_LATENCY: Range = [TIMING.asr[0] + TIMING.reply[0], TIMING.asr[1] + TIMING.reply[1]];

export class Talk {
  readonly lines: SimLine[] = [];
  /** Customer turns the robot answered. */
  rounds = 0;
  private cursor = 0;
  private awaitingReply = false;
  private lastRobotLine: ScriptLine | null = null;

  constructor(
    /** What is said: line choices, barge-ins. */
    private readonly rng: Rng,
    /** The customer's voice: alternatives spoken in it are preferred, then the same gender. */
    private readonly voice: ClipVoice,
    /** How long everything takes: gaps, latencies, where a barge-in starts. */
    private readonly timing: Rng,
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

  /**
   * The robot says `line`: after the opening silence, after answering the customer's last line
   * (ASR then response latency), or straight on from its own previous line (`chained`, or whenever
   * it spoke last).
   */
  robot(line: ScriptLine, chained = false): void {
    const previous = this.lines.at(-1);
    let start: number;
    if (!previous) start = this.draw(TIMING.opening);
    else if (chained || previous.speaker === "robot") start = this.cursor + this.draw(TIMING.chained);
    else start = (previous.heardAtMs ?? previous.endMs) + this.draw(TIMING.reply);
    if (this.awaitingReply) {
      this.rounds++;
      this.awaitingReply = false;
    }
    this.push(line, start, false);
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
      // The customer starts while the robot is still speaking; it notices and stops ~0.4 s later.
      const clipEnd = previous.startMs + previousClip;
      const lead = this.timing.int(TIMING.bargeLead[0], Math.min(TIMING.bargeLead[1], previousClip - 600));
      const start = clipEnd - lead;
      previous.endMs = Math.min(clipEnd, start + this.draw(TIMING.bargeStop));
      this.cursor = previous.endMs;
      this.push(line, start, true);
    } else {
      this.push(line, this.cursor + this.hesitation(), false);
    }
    const said = this.lines.at(-1)!;
    said.heardAtMs = said.endMs + this.draw(TIMING.asr);
    this.awaitingReply = true;
    return line;
  }

  /** Talk time: the last line's end plus the moment before the line drops. */
  finish(): number {
    return this.cursor + this.draw(TIMING.tail);
  }

  private draw([min, max]: Range): number {
    return this.timing.int(min, max);
  }

  private hesitation(): number {
    let roll = this.timing.next();
    for (const { share, range } of TIMING.hesitation) {
      if (roll < share) return this.draw(range);
      roll -= share;
    }
    return this.draw(TIMING.hesitation.at(-1)!.range);
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
