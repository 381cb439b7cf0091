import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { alignTranscript, type AlignLine } from "./align";
import { peaksFromStream } from "./peaks";
import { smoothFlags, speechPerChannel, FRAME_MS } from "./speech";
import { decodeWavSamples, parseWavHeader } from "./wav";

/**
 * Which voice-activity detector the aligner uses, decided by measurement on the committed noisy
 * telephony recordings: the energy detector with an adaptive noise floor (lib/audio/speech.ts) against
 * the WebRTC VAD (@echogarden/fvad-wasm, mode 0–3, 10 ms frames, its first frames smoothed away).
 * Frame accuracy is against the true line spans; alignment error is the line-start error when the
 * aligner runs on that detector's speech. Printed for the README; the assertion is the choice made.
 *
 * The choice is by alignment accuracy, the detector's use: on all three sets (109 lines) the energy
 * detector puts 100 % of line starts within 500 ms, WebRTC 85–97 % by mode. By frame accuracy WebRTC
 * mode 3 is ahead (93.1 % against 91.5 %): the true spans count the pauses inside a line as speech, and
 * WebRTC bridges them where the energy detector (rightly, for the aligner) does not. So frame accuracy
 * is held within 2 points, not above.
 */

// All three committed sets: the author's (white noise), the held-out (pink/brown) and the validation set
// (drifting white + low-passed noise, 60 Hz hum, clicks), so the choice is not made on one noise kind.
const SETS = ["testdata", "holdout", "validation"].map((dir) => join(__dirname, dir));
const files = SETS.flatMap((dir) =>
  (
    JSON.parse(readFileSync(join(dir, "truth.json"), "utf8")) as {
      files: { file: string; channels: number; lines: (AlignLine & { startMs: number; endMs: number })[] }[];
    }
  ).files.map((f) => ({ ...f, path: join(dir, f.file) })),
);

interface FvadModule {
  _fvad_new(): number;
  _fvad_set_mode(inst: number, mode: number): number;
  _fvad_set_sample_rate(inst: number, rate: number): number;
  _fvad_process(inst: number, ptr: number, length: number): number;
  _fvad_free(inst: number): void;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  HEAP16: Int16Array;
}

async function fvadFlags(path: string, mode: number): Promise<Uint8Array[]> {
  const { default: load } = (await import("@echogarden/fvad-wasm")) as unknown as {
    default: () => Promise<FvadModule>;
  };
  const m = await load();
  const bytes = readFileSync(path);
  const info = parseWavHeader(bytes);
  const samples = decodeWavSamples(info, bytes.subarray(info.dataOffset, info.dataOffset + info.dataBytes));
  const per = (info.sampleRate * FRAME_MS) / 1000;
  const frames = Math.floor(samples.length / info.channels / per);
  const out: Uint8Array[] = [];
  for (let c = 0; c < info.channels; c++) {
    const inst = m._fvad_new();
    m._fvad_set_mode(inst, mode);
    m._fvad_set_sample_rate(inst, info.sampleRate);
    const ptr = m._malloc(per * 2);
    const flags = new Uint8Array(frames);
    for (let f = 0; f < frames; f++) {
      for (let k = 0; k < per; k++) m.HEAP16[ptr / 2 + k] = samples[(f * per + k) * info.channels + c]!;
      flags[f] = m._fvad_process(inst, ptr, per) === 1 ? 1 : 0;
    }
    // Its first frames read as speech while it settles: not speech unless it continues past 200 ms.
    let settle = 0;
    while (settle < Math.min(frames, 20) && flags[settle]) settle++;
    if (settle < 20) flags.fill(0, 0, settle);
    m._free(ptr);
    m._fvad_free(inst);
    out.push(smoothFlags(flags, 120, 80));
  }
  return out;
}

function frameAccuracy(flags: Uint8Array, lines: { startMs: number; endMs: number }[], speaker?: boolean[]) {
  let right = 0;
  for (let f = 0; f < flags.length; f++) {
    const t = f * FRAME_MS + FRAME_MS / 2;
    const speech = lines.some((l, i) => (speaker ? speaker[i] : true) && t >= l.startMs && t < l.endMs);
    if (Boolean(flags[f]) === speech) right++;
  }
  return right / flags.length;
}

async function* once(bytes: Uint8Array) {
  yield new Uint8Array(bytes);
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

describe("voice-activity detector choice", () => {
  it(
    "the energy detector is at least as accurate as the WebRTC VAD on noisy telephony",
    { timeout: 120_000 },
    async () => {
      const rows: Record<string, { acc: number[]; errors: number[] }> = {};
      const add = (name: string, acc: number, errors: number[]) => {
        rows[name] ??= { acc: [], errors: [] };
        rows[name].acc.push(acc);
        rows[name].errors.push(...errors);
      };
      for (const f of files) {
        const bytes = readFileSync(f.path);
        const { features } = await peaksFromStream(once(bytes), { features: true, size: bytes.length });
        const channelLines = (flags: Uint8Array[]) =>
          flags.map((fl, c) =>
            frameAccuracy(
              fl,
              f.lines,
              f.channels === 2 ? f.lines.map((l) => (l.speaker === "robot") === (c === 0)) : undefined,
            ),
          );
        const run = (name: string, flags: Uint8Array[]) => {
          const acc = channelLines(flags).reduce((a, b) => a + b, 0) / flags.length;
          const { lines } = alignTranscript(f.lines, features!, null, flags);
          add(
            name,
            acc,
            f.lines.map((t, i) => Math.abs((lines[i]?.startMs ?? 1e9) - t.startMs)),
          );
        };
        run("energy", speechPerChannel(features!));
        for (const mode of [0, 1, 2, 3]) run(`fvad mode ${mode}`, await fvadFlags(f.path, mode));
      }
      const summary = Object.entries(rows).map(([name, r]) => ({
        name,
        frameAccuracy: Math.round((r.acc.reduce((a, b) => a + b, 0) / r.acc.length) * 1000) / 10,
        medianStartErrorMs: median(r.errors),
        within500: Math.round((r.errors.filter((e) => e <= 500).length / r.errors.length) * 1000) / 10,
      }));
      console.table(summary);
      const energy = summary.find((s) => s.name === "energy")!;
      for (const s of summary) {
        expect(energy.within500).toBeGreaterThanOrEqual(s.within500);
        expect(energy.frameAccuracy).toBeGreaterThanOrEqual(s.frameAccuracy - 2);
      }
    },
  );
});
