import { splitStageDirections } from "@/lib/transcript/stage-directions";
import {
  flagsToSegments,
  speechPerChannel,
  type ChannelFeatures,
  type SpeechFeatures,
  type SpeechSegment,
} from "./speech";
import { learnVoices, voiceScore, type Atom } from "./align-voices";
import { solve, speechIn, type Context, type LineInfo, type Placement } from "./align-solve";

/**
 * Audio-aligned utterance timing: each speaker's lines, in order, are mapped onto the speech the
 * recording actually holds, by a monotone dynamic programme.
 *
 * The atoms are the detected speech segments. A line takes one or more consecutive atoms (merging the
 * pieces a line's commas and stage directions break it into), two lines may share atoms (a barge-in
 * where the customer talks over the robot, or a turn change too quick for the detector), and an atom may
 * be left to nobody (a cough, a click). The cost of a line is how far its speech time is from what its
 * text needs at that speaker's rate (learned from the call itself in a second pass), plus the silences
 * inside it that no stage direction explains, plus distance from a vendor's coarse time when there is one.
 *
 * Who speaks where: stereo recordings give each party a channel (the robot's is the one whose speech
 * starts first when the robot speaks first); a customer-only track (Tanyi) gives the customer's speech
 * and leaves the rest of the full track to the robot; in mono every line competes for the same atoms in
 * transcript order. Where a barge-in puts two voices in one stretch of speech, the split is found from
 * the two voices' level and spectrum, learned from the call's clean turns.
 */

export type AlignSpeaker = "robot" | "customer";

export interface AlignLine {
  speaker: AlignSpeaker;
  text: string;
  /** This (customer) line barged in on the line before it. */
  interrupted?: boolean;
  /** A vendor's coarse start time (Dyvms whole seconds, agent-api created_at): a soft anchor. */
  anchorMs?: number | null;
}

export interface AlignedLine {
  startMs: number;
  endMs: number;
  /** 0–1: how well the line's text fits the speech it was given. */
  confidence: number;
  /** The line's detected speech (pauses inside it left out), for lighting up characters as they are said. */
  speech: [number, number][];
}

export interface Alignment {
  layout: "stereo" | "split-track" | "mono";
  /** In stereo: the channel the robot speaks on. */
  robotChannel: number | null;
  lines: AlignedLine[];
  /** Detected speech per party (mono: everything not attributed to a line stays out). */
  lanes: { robot: [number, number][]; customer: [number, number][] };
}

/** Below this, a line keeps its estimated time. */
export const MIN_CONFIDENCE = 0.35;

/** Typical rates: Mandarin TTS and callers say ~4–5.5 syllables a second. */
const DEFAULT_RATE = 4.6;

function countSyllables(text: string): number {
  let n = 0;
  for (const part of splitStageDirections(text)) {
    if (part.kind !== "speech") continue;
    n += part.text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
    n += (part.text.match(/[A-Za-z0-9]/g)?.length ?? 0) / 3;
  }
  return Math.max(1, n);
}

function pauseOf(text: string): number {
  let ms = 0;
  for (const part of splitStageDirections(text)) if (part.kind === "direction") ms += part.pauseMs ?? 0;
  return ms;
}

function toAligned(ctx: Context, place: Placement): AlignedLine {
  const { atoms } = ctx;
  const from = place.from ?? atoms[place.j]!.s;
  const to = place.to ?? atoms[place.k - 1]!.e;
  const speech: [number, number][] = [];
  for (let x = place.j; x < place.k; x++) {
    const s = Math.max(atoms[x]!.s, from);
    const e = Math.min(atoms[x]!.e, to);
    if (e > s) speech.push([Math.round(s), Math.round(e)]);
  }
  const confidence = Math.exp(-place.cost / 3) * (place.shared ? 0.9 : 1);
  return {
    startMs: Math.round(speech[0]?.[0] ?? from),
    endMs: Math.round(speech.at(-1)?.[1] ?? to),
    confidence: Math.round(Math.max(0, Math.min(1, confidence)) * 100) / 100,
    speech,
  };
}

/** Per-speaker rates from a first alignment: speech per syllable over lines placed whole. */
function learnRates(ctx: Context, placed: (Placement | null)[]): Record<AlignSpeaker, number> {
  const sums: Record<AlignSpeaker, { ms: number; syl: number }> = {
    robot: { ms: 0, syl: 0 },
    customer: { ms: 0, syl: 0 },
  };
  placed.forEach((p, i) => {
    const line = ctx.lines[i]!;
    if (!p || p.shared || line.cut) return;
    sums[line.speaker].ms += speechIn(ctx.atoms, p.j, p.k, ctx.atoms[p.j]!.s, ctx.atoms[p.k - 1]!.e);
    sums[line.speaker].syl += line.syllables;
  });
  const rate = (s: AlignSpeaker) => {
    const { ms, syl } = sums[s];
    if (syl < 8 || ms <= 0) return ctx.rate[s];
    return Math.min(9, Math.max(2.5, syl / (ms / 1000)));
  };
  return { robot: rate("robot"), customer: rate("customer") };
}

function globalRate(lines: LineInfo[], atoms: Atom[]): number {
  const syl = lines.reduce((s, l) => s + l.syllables, 0);
  const ms = atoms.reduce((s, a) => s + (a.e - a.s), 0);
  if (ms <= 0) return DEFAULT_RATE;
  return Math.min(9, Math.max(2.5, syl / (ms / 1000)));
}

/** Aligns one set of lines (all of one party, or all in mono) onto one set of atoms, in two passes. */
function alignGroup(
  lines: LineInfo[],
  atoms: Atom[],
  channel: ChannelFeatures | null,
  frameMs: number,
  mono: boolean,
): (AlignedLine | null)[] {
  if (lines.length === 0) return [];
  if (atoms.length === 0) return lines.map(() => null);
  const r = globalRate(lines, atoms);
  const ctx: Context = {
    atoms,
    lines,
    rate: { robot: r, customer: r },
    channel,
    voices: null,
    scoreSums: null,
    frameMs,
  };
  let placed = solve(ctx);
  ctx.rate = learnRates(ctx, placed);
  if (mono && channel) {
    const robot: Atom[] = [];
    const customer: Atom[] = [];
    placed.forEach((p, i) => {
      if (!p || p.shared) return;
      const target = lines[i]!.speaker === "robot" ? robot : customer;
      for (let x = p.j; x < p.k; x++) target.push(atoms[x]!);
    });
    ctx.voices = learnVoices(channel, robot, customer, frameMs);
    if (ctx.voices) {
      const sums = new Float64Array(channel.level.length + 1);
      for (let f = 0; f < channel.level.length; f++)
        sums[f + 1] = sums[f]! + voiceScore(ctx.voices, channel, f);
      ctx.scoreSums = sums;
    }
  }
  placed = solve(ctx, placed);
  return placed.map((p) => (p ? toAligned(ctx, p) : null));
}

function toAtoms(segments: SpeechSegment[]): Atom[] {
  return segments.map((s) => ({ s: s.startMs, e: s.endMs }));
}

/**
 * Aligns a transcript with a recording's speech features. `customerTrack`: the customer's side alone
 * (Tanyi's customerAudioUrl), when there is one. Lines with no speech found get null.
 */
export function alignTranscript(
  input: AlignLine[],
  features: SpeechFeatures,
  customerTrack: SpeechFeatures | null = null,
  /** Speech flags per channel from another detector (for comparing detectors); default: the energy detector. */
  speechFlags?: Uint8Array[],
): { alignment: Alignment; lines: (AlignedLine | null)[] } {
  const frameMs = features.frameMs;
  const lines: LineInfo[] = input.map((line, i) => ({
    speaker: line.speaker,
    syllables: countSyllables(line.text),
    pauseMs: pauseOf(line.text),
    cut: Boolean(input[i + 1]?.interrupted) && line.speaker !== input[i + 1]?.speaker,
    interrupted: Boolean(line.interrupted),
    anchorMs: line.anchorMs ?? null,
    index: i,
  }));
  const flags = speechFlags ?? speechPerChannel(features);
  const bySpeaker = (speaker: AlignSpeaker) =>
    lines.map((l, i) => ({ l, i })).filter((x) => x.l.speaker === speaker);
  const result: (AlignedLine | null)[] = new Array(input.length).fill(null);
  const channelSegs = flags.map((f) => flagsToSegments(f, frameMs));

  let layout: Alignment["layout"] = "mono";
  let robotChannel: number | null = null;
  const place = (speaker: AlignSpeaker, atoms: Atom[], channel: ChannelFeatures | null) => {
    const party = bySpeaker(speaker);
    const aligned = alignGroup(
      party.map((x) => x.l),
      atoms,
      channel,
      frameMs,
      false,
    );
    party.forEach((x, k) => (result[x.i] = aligned[k] ?? null));
  };

  const speaking = channelSegs.filter((segs) => segs.length > 0).length;
  if (features.channels.length >= 2 && speaking >= 2) {
    layout = "stereo";
    // The party who speaks first is on the channel whose speech starts first.
    const firstStart = channelSegs.map((segs) => segs[0]?.startMs ?? Infinity);
    const first = firstStart.indexOf(Math.min(...firstStart));
    const firstSpeaker = input[0]?.speaker ?? "robot";
    robotChannel = firstSpeaker === "robot" ? first : first === 0 ? 1 : 0;
    const customerChannel = robotChannel === 0 ? 1 : 0;
    place("robot", toAtoms(channelSegs[robotChannel]!), features.channels[robotChannel]!);
    place("customer", toAtoms(channelSegs[customerChannel]!), features.channels[customerChannel]!);
  } else if (customerTrack) {
    layout = "split-track";
    const customerFlags = speechPerChannel(customerTrack)[0]!;
    const full = flags[0]!;
    // The robot: speech on the full track where the customer's track is silent (±100 ms).
    const robotFlags = Uint8Array.from(full);
    const pad = Math.round(100 / frameMs);
    for (let f = 0; f < customerFlags.length; f++)
      if (customerFlags[f])
        robotFlags.fill(0, Math.max(0, f - pad), Math.min(robotFlags.length, f + pad + 1));
    place("robot", toAtoms(flagsToSegments(robotFlags, frameMs)), features.channels[0]!);
    place("customer", toAtoms(flagsToSegments(customerFlags, frameMs)), customerTrack.channels[0]!);
  } else {
    const aligned = alignGroup(
      lines,
      toAtoms(channelSegs[0] ?? []),
      features.channels[0] ?? null,
      frameMs,
      true,
    );
    aligned.forEach((a, i) => (result[i] = a));
  }

  const lanes: Alignment["lanes"] = { robot: [], customer: [] };
  result.forEach((a, i) => {
    if (a && a.confidence >= MIN_CONFIDENCE) lanes[input[i]!.speaker].push(...a.speech);
  });
  for (const key of ["robot", "customer"] as const) lanes[key].sort((x, y) => x[0] - y[0]);
  return { alignment: { layout, robotChannel, lines: result.map((a) => a!), lanes }, lines: result };
}
