/**
 * ITU-T G.711 companding (μ-law and A-law), bit-exact with the ITU's reference code (STL g711.c):
 * 16-bit linear in, one byte out, and back. Telephony recordings (Aliyun AICCS, Tanyi, call-centre
 * WAVs) are stored this way, and the simulator keeps its voice clips as μ-law to stay small.
 *
 * Both directions are table lookups: the encoder only looks at the top 14 (μ-law) or 12 (A-law)
 * bits of the sample, so the whole input space fits a small table built once at load.
 */

/** μ-law byte → linear sample (range ±32124). */
export const MULAW_TO_LINEAR: Int16Array = buildMulawDecodeTable();
/** A-law byte → linear sample (range ±32256). */
export const ALAW_TO_LINEAR: Int16Array = buildAlawDecodeTable();

// Indexed by the sample's top 14 bits (sample >> 2, as unsigned 14-bit).
const LINEAR_TO_MULAW: Uint8Array = buildMulawEncodeTable();
// Indexed by the sample's top 12 bits (sample >> 4, as unsigned 12-bit).
const LINEAR_TO_ALAW: Uint8Array = buildAlawEncodeTable();

/** One 16-bit linear sample → μ-law byte. Out-of-range input is clamped first. */
export function linearToMulaw(sample: number): number {
  return LINEAR_TO_MULAW[(clamp16(sample) >> 2) & 0x3fff]!;
}

/** One 16-bit linear sample → A-law byte. Out-of-range input is clamped first. */
export function linearToAlaw(sample: number): number {
  return LINEAR_TO_ALAW[(clamp16(sample) >> 4) & 0x0fff]!;
}

export function mulawToLinear(code: number): number {
  return MULAW_TO_LINEAR[code & 0xff]!;
}

export function alawToLinear(code: number): number {
  return ALAW_TO_LINEAR[code & 0xff]!;
}

/** Encode a block of samples; `out` may be passed to avoid an allocation. */
export function encodeMulaw(
  samples: ArrayLike<number>,
  out: Uint8Array = new Uint8Array(samples.length),
): Uint8Array {
  for (let i = 0; i < samples.length; i++) out[i] = LINEAR_TO_MULAW[(clamp16(samples[i]!) >> 2) & 0x3fff]!;
  return out;
}

export function encodeAlaw(
  samples: ArrayLike<number>,
  out: Uint8Array = new Uint8Array(samples.length),
): Uint8Array {
  for (let i = 0; i < samples.length; i++) out[i] = LINEAR_TO_ALAW[(clamp16(samples[i]!) >> 4) & 0x0fff]!;
  return out;
}

export function decodeMulaw(
  codes: ArrayLike<number>,
  out: Int16Array = new Int16Array(codes.length),
): Int16Array {
  for (let i = 0; i < codes.length; i++) out[i] = MULAW_TO_LINEAR[codes[i]! & 0xff]!;
  return out;
}

export function decodeAlaw(
  codes: ArrayLike<number>,
  out: Int16Array = new Int16Array(codes.length),
): Int16Array {
  for (let i = 0; i < codes.length; i++) out[i] = ALAW_TO_LINEAR[codes[i]! & 0xff]!;
  return out;
}

function clamp16(sample: number): number {
  const s = Math.round(sample);
  return s > 32767 ? 32767 : s < -32768 ? -32768 : s;
}

// ---------------------------------------------------------------------------------------------
// Table construction: a transcription of the ITU-T G.191 STL reference (ulaw_compress,
// ulaw_expand, alaw_compress, alaw_expand). Negative samples use the one's complement, as there.

function mulawCompress(linear: number): number {
  let absno = linear < 0 ? (~linear >> 2) + 33 : (linear >> 2) + 33;
  if (absno > 0x1fff) absno = 0x1fff;
  let i = absno >> 6;
  let segno = 1;
  while (i !== 0) {
    segno++;
    i >>= 1;
  }
  const highNibble = 0x08 - segno;
  const lowNibble = 0x0f - ((absno >> segno) & 0x0f);
  const code = (highNibble << 4) | lowNibble;
  return linear >= 0 ? code | 0x80 : code;
}

function mulawExpand(code: number): number {
  const sign = code < 0x80 ? -1 : 1;
  const inverted = ~code;
  const exponent = (inverted >> 4) & 0x07;
  const mantissa = inverted & 0x0f;
  const step = 4 << (exponent + 1);
  return sign * ((0x80 << exponent) + step * mantissa + step / 2 - 4 * 33);
}

function alawCompress(linear: number): number {
  let ix = linear < 0 ? ~linear >> 4 : linear >> 4;
  if (ix > 15) {
    let exponent = 1;
    while (ix > 16 + 15) {
      ix >>= 1;
      exponent++;
    }
    ix -= 16;
    ix += exponent << 4;
  }
  if (linear >= 0) ix |= 0x80;
  return ix ^ 0x55;
}

function alawExpand(code: number): number {
  const ix = (code ^ 0x55) & 0x7f;
  const exponent = ix >> 4;
  let mantissa = ix & 0x0f;
  if (exponent > 0) mantissa += 16;
  mantissa = (mantissa << 4) + 0x08;
  if (exponent > 1) mantissa <<= exponent - 1;
  return code > 127 ? mantissa : -mantissa;
}

function buildMulawDecodeTable(): Int16Array {
  const table = new Int16Array(256);
  for (let code = 0; code < 256; code++) table[code] = mulawExpand(code);
  return table;
}

function buildAlawDecodeTable(): Int16Array {
  const table = new Int16Array(256);
  for (let code = 0; code < 256; code++) table[code] = alawExpand(code);
  return table;
}

function buildMulawEncodeTable(): Uint8Array {
  const table = new Uint8Array(1 << 14);
  for (let index = 0; index < table.length; index++) {
    const top = index >= 1 << 13 ? index - (1 << 14) : index; // signed 14-bit
    table[index] = mulawCompress(top << 2);
  }
  return table;
}

function buildAlawEncodeTable(): Uint8Array {
  const table = new Uint8Array(1 << 12);
  for (let index = 0; index < table.length; index++) {
    const top = index >= 1 << 11 ? index - (1 << 12) : index; // signed 12-bit
    table[index] = alawCompress(top << 4);
  }
  return table;
}
