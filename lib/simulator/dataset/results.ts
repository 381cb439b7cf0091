import type { CallResult } from "@/lib/model";
import type { SimSource } from "@/lib/simulator/types";
import { feistel } from "./feistel";
import { hash32 } from "./prng";
import { SOURCE_ORDINAL } from "./tasks";

/**
 * How calls turn out. Each block of 100 consecutive calls of a source is a shuffled deck with fixed
 * counts per outcome, so the mix is right in any window (every result kind, unknown included, shows
 * up even in a 400-call demo) while each call is still decided on its own: its rank in the deck is a
 * keyed permutation of its position in the block.
 */

export const BLOCK = 100;

/** Per 100 calls; answered takes what the others leave (46–54 per source, see answeredPerBlock). */
const NOT_ANSWERED: ReadonlyArray<[CallResult, number]> = [
  ["busy", 6],
  ["refused", 5],
  ["power_off", 6],
  ["suspended", 3],
  ["vacant", 4],
  ["unreachable", 4],
  ["blocked", 2],
  ["failed", 3],
  ["unknown", 1],
];
const RARE_TOTAL = NOT_ANSWERED.reduce((sum, [, n]) => sum + n, 0);

/** Who picked up, by temperament; decides how the conversation goes (and so the intent). */
export type Persona = "eager" | "interested" | "neutral" | "busy" | "refuser" | "hostile";

/** Cumulative shares of answered calls. */
const PERSONAS: ReadonlyArray<[Persona, number]> = [
  ["eager", 0.11],
  ["interested", 0.28],
  ["neutral", 0.49],
  ["busy", 0.62],
  ["refuser", 0.88],
  ["hostile", 1],
];

export function answeredPerBlock(seed: number, source: SimSource): number {
  return 46 + (hash32(seed, SOURCE_ORDINAL[source], 0xa5) % 9);
}

/** The call's rank (0–99) in its block's deck. */
export function blockRank(seed: number, source: SimSource, index: number): number {
  const block = Math.floor(index / BLOCK);
  return feistel(10, hash32(seed, SOURCE_ORDINAL[source], block, 0x5eed)).forward(index % BLOCK);
}

export function resultOfRank(rank: number, answered: number): CallResult {
  if (rank < answered) return "answered";
  let at = answered;
  const noAnswer = BLOCK - answered - RARE_TOTAL;
  if (rank < at + noAnswer) return "no_answer";
  at += noAnswer;
  for (const [result, count] of NOT_ANSWERED) {
    if (rank < at + count) return result;
    at += count;
  }
  return "no_answer";
}

/** Personas are dealt across the answered ranks of the block the same way. */
export function personaOfRank(rank: number, answered: number): Persona {
  const q = (rank + 0.5) / answered;
  for (const [persona, upTo] of PERSONAS) if (q < upTo) return persona;
  return "hostile";
}
