import { readFileSync } from "node:fs";
import { join } from "node:path";
import { alignTranscript, MIN_CONFIDENCE, type AlignLine } from "../align";
import { peaksFromStream } from "../peaks";
import { decodeFeatures, encodeFeatures, type SpeechFeatures } from "../speech";

/**
 * Line-start error of the aligner on a set of committed recordings with their truth.json (testdata,
 * holdout, validation): the production path — the streamed peaks pass with features, the stored form,
 * alignTranscript — per file, and summed up per format. Shared by the tests that hold the aligner to
 * issue #15's targets and by `npm run bench`, so both report the same figures.
 */

export interface TruthLine extends AlignLine {
  startMs: number;
  endMs: number;
}

export interface TruthFile {
  file: string;
  channels: number;
  encoding: string;
  durationMs: number;
  lines: TruthLine[];
}

export type Format = "mono-pcm16" | "mono-mulaw" | "mono-alaw" | "stereo";
export const FORMATS: Format[] = ["mono-pcm16", "mono-mulaw", "mono-alaw", "stereo"];

export interface FileResult {
  file: string;
  format: Format;
  /** |aligned − true| start per line, ms (Infinity: no speech found for the line). */
  errors: number[];
  /** Indexes of the barge-in lines. */
  bargeIns: number[];
  /** Lines below MIN_CONFIDENCE (served with their estimated time). */
  lowConfidence: number;
  detail: string[];
}

export interface FormatFigures {
  format: Format;
  lines: number;
  medianMs: number;
  within500: number;
  worstMs: number;
  bargeWorstMs: number;
  lowConfidence: number;
}

export function readTruth(dir: string): TruthFile[] {
  return (JSON.parse(readFileSync(join(dir, "truth.json"), "utf8")) as { files: TruthFile[] }).files;
}

export const formatOf = (f: TruthFile): Format =>
  f.channels === 2 ? "stereo" : (`mono-${f.encoding}` as Format);

export async function featuresOf(path: string): Promise<SpeechFeatures> {
  const bytes = readFileSync(path);
  // Streamed in 4 KB chunks, as a recording arrives from a vendor.
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += 4096) yield new Uint8Array(bytes.subarray(i, i + 4096));
  }
  const result = await peaksFromStream(chunks(), { features: true, size: bytes.length });
  // Through the stored form, as the alignment service reads it from the index.
  return decodeFeatures(encodeFeatures(result.features!));
}

export async function measureFile(dir: string, f: TruthFile): Promise<FileResult> {
  const features = await featuresOf(join(dir, f.file));
  const { lines } = alignTranscript(
    f.lines.map(({ speaker, text, interrupted }) => ({ speaker, text, interrupted })),
    features,
  );
  const errors = f.lines.map((t, i) => (lines[i] ? Math.abs(lines[i]!.startMs - t.startMs) : Infinity));
  return {
    file: f.file,
    format: formatOf(f),
    errors,
    bargeIns: f.lines.flatMap((l, i) => (l.interrupted ? [i] : [])),
    lowConfidence: lines.filter((l) => !l || l.confidence < MIN_CONFIDENCE).length,
    detail: f.lines.map((t, i) => {
      const a = lines[i];
      const got = a ? `${a.startMs}–${a.endMs} conf ${a.confidence.toFixed(2)}` : "none";
      return `${f.file} #${i} ${t.speaker}${t.interrupted ? " (barge-in)" : ""} true ${t.startMs}–${t.endMs} got ${got} err ${errors[i]}`;
    }),
  };
}

export async function measureSet(dir: string): Promise<FileResult[]> {
  const out: FileResult[] = [];
  for (const f of readTruth(dir)) out.push(await measureFile(dir, f));
  return out;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length / 2;
  return s.length % 2 ? s[Math.floor(m)]! : (s[m - 1]! + s[m]!) / 2;
}

export function figuresByFormat(results: FileResult[]): FormatFigures[] {
  return FORMATS.flatMap((format) => {
    const rs = results.filter((r) => r.format === format);
    if (rs.length === 0) return [];
    const errors = rs.flatMap((r) => r.errors.map((e) => (Number.isFinite(e) ? e : 1e9)));
    const barge = rs.flatMap((r) => r.bargeIns.map((i) => r.errors[i]!));
    return [
      {
        format,
        lines: errors.length,
        medianMs: Math.round(median(errors)),
        within500: errors.filter((e) => e <= 500).length / errors.length,
        worstMs: Math.max(...errors),
        bargeWorstMs: barge.length ? Math.max(...barge) : 0,
        lowConfidence: rs.reduce((n, r) => n + r.lowConfidence, 0),
      },
    ];
  });
}

/** The targets: median ≤ 100 ms, ≥ 95 % within 500 ms, every barge-in within 500 ms. */
export function meetsTargets(f: FormatFigures): boolean {
  return f.medianMs <= 100 && f.within500 >= 0.95 && f.bargeWorstMs <= 500;
}

export function printable(figures: FormatFigures[]) {
  return figures.map((f) => ({
    format: f.format,
    lines: f.lines,
    "median ms": f.medianMs,
    "≤500 ms": `${Math.round(f.within500 * 100)}%`,
    "worst ms": f.worstMs,
    "barge-in worst ms": f.bargeWorstMs,
    "low-conf": f.lowConfidence,
  }));
}
