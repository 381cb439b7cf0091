import type { ChannelFeatures } from "./speech";

/**
 * The two voices of a mono call, told apart per 10 ms frame: a linear discriminant over the frame's
 * level, spectral tilt and zero-crossing rate, learned from the call's own clean turns (lines the first
 * alignment pass placed whole). Used where a barge-in puts both voices in one stretch of speech.
 */

export interface Atom {
  s: number;
  e: number;
}

/** A per-call model of the two voices: z-scored features and the direction that tells them apart. */
export interface VoiceModel {
  mean: number[];
  scale: number[];
  /** Weights: positive scores mean "customer". */
  w: number[];
  bias: number;
}

export function learnVoices(
  ch: ChannelFeatures,
  robot: Atom[],
  customer: Atom[],
  frameMs: number,
): VoiceModel | null {
  const dims = 3;
  const columns = [ch.level, ch.tilt, ch.zcr];
  // Per class: count, sums and sums of squares of each feature, in one pass over its frames.
  const stats = (atoms: Atom[]) => {
    const sum = new Float64Array(dims);
    const sq = new Float64Array(dims);
    let count = 0;
    for (const a of atoms) {
      const end = Math.min(Math.ceil(a.e / frameMs), ch.level.length);
      for (let f = Math.floor(a.s / frameMs); f < end; f++) {
        count++;
        for (let d = 0; d < dims; d++) {
          const v = columns[d]![f]!;
          sum[d] = sum[d]! + v;
          sq[d] = sq[d]! + v * v;
        }
      }
    }
    return { sum, sq, count };
  };
  const r = stats(robot);
  const c = stats(customer);
  if (r.count < 30 || c.count < 30) return null;
  const total = r.count + c.count;
  const mean: number[] = [];
  const scale: number[] = [];
  const w: number[] = [];
  let bias = 0;
  for (let d = 0; d < dims; d++) {
    const m = (r.sum[d]! + c.sum[d]!) / total;
    const variance = (r.sq[d]! + c.sq[d]!) / total - m * m;
    const sd = Math.sqrt(Math.max(variance, 0)) || 1;
    const mr = (r.sum[d]! / r.count - m) / sd;
    const mc = (c.sum[d]! / c.count - m) / sd;
    mean.push(m);
    scale.push(sd);
    w.push(mc - mr);
    bias -= ((mc - mr) * (mr + mc)) / 2;
  }
  return { mean, scale, w, bias };
}

export function voiceScore(model: VoiceModel, ch: ChannelFeatures, f: number): number {
  const { w, mean, scale } = model;
  return (
    model.bias +
    (w[0]! * (ch.level[f]! - mean[0]!)) / scale[0]! +
    (w[1]! * (ch.tilt[f]! - mean[1]!)) / scale[1]! +
    (w[2]! * (ch.zcr[f]! - mean[2]!)) / scale[2]!
  );
}
