import { hash32 } from "./prng";

/**
 * A keyed bijection on [0, half²): a balanced Feistel network over the two base-`half` digits.
 * It turns a call's index into an id that looks random yet decodes straight back to the index,
 * so a lookup by id is O(1) at any dataset size, with no index to build or hold.
 */
export interface Permutation {
  readonly size: number;
  forward(x: number): number;
  inverse(y: number): number;
}

export function feistel(half: number, key: number, rounds = 4): Permutation {
  const size = half * half;
  const round = (value: number, i: number) => hash32(key, i, value) % half;
  return {
    size,
    forward(x) {
      let left = Math.floor(x / half);
      let right = x % half;
      for (let i = 0; i < rounds; i++) {
        const next = (left + round(right, i)) % half;
        left = right;
        right = next;
      }
      return left * half + right;
    },
    inverse(y) {
      let left = Math.floor(y / half);
      let right = y % half;
      for (let i = rounds - 1; i >= 0; i--) {
        const previous = (right - round(left, i) + half) % half;
        right = left;
        left = previous;
      }
      return left * half + right;
    },
  };
}
