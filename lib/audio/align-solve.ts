import type { AlignSpeaker } from "./align";
import type { ChannelFeatures } from "./speech";
import type { Atom, VoiceModel } from "./align-voices";

/**
 * The aligner's dynamic programme (see align.ts for the whole): lines in order onto atoms of detected
 * speech, each line taking consecutive atoms, two neighbouring lines sharing atoms where a barge-in or a
 * quick turn puts them in one stretch of speech, atoms left to nobody at a cost.
 */

/** A robot platform stops its prompt this long after the customer starts talking over it. */
const BARGE_IN_REACTION_MS = 450;
/** Cost per second of frames scored as the other voice, for the lines around a barge-in. */
const VOICE_WEIGHT = 1;
/** The voice contrast at which a barge-in's start is half the voice change's, half the text length's. */
const VOICE_CONTRAST_HALF = 1;

export interface LineInfo {
  speaker: AlignSpeaker;
  syllables: number;
  pauseMs: number;
  /** The robot line that the next line barges in on (its speech is cut short). */
  cut: boolean;
  interrupted: boolean;
  anchorMs: number | null;
  /** Position in the transcript: two lines may share one stretch of speech only if they are neighbours. */
  index: number;
}

export interface Context {
  atoms: Atom[];
  lines: LineInfo[];
  rate: Record<AlignSpeaker, number>;
  /** For splitting shared atoms (mono barge-ins): the channel and a voice model when learned. */
  channel: ChannelFeatures | null;
  voices: VoiceModel | null;
  /** Running sums of the per-frame voice score (positive: customer), when a voice model is learned. */
  scoreSums: Float64Array | null;
  frameMs: number;
}

export interface Placement {
  /** Atom index range [j, k). */
  j: number;
  k: number;
  /** Cut points inside the range when shared: the line starts at `from`, ends at `to` (ms). */
  from: number | null;
  to: number | null;
  cost: number;
  shared: boolean;
}

/** Speech ms inside atoms [j,k) clipped to [from,to]. */
export function speechIn(atoms: Atom[], j: number, k: number, from: number, to: number): number {
  let ms = 0;
  for (let x = j; x < k; x++) ms += Math.max(0, Math.min(atoms[x]!.e, to) - Math.max(atoms[x]!.s, from));
  return ms;
}

function lineCost(ctx: Context, i: number, j: number, k: number, from: number, to: number): number {
  const atoms = ctx.atoms;
  const speech = speechIn(atoms, j, k, from, to);
  // Silences inside the line.
  let longest = 0;
  let gapCost = 0;
  for (let x = j; x + 1 < k; x++) {
    const gs = Math.max(atoms[x]!.e, from);
    const ge = Math.min(atoms[x + 1]!.s, to);
    if (ge <= gs) continue;
    const g = ge - gs;
    gapCost += gapPenalty(g);
    if (g > longest) longest = g;
  }
  return costOf(ctx, i, speech, gapCost, longest, from, to);
}

/** A silence inside a line: a comma's breath is free, a longer one suggests two lines, not one. */
function gapPenalty(g: number): number {
  return g > 400 ? ((g - 400) / 1000) * 2 : 0;
}

/**
 * The cost of line i given its speech, the summed penalty of the silences inside it and the longest
 * of them (the DP accumulates these as it extends a group atom by atom, so each candidate is O(1)).
 */
function costOf(
  ctx: Context,
  i: number,
  speech: number,
  gapCost: number,
  longest: number,
  from: number,
  to: number,
): number {
  const line = ctx.lines[i]!;
  if (speech <= 0) return 50;
  const expected = (line.syllables / ctx.rate[line.speaker]) * 1000;
  let r = Math.log(speech / expected);
  if (line.cut && r < 0) r = Math.min(0, r - Math.log(0.3)); // cut short by a barge-in: any length down to 30 %
  let cost = 0.5 * (r / 0.25) ** 2;
  // A stage direction's pause is expected once (matched against the longest silence).
  let pause = line.pauseMs;
  if (pause > 0 && longest > 0) {
    gapCost += Math.max(0, Math.abs(longest - pause) - 700) / 500 - gapPenalty(longest);
    pause = 0;
  }
  cost += gapCost;
  // A stage direction with no silence found for it; a line cut short may have been cut before it.
  if (pause > 0 && !line.cut) cost += 1;
  if (line.anchorMs !== null) cost += (0.5 * Math.max(0, Math.abs(from - line.anchorMs) - 1500)) / 1000;
  // Around a barge-in, text length says little (the robot line is cut anywhere): the voice decides.
  // Each frame of the line's own voice lowers its cost, each frame of the other voice raises it, so a
  // split at the voice change beats ending the robot line at an earlier comma.
  const sums = ctx.scoreSums;
  if (sums && (line.cut || line.interrupted)) {
    const fs = Math.max(0, Math.min(sums.length - 1, Math.floor(from / ctx.frameMs)));
    const fe = Math.max(0, Math.min(sums.length - 1, Math.ceil(to / ctx.frameMs)));
    const sign = line.speaker === "customer" ? 1 : -1;
    cost -= (VOICE_WEIGHT * sign * (sums[fe]! - sums[fs]!)) / 100;
  }
  return cost;
}

/**
 * Where line i ends (`end`) and line i+1 starts (`t`) inside atoms [j,k), and what that costs.
 *
 * Without a voice model the split shares the speech by expected length: in a barge-in the later line
 * takes its expected speech from the end (its end is clean: the robot has stopped), which the call's
 * own customer rate makes good to ~200 ms on the tuning recordings.
 *
 * With a voice model the robot line ends where the voice changes: the point that best separates the
 * first speaker's frames from the second's, searched wherever the second line's length is plausible.
 * In a barge-in that change is the robot's last sound when the robot is the louder voice, and nearer
 * the customer's first when the customer is (the overlap reads as the louder voice): off by up to the
 * overlap either way. So the customer's start from the voice (change − reaction time) is weighed
 * against the start from length by how clearly the voice changes there (the contrast of the mean
 * scores either side), not averaged blindly.
 */
function splitShared(
  ctx: Context,
  i: number,
  j: number,
  k: number,
): { t: number; end: number; cost: number } | null {
  const a = ctx.lines[i]!;
  const b = ctx.lines[i + 1]!;
  const atoms = ctx.atoms;
  const start = atoms[j]!.s;
  const last = atoms[k - 1]!.e;
  const total = speechIn(atoms, j, k, start, last);
  const expA = (a.syllables / ctx.rate[a.speaker]) * 1000;
  const expB = (b.syllables / ctx.rate[b.speaker]) * 1000;
  // Prior: the later line's speech from the end (a barge-in cuts the earlier line short), else shares.
  const speechForB = b.interrupted ? Math.min(expB, total * 0.9) : (total * expB) / (expA + expB);
  let t = timeAtSpeech(atoms, j, k, total - speechForB);
  let end = t;
  const sums = ctx.scoreSums;
  if (sums && a.speaker !== b.speaker) {
    const step = ctx.frameMs;
    const fs = Math.floor(start / step);
    const fe = Math.min(sums.length - 1, Math.ceil(last / step));
    const sign = b.speaker === "customer" ? 1 : -1;
    const reaction = b.interrupted ? BARGE_IN_REACTION_MS : 0;
    // A barge-in: the second line keeps between 40 % and 2.2× its expected speech (plus the overlap).
    // A quick turn change (both turns in one stretch of speech): within 1.2 s of the shares' split,
    // which keeps the many candidate groups of a long call cheap.
    const lo = Math.max(
      fs + 20,
      Math.floor((b.interrupted ? last - 2.2 * expB - reaction : t - 1200) / step),
    );
    const hi = Math.min(fe - 20, Math.ceil((b.interrupted ? last - 0.4 * expB : t + 1200) / step));
    // Σ score after − Σ score before = S[fe] + S[fs] − 2 S[f]: the best split is an extreme of S.
    let best = Infinity;
    let bestF = -1;
    for (let f = lo; f <= hi; f++) {
      const v = sign * sums[f]!;
      if (v < best) {
        best = v;
        bestF = f;
      }
    }
    if (bestF > 0) {
      end = bestF * step;
      // How clearly the voice changes there: the mean score after the change minus the mean before.
      const contrast =
        sign * ((sums[fe]! - sums[bestF]!) / (fe - bestF) - (sums[bestF]! - sums[fs]!) / (bestF - fs));
      const byVoice = end - reaction;
      const w = b.interrupted ? Math.max(0, contrast) / (Math.max(0, contrast) + VOICE_CONTRAST_HALF) : 1;
      t = w * byVoice + (1 - w) * t;
    }
  }
  end = Math.max(start + 200, Math.min(last - 200, end));
  t = Math.max(start + 200, Math.min(last - 200, t));
  if (t <= start || end >= last) return null;
  const cost =
    lineCost(ctx, i, j, k, start, end) + lineCost(ctx, i + 1, j, k, t, last) + (b.interrupted ? 0.3 : 2);
  return { t, end, cost };
}

/** The time at which `ms` of speech inside atoms [j,k) has passed. */
function timeAtSpeech(atoms: Atom[], j: number, k: number, ms: number): number {
  let left = ms;
  for (let x = j; x < k; x++) {
    const d = atoms[x]!.e - atoms[x]!.s;
    if (left <= d) return atoms[x]!.s + left;
    left -= d;
  }
  return atoms[k - 1]!.e;
}

const MAX_GROUP = 10;
const GUIDE_ATOMS = 12;
const EMPTY_LINE = 4;

function skipCost(a: Atom): number {
  return 0.2 + ((a.e - a.s) / 1000) * 1.5;
}

/**
 * The programme: lines [0,n) onto atoms [0,m). Returns each line's placement (null: no speech found).
 * `guide`: the first pass's placements; the second pass then searches only ±GUIDE_ATOMS atoms around
 * where each line was put (the rates and voices it learned move lines by a few atoms, not dozens), which
 * makes it several times cheaper on a long call.
 */
export function solve(ctx: Context, guide: (Placement | null)[] | null = null): (Placement | null)[] {
  const { atoms, lines } = ctx;
  const n = lines.length;
  const m = atoms.length;
  // Band: line i's share of the expected speech against atom j's share of the detected speech.
  const expCum = new Float64Array(n + 1);
  lines.forEach((l, i) => (expCum[i + 1] = expCum[i]! + l.syllables / ctx.rate[l.speaker]));
  const atomCum = new Float64Array(m + 1);
  atoms.forEach((a, j) => (atomCum[j + 1] = atomCum[j]! + (a.e - a.s)));
  // Wide for a short call; for a long one ±30 atoms or 1.5 % (speech shares drift little over a call).
  const band = Math.max(0.015, 30 / Math.max(1, m));
  // Where each line started in the guide (a line with no speech: where the previous one ended).
  let guideAt: Int32Array | null = null;
  if (guide && m > 4 * GUIDE_ATOMS) {
    guideAt = new Int32Array(n + 1);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const g = guide[i];
      if (g) at = g.j;
      guideAt[i] = at;
      if (g) at = g.k;
    }
    guideAt[n] = at;
  }
  const totalExp = expCum[n]! || 1;
  const totalAtoms = atomCum[m]! || 1;
  const firstAtom = (share: number) => {
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (atomCum[mid]! / totalAtoms < share) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  // The states are banded: row i holds atoms [lo[i], hi[i]] only (a 60-minute call would otherwise
  // allocate (lines × atoms) ≈ 5 M states per pass, and zeroing that was a large part of the cost).
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1);
  const off = new Int32Array(n + 2);
  for (let i = 0; i <= n; i++) {
    const share = expCum[i]! / totalExp;
    let jFrom = i === 0 ? 0 : Math.max(0, firstAtom(share - band) - 1);
    let jTo = i === n ? m : Math.min(m, firstAtom(share + band) + 1);
    if (guideAt) {
      jFrom = i === 0 ? 0 : Math.max(0, guideAt[i]! - GUIDE_ATOMS);
      jTo = i === n ? m : Math.min(m, guideAt[i]! + GUIDE_ATOMS);
    }
    lo[i] = jFrom;
    hi[i] = Math.max(jFrom, jTo);
    off[i + 1] = off[i]! + hi[i]! - jFrom + 1;
  }
  const size = off[n + 1]!;
  const cost = new Float64Array(size).fill(Infinity);
  // Back pointers in typed arrays: objects per state made the garbage collector the slowest part.
  const backI = new Int32Array(size).fill(-1);
  const backJ = new Int32Array(size);
  const backKind = new Uint8Array(size); // 1 skip, 2 empty line, 3 line, 4 two lines sharing
  const backK = new Int32Array(size);
  const backT = new Float64Array(size);
  const backEnd = new Float64Array(size);
  cost[0] = 0;
  const index = (i: number, j: number) => (j < lo[i]! || j > hi[i]! ? -1 : off[i]! + j - lo[i]!);

  const relax = (
    from: number,
    i: number,
    j: number,
    ti: number,
    tj: number,
    c: number,
    kind: number,
    k: number,
    t: number,
    end = t,
  ) => {
    const to = index(ti, tj);
    if (to < 0) return;
    const total = cost[from]! + c;
    if (total < cost[to]!) {
      cost[to] = total;
      backI[to] = i;
      backJ[to] = j;
      backKind[to] = kind;
      backK[to] = k;
      backT[to] = t;
      backEnd[to] = end;
    }
  };

  for (let i = 0; i <= n; i++) {
    const line = lines[i];
    const next = lines[i + 1];
    const expected = line ? (line.syllables / ctx.rate[line.speaker]) * 1000 + line.pauseMs : 0;
    const expectedPair = next
      ? expected + (next.syllables / ctx.rate[next.speaker]) * 1000 + next.pauseMs
      : 0;
    for (let j = lo[i]!; j <= hi[i]!; j++) {
      const from = off[i]! + j - lo[i]!;
      if (cost[from] === Infinity) continue;
      if (j < m) relax(from, i, j, i, j + 1, skipCost(atoms[j]!), 1, 0, 0);
      if (i === n) continue;
      relax(from, i, j, i + 1, j, EMPTY_LINE, 2, 0, 0);
      let speech = 0;
      let gapCost = 0;
      let longest = 0;
      for (let k = j + 1; k <= Math.min(m, j + MAX_GROUP); k++) {
        speech += atoms[k - 1]!.e - atoms[k - 1]!.s;
        if (k - 1 > j) {
          const g = atoms[k - 1]!.s - atoms[k - 2]!.e;
          gapCost += gapPenalty(g);
          if (g > longest) longest = g;
        }
        // Past three times what even two lines need, longer groups only get worse.
        if (speech > 3 * Math.max(expected, expectedPair) + 1000) break;
        if (index(i + 1, k) >= 0)
          relax(
            from,
            i,
            j,
            i + 1,
            k,
            costOf(ctx, i, speech, gapCost, longest, atoms[j]!.s, atoms[k - 1]!.e),
            3,
            k,
            0,
          );
        // Two lines in one stretch of speech: neighbours in the transcript only (a party's two lines
        // with the other party's between them were apart in time: it waited while the other spoke).
        if (
          i + 1 < n &&
          next!.index === line!.index + 1 &&
          (k - j <= 4 || next!.interrupted) &&
          speech > 0.4 * expectedPair &&
          speech < 2 * expectedPair + 1000 &&
          index(i + 2, k) >= 0
        ) {
          const split = splitShared(ctx, i, j, k);
          if (split) relax(from, i, j, i + 2, k, split.cost, 4, k, split.t, split.end);
        }
      }
    }
  }
  const out: (Placement | null)[] = new Array(n).fill(null);
  let at = index(n, m);
  while (at > 0 && backI[at]! >= 0) {
    const i = backI[at]!;
    const j = backJ[at]!;
    const prev = index(i, j);
    const k = backK[at]!;
    if (backKind[at] === 3) {
      const c = lineCost(ctx, i, j, k, atoms[j]!.s, atoms[k - 1]!.e);
      out[i] = { j, k, from: null, to: null, cost: c, shared: false };
    } else if (backKind[at] === 4) {
      const t = backT[at]!;
      const end = backEnd[at]!;
      const first = atoms[j]!.s;
      const last = atoms[k - 1]!.e;
      out[i] = { j, k, from: first, to: end, cost: lineCost(ctx, i, j, k, first, end), shared: true };
      out[i + 1] = { j, k, from: t, to: last, cost: lineCost(ctx, i + 1, j, k, t, last), shared: true };
    }
    at = prev;
  }
  return out;
}
