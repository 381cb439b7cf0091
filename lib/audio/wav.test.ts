import { describe, expect, it } from "vitest";
import { linearToAlaw, linearToMulaw } from "./g711";
import { WavError, decodeWavSamples, parseWavHeader, wavHeaderLength, writeWavHeader } from "./wav";

// Test WAVs are assembled chunk by chunk, the way odd real-world recorders lay them out.
function chunk(id: string, body: Uint8Array | Buffer, declaredSize = body.length): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, "latin1");
  head.writeUInt32LE(declaredSize >>> 0, 4);
  const pad = body.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0);
  return Buffer.concat([head, body, pad]);
}

function fmtBody(
  tag: number,
  channels: number,
  rate: number,
  bits: number,
  extra?: Buffer,
  block?: number,
): Buffer {
  const body = Buffer.alloc(16);
  const blockAlign = block ?? (channels * bits) / 8;
  body.writeUInt16LE(tag, 0);
  body.writeUInt16LE(channels, 2);
  body.writeUInt32LE(rate, 4);
  body.writeUInt32LE(rate * blockAlign, 8);
  body.writeUInt16LE(blockAlign, 12);
  body.writeUInt16LE(bits, 14);
  return extra ? Buffer.concat([body, extra]) : body;
}

function extensible(subTag: number, validBits: number, standardGuid = true): Buffer {
  const ext = Buffer.alloc(24);
  ext.writeUInt16LE(22, 0); // cbSize
  ext.writeUInt16LE(validBits, 2);
  ext.writeUInt32LE(0x3, 4); // channel mask: FL | FR
  ext.writeUInt16LE(subTag, 8);
  const tail = standardGuid
    ? [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71]
    : [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee];
  Buffer.from(tail).copy(ext, 10);
  return ext;
}

function riff(chunks: Buffer[], id = "RIFF", declaredSize?: number): Buffer {
  const body = Buffer.concat([Buffer.from("WAVE", "latin1"), ...chunks]);
  const head = Buffer.alloc(8);
  head.write(id, 0, "latin1");
  head.writeUInt32LE(declaredSize ?? body.length, 4);
  return Buffer.concat([head, body]);
}

describe("writeWavHeader", () => {
  it("writes a canonical 44-byte PCM16 header", () => {
    const header = writeWavHeader({ format: "pcm16", channels: 1, sampleRate: 8000, dataBytes: 16000 });
    expect(header.length).toBe(44);
    expect(header.length).toBe(wavHeaderLength("pcm16"));
    expect(header.toString("latin1", 0, 4)).toBe("RIFF");
    expect(header.readUInt32LE(4)).toBe(36 + 16000);
    expect(header.readUInt16LE(20)).toBe(1);
    expect(header.readUInt32LE(28)).toBe(16000);
    const info = parseWavHeader(Buffer.concat([header, Buffer.alloc(16000)]));
    expect(info).toMatchObject({
      format: "pcm16",
      formatTag: 1,
      channels: 1,
      sampleRate: 8000,
      bitsPerSample: 16,
    });
    expect(info).toMatchObject({
      blockAlign: 2,
      dataOffset: 44,
      dataBytes: 16000,
      frames: 8000,
      durationMs: 1000,
    });
  });

  it.each([
    ["alaw", 6],
    ["mulaw", 7],
  ] as const)("writes %s with cbSize and a fact chunk", (format, tag) => {
    const header = writeWavHeader({ format, channels: 2, sampleRate: 8000, dataBytes: 32000 });
    expect(header.length).toBe(wavHeaderLength(format));
    expect(header.readUInt32LE(16)).toBe(18);
    expect(header.toString("latin1", 38, 42)).toBe("fact");
    expect(header.readUInt32LE(46)).toBe(16000); // frames
    const info = parseWavHeader(header, header.length + 32000);
    expect(info).toMatchObject({
      format,
      formatTag: tag,
      channels: 2,
      bitsPerSample: 8,
      blockAlign: 2,
      byteRate: 16000,
    });
    expect(info).toMatchObject({ dataOffset: 58, dataBytes: 32000, frames: 16000, durationMs: 2000 });
  });

  it("counts the pad byte of odd-sized data in the RIFF size", () => {
    const header = writeWavHeader({ format: "mulaw", channels: 1, sampleRate: 8000, dataBytes: 7 });
    expect(header.readUInt32LE(4)).toBe(58 - 8 + 8);
  });
});

describe("parseWavHeader", () => {
  const pcm = Buffer.alloc(800);

  it("skips LIST, fact and junk chunks before data, including an odd-sized one with its pad byte", () => {
    const file = riff([
      chunk("JUNK", Buffer.alloc(28)),
      chunk("fmt ", fmtBody(1, 1, 8000, 16)),
      chunk("LIST", Buffer.from("INFOISFT\x07\x00\x00\x00Lavf58\x00", "latin1")), // odd body of 19 bytes
      chunk("fact", Buffer.from([0x90, 0x01, 0x00, 0x00])),
      chunk("data", pcm),
    ]);
    const info = parseWavHeader(file);
    expect(info.format).toBe("pcm16");
    expect(info.dataOffset).toBe(file.length - 800);
    expect(info.dataBytes).toBe(800);
  });

  it("reads odd chunk padding correctly when the odd chunk is first", () => {
    const file = riff([
      chunk("bext", Buffer.alloc(3)),
      chunk("fmt ", fmtBody(7, 1, 8000, 8)),
      chunk("data", Buffer.alloc(5)),
    ]);
    const info = parseWavHeader(file);
    expect(info).toMatchObject({ format: "mulaw", dataOffset: 12 + 8 + 4 + 8 + 16 + 8, dataBytes: 5 });
  });

  it("finds the real format inside WAVE_FORMAT_EXTENSIBLE", () => {
    const float = parseWavHeader(
      riff([
        chunk("fmt ", fmtBody(0xfffe, 2, 48000, 32, extensible(3, 32))),
        chunk("data", Buffer.alloc(64)),
      ]),
    );
    expect(float).toMatchObject({
      format: "float32",
      formatTag: 3,
      extensible: true,
      channels: 2,
      sampleRate: 48000,
    });
    const pcm24 = parseWavHeader(
      riff([
        chunk("fmt ", fmtBody(0xfffe, 2, 44100, 24, extensible(1, 24))),
        chunk("data", Buffer.alloc(60)),
      ]),
    );
    expect(pcm24).toMatchObject({ format: "pcm24", formatTag: 1, blockAlign: 6, frames: 10 });
    const mulaw = parseWavHeader(
      riff([chunk("fmt ", fmtBody(0xfffe, 1, 8000, 8, extensible(7, 8))), chunk("data", Buffer.alloc(10))]),
    );
    expect(mulaw.format).toBe("mulaw");
    const odd = parseWavHeader(
      riff([
        chunk("fmt ", fmtBody(0xfffe, 1, 8000, 16, extensible(1, 16, false))),
        chunk("data", Buffer.alloc(10)),
      ]),
    );
    expect(odd.format).toBe("unknown");
  });

  it.each([0, 0xffffffff])("treats a data size of %d as running to the end of the file", (size) => {
    const file = riff(
      [chunk("fmt ", fmtBody(6, 1, 8000, 8)), chunk("data", Buffer.alloc(0), size), Buffer.alloc(1234)],
      "RIFF",
      0xffffffff,
    );
    const info = parseWavHeader(file);
    expect(info).toMatchObject({ format: "alaw", dataBytes: 1234, dataSizeOpen: true });
    // Only the head fetched, with the file's real size known from Content-Range.
    const head = parseWavHeader(file.subarray(0, 64), 44 + 1_000_000);
    expect(head.dataBytes).toBe(1_000_000);
  });

  it("clamps an overstated data size to what the file holds", () => {
    const file = riff([
      chunk("fmt ", fmtBody(1, 1, 8000, 16)),
      chunk("data", Buffer.alloc(0), 100_000),
      Buffer.alloc(500),
    ]);
    const info = parseWavHeader(file);
    expect(info.dataBytes).toBe(500);
    expect(info.dataSizeOpen).toBe(false);
  });

  it("reads RF64's 64-bit data size from ds64", () => {
    const ds64 = Buffer.alloc(28);
    ds64.writeUInt32LE(0, 0);
    ds64.writeUInt32LE(1, 4); // RIFF size: 4 GiB-ish
    ds64.writeUInt32LE(0x10, 8);
    ds64.writeUInt32LE(0x1, 12); // data size = 2^32 + 16
    const file = riff(
      [
        chunk("ds64", ds64),
        chunk("fmt ", fmtBody(1, 2, 8000, 16)),
        chunk("data", Buffer.alloc(0), 0xffffffff),
      ],
      "RF64",
      0xffffffff,
    );
    const info = parseWavHeader(file, 2 ** 33);
    expect(info.dataBytes).toBe(2 ** 32 + 16);
    expect(info.dataSizeOpen).toBe(false);
  });

  it("reports 8-bit PCM and other formats", () => {
    expect(
      parseWavHeader(riff([chunk("fmt ", fmtBody(1, 1, 11025, 8)), chunk("data", Buffer.alloc(4))])).format,
    ).toBe("pcm8");
    expect(
      parseWavHeader(riff([chunk("fmt ", fmtBody(3, 1, 8000, 64)), chunk("data", Buffer.alloc(8))])).format,
    ).toBe("float64");
    const gsm = parseWavHeader(
      riff([chunk("fmt ", fmtBody(0x31, 1, 8000, 0, undefined, 65)), chunk("data", Buffer.alloc(65))]),
    );
    expect(gsm).toMatchObject({ format: "unknown", formatTag: 0x31 });
  });

  it("says what is wrong with broken input", () => {
    const code = (bytes: Uint8Array, size?: number) => {
      try {
        parseWavHeader(bytes, size);
        return "ok";
      } catch (err) {
        expect(err).toBeInstanceOf(WavError);
        return (err as WavError).code;
      }
    };
    expect(code(Buffer.from("ID3\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", "latin1"))).toBe("not_wav");
    expect(code(Buffer.from("RIFF", "latin1"))).toBe("truncated");
    const file = riff([
      chunk("LIST", Buffer.alloc(100)),
      chunk("fmt ", fmtBody(1, 1, 8000, 16)),
      chunk("data", pcm),
    ]);
    expect(code(file.subarray(0, 60), file.length)).toBe("truncated");
    expect(code(riff([chunk("fmt ", fmtBody(1, 1, 8000, 16))]))).toBe("no_data");
    expect(code(riff([chunk("data", pcm), chunk("fmt ", fmtBody(1, 1, 8000, 16))]))).toBe("bad_fmt");
    expect(code(riff([chunk("fmt ", Buffer.alloc(8)), chunk("data", pcm)]))).toBe("bad_fmt");
    expect(code(riff([chunk("fmt ", fmtBody(0xfffe, 1, 8000, 16)), chunk("data", pcm)]))).toBe("bad_fmt");
  });
});

describe("decodeWavSamples", () => {
  const values = [0, 1000, -1000, 32767, -32768, 123];

  it("decodes PCM16, A-law and μ-law data to 16-bit samples", () => {
    const pcm = Buffer.alloc(values.length * 2);
    values.forEach((v, i) => pcm.writeInt16LE(v, i * 2));
    expect([...decodeWavSamples({ format: "pcm16", blockAlign: 2, channels: 1 }, pcm)]).toEqual(values);
    const alaw = Uint8Array.from(values.map(linearToAlaw));
    const decodedA = decodeWavSamples({ format: "alaw", blockAlign: 1, channels: 1 }, alaw);
    decodedA.forEach((v, i) => expect(Math.abs(v - values[i]!)).toBeLessThan(1100));
    const mulaw = Uint8Array.from(values.map(linearToMulaw));
    const decodedU = decodeWavSamples({ format: "mulaw", blockAlign: 2, channels: 2 }, mulaw);
    decodedU.forEach((v, i) => expect(Math.abs(v - values[i]!)).toBeLessThan(1100));
  });

  it("decodes 8-bit, 24-bit and float samples, ignoring a trailing partial frame", () => {
    expect([
      ...decodeWavSamples({ format: "pcm8", blockAlign: 1, channels: 1 }, Uint8Array.from([128, 255, 0])),
    ]).toEqual([0, 32512, -32768]);
    const p24 = Uint8Array.from([0x00, 0x00, 0x40, 0x00, 0x00, 0xc0, 0x12]);
    expect([...decodeWavSamples({ format: "pcm24", blockAlign: 3, channels: 1 }, p24)]).toEqual([
      16384, -16384,
    ]);
    const f32 = Buffer.alloc(8);
    f32.writeFloatLE(0.5, 0);
    f32.writeFloatLE(-2, 4);
    expect([...decodeWavSamples({ format: "float32", blockAlign: 4, channels: 1 }, f32)]).toEqual([
      16384, -32768,
    ]);
  });
});
