import { describe, expect, it } from "vitest";
import {
  ALAW_TO_LINEAR,
  MULAW_TO_LINEAR,
  alawToLinear,
  decodeAlaw,
  decodeMulaw,
  encodeAlaw,
  encodeMulaw,
  linearToAlaw,
  linearToMulaw,
  mulawToLinear,
} from "./g711";

describe("μ-law", () => {
  it("decodes the known codes of the ITU tables", () => {
    expect(mulawToLinear(0xff)).toBe(0);
    expect(mulawToLinear(0x7f)).toBe(0);
    expect(mulawToLinear(0x80)).toBe(32124);
    expect(mulawToLinear(0x00)).toBe(-32124);
    expect(mulawToLinear(0xfe)).toBe(8);
    expect(mulawToLinear(0x7e)).toBe(-8);
    expect(mulawToLinear(0xef)).toBe(132);
  });

  it("encodes the known values", () => {
    expect(linearToMulaw(0)).toBe(0xff);
    expect(linearToMulaw(-1)).toBe(0x7f);
    expect(linearToMulaw(32767)).toBe(0x80);
    expect(linearToMulaw(-32768)).toBe(0x00);
    expect(linearToMulaw(8)).toBe(0xfe);
    expect(linearToMulaw(100000)).toBe(0x80); // clamped
  });

  it("round-trips every code (but negative zero, which is zero)", () => {
    for (let code = 0; code < 256; code++) {
      const back = linearToMulaw(mulawToLinear(code));
      expect(back).toBe(code === 0x7f ? 0xff : code);
    }
  });

  it("is monotonic and lands on a neighbouring level", () => {
    const levels = [...new Set(MULAW_TO_LINEAR)].sort((a, b) => a - b);
    let previous = -Infinity;
    for (let x = -32768; x <= 32767; x += 7) {
      const y = mulawToLinear(linearToMulaw(x));
      expect(y).toBeGreaterThanOrEqual(previous);
      previous = y;
      if (x <= -32124 || x >= 32124) {
        expect(Math.abs(y)).toBe(32124);
        continue;
      }
      const above = levels.find((level) => level >= x)!;
      const below = levels.findLast((level) => level <= x)!;
      expect(y === above || y === below).toBe(true);
    }
  });

  it("block helpers match the scalar ones", () => {
    const samples = Int16Array.from({ length: 1000 }, (_, i) => Math.round(Math.sin(i / 7) * 30000));
    const codes = encodeMulaw(samples);
    expect([...codes]).toEqual([...samples].map(linearToMulaw));
    expect([...decodeMulaw(codes)]).toEqual([...codes].map(mulawToLinear));
  });
});

describe("A-law", () => {
  it("decodes the known codes of the ITU tables", () => {
    expect(alawToLinear(0xd5)).toBe(8);
    expect(alawToLinear(0x55)).toBe(-8);
    expect(alawToLinear(0xaa)).toBe(32256);
    expect(alawToLinear(0x2a)).toBe(-32256);
    expect(alawToLinear(0xd4)).toBe(24);
  });

  it("encodes the known values", () => {
    expect(linearToAlaw(0)).toBe(0xd5);
    expect(linearToAlaw(8)).toBe(0xd5);
    expect(linearToAlaw(-1)).toBe(0x55);
    expect(linearToAlaw(32767)).toBe(0xaa);
    expect(linearToAlaw(-32768)).toBe(0x2a);
  });

  it("round-trips every code", () => {
    for (let code = 0; code < 256; code++) expect(linearToAlaw(alawToLinear(code))).toBe(code);
  });

  it("has 256 distinct levels, symmetric around zero", () => {
    expect(new Set(ALAW_TO_LINEAR).size).toBe(256);
    for (let code = 0; code < 128; code++) expect(ALAW_TO_LINEAR[code]).toBe(-ALAW_TO_LINEAR[code | 0x80]!);
  });

  it("block helpers match the scalar ones", () => {
    const samples = Int16Array.from({ length: 1000 }, (_, i) => Math.round(Math.cos(i / 5) * 32000));
    const codes = encodeAlaw(samples);
    expect([...codes]).toEqual([...samples].map(linearToAlaw));
    expect([...decodeAlaw(codes)]).toEqual([...codes].map(alawToLinear));
  });
});
