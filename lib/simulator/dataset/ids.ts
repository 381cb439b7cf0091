import type { SimSource } from "@/lib/simulator/types";
import { feistel, type Permutation } from "./feistel";
import { hash32, hashString } from "./prng";
import { SOURCE_ORDINAL } from "./tasks";

/**
 * Vendor-shaped ids that decode back to the call's index: lookups by id are a decode plus one call
 * generation, O(1) at any dataset size, with no index to build. `decode` only proposes an index;
 * the dataset confirms it by encoding that index again, so a malformed or foreign id finds nothing.
 *
 * Some ids are deliberately beyond 2^53 (AICCS ≈ 1 in 10, Tanyi ≈ 1 in 8), as those vendors' Java
 * longs are: JSON.parse would round them, so they must travel as exact strings end to end.
 */

export interface IdCodec {
  encode(index: number): string;
  /** The index this id would belong to, or null when it cannot be one of ours. */
  decode(id: string): number | null;
}

const TWO_POW_53 = 2n ** 53n;

export function vendorIdCodec(source: SimSource, seed: number): IdCodec {
  const key = (salt: number) => hash32(seed, SOURCE_ORDINAL[source], salt);
  switch (source) {
    case "dyvms":
      return dyvmsCodec(feistel(100_000, key(1)), feistel(100_000, key(2)));
    case "aiccs":
      return aiccsCodec(feistel(1_000_000, key(3)), key(4));
    case "tanyi":
      return tanyiCodec(feistel(10_000, key(5)), key(6));
    case "agent":
      return agentCodec(feistel(65_536, key(7)), key(8));
  }
}

/** Dyvms callId: "<12 digits>^<12 digits>", like 115987800002^102789420002. */
function dyvmsCodec(first: Permutation, second: Permutation): IdCodec {
  return {
    encode: (index) => `11${pad(first.forward(index), 10)}^10${pad(second.forward(index), 10)}`,
    decode(id) {
      const m = /^11(\d{10})\^10\d{10}$/.exec(id);
      return m ? first.inverse(Number(m[1])) : null;
    },
  };
}

/** AICCS DetailId: 14 digits, or 19 digits (beyond 2^53, under 2^63) for about one call in ten. */
function aiccsCodec(perm: Permutation, key: number): IdCodec {
  const isBig = (index: number) => hash32(key, index) % 10 === 0;
  return {
    encode(index) {
      const body = pad(perm.forward(index), 12);
      return isBig(index) ? `91${body}${pad(hash32(key, index, 1) % 100_000, 5)}` : `30${body}`;
    },
    decode(id) {
      const m = /^(?:30(\d{12})|91(\d{12})\d{5})$/.exec(id);
      return m ? perm.inverse(Number(m[1] ?? m[2])) : null;
    },
  };
}

/**
 * Tanyi callRecordId: 9 digits, or for about one call in eight an odd number just past 2^53
 * (9007199254740993 …), which no double can hold: parsed as a number it silently changes.
 */
function tanyiCodec(perm: Permutation, key: number): IdCodec {
  const isBig = (index: number) => hash32(key, index) % 8 === 0;
  return {
    encode(index) {
      const value = perm.forward(index);
      return isBig(index) ? (TWO_POW_53 + 1n + 2n * BigInt(value)).toString() : String(100_000_000 + value);
    },
    decode(id) {
      if (/^1\d{8}$/.test(id)) return perm.inverse(Number(id) - 100_000_000);
      if (!/^9\d{15}$/.test(id)) return null;
      const offset = BigInt(id) - TWO_POW_53 - 1n;
      if (offset < 0n || offset % 2n !== 0n || offset / 2n >= BigInt(perm.size)) return null;
      return perm.inverse(Number(offset / 2n));
    },
  };
}

/** agent-api record id: a version-4-shaped UUID whose first group carries the (permuted) index. */
function agentCodec(perm: Permutation, key: number): IdCodec {
  return {
    encode(index) {
      const a = hash32(key, index, 1);
      const b = hash32(key, index, 2);
      const c = hash32(key, index, 3);
      return [
        hex(perm.forward(index), 8),
        hex(a >>> 16, 4),
        `4${hex(a & 0xfff, 3)}`,
        `${hex(8 | (b >>> 30), 1)}${hex(b & 0xfff, 3)}`,
        `${hex((b >>> 12) & 0xffff, 4)}${hex(c, 8)}`,
      ].join("-");
    },
    decode(id) {
      const m = /^([0-9a-f]{8})-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.exec(id);
      return m ? perm.inverse(Number.parseInt(m[1]!, 16)) : null;
    },
  };
}

/** Mainland mobile prefixes (China Mobile, Unicom, Telecom, and the newer 19x ranges). */
const MOBILE_PREFIXES = [
  "130",
  "131",
  "132",
  "133",
  "134",
  "135",
  "136",
  "137",
  "138",
  "139",
  "150",
  "151",
  "152",
  "153",
  "155",
  "156",
  "157",
  "158",
  "159",
  "173",
  "175",
  "176",
  "177",
  "178",
  "180",
  "181",
  "182",
  "183",
  "184",
  "185",
  "186",
  "187",
  "188",
  "189",
  "191",
  "193",
  "195",
  "198",
  "199",
];

/** Callee numbers: unique within a task (the last 8 digits are a permutation of the task position). */
export function calleeCodec(seed: number, taskId: string): IdCodec {
  const key = hash32(seed, hashString(taskId));
  const perm = feistel(10_000, key);
  const prefix = (position: number) => MOBILE_PREFIXES[hash32(key, position, 9) % MOBILE_PREFIXES.length]!;
  return {
    encode: (position) => `${prefix(position)}${pad(perm.forward(position), 8)}`,
    decode(callee) {
      const m = /^1\d{2}(\d{8})$/.exec(callee);
      return m ? perm.inverse(Number(m[1])) : null;
    },
  };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

function hex(value: number, width: number): string {
  return (value >>> 0).toString(16).padStart(width, "0").slice(-width);
}
