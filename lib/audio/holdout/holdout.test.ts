import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { alignTranscript, MIN_CONFIDENCE, type AlignLine } from "../align";
import { peaksFromStream } from "../peaks";
import { decodeFeatures, encodeFeatures, type SpeechFeatures } from "../speech";
import { estimateSpans } from "../timing";

/**
 * Held-out check of the aligner on recordings it was not tuned on (make-holdout.mjs, written without
 * reading the author's generator): other sentences, voices, speeds, noise colours and gaps. Runs the
 * production path — streamed peaks pass with features → stored features → alignTranscript / alignCall —
 * and holds it to issue #15's targets: median line-start error ≤ 100 ms, ≥ 95 % of lines within 500 ms.
 * The barge-in split was reworked with these recordings (and noise draws 1–3) in view, so they are no
 * longer held out; lib/audio/validation is the set nobody tuned on.
 */

// HOLDOUT_DIR: measure a sweep written by make-holdout.mjs with HOLDOUT_OUT (the assertions still apply).
const DIR = process.env.HOLDOUT_DIR ?? __dirname;
interface TruthLine extends AlignLine {
  startMs: number;
  endMs: number;
}
interface TruthFile {
  file: string;
  call: string;
  channels: number;
  encoding: string;
  durationMs: number;
  lines: TruthLine[];
}
const truth = JSON.parse(readFileSync(join(DIR, "truth.json"), "utf8")) as { files: TruthFile[] };

async function featuresOf(file: string): Promise<SpeechFeatures> {
  const bytes = readFileSync(join(DIR, file));
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += 4096) yield new Uint8Array(bytes.subarray(i, i + 4096));
  }
  const result = await peaksFromStream(chunks(), { features: true });
  // Through the stored form, as the alignment service reads it from the index.
  return decodeFeatures(encodeFeatures(result.features!));
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length / 2;
  return s.length % 2 ? s[Math.floor(m)]! : (s[m - 1]! + s[m]!) / 2;
}

interface Row {
  file: string;
  format: string;
  errors: number[];
  estimated: number;
  estErrors: number[];
  serviceErrors: number[];
  detail: string[];
}

const kind = (l: TruthLine, i: number, lines: TruthLine[]) =>
  [
    l.interrupted ? "barge-in" : "",
    lines[i + 1]?.interrupted ? "cut-by-barge" : "",
    /停顿/.test(l.text) ? "pause" : "",
    i > 0 && l.startMs - lines[i - 1]!.endMs > 3000 ? "long-gap" : "",
    l.text.replace(/[，。？！、\s]/g, "").length <= 3 ? "short" : "",
  ]
    .filter(Boolean)
    .join(",");

async function measure(f: TruthFile): Promise<Row> {
  const features = await featuresOf(f.file);
  const { lines } = alignTranscript(
    f.lines.map(({ speaker, text, interrupted }) => ({ speaker, text, interrupted })),
    features,
  );
  const errors = f.lines.map((t, i) => (lines[i] ? Math.abs(lines[i]!.startMs - t.startMs) : Infinity));
  const estimated = lines.filter((l) => !l || l.confidence < MIN_CONFIDENCE).length;
  const est = estimateSpans(
    f.lines.map((l) => l.text),
    f.durationMs,
  );
  const estErrors = f.lines.map((t, i) => Math.abs(est[i]!.startMs - t.startMs));
  // What the call page is served: a line below the confidence cut-off keeps its estimated time.
  const served = f.lines.map((_, i) => {
    const a = lines[i];
    return a && a.confidence >= MIN_CONFIDENCE ? a.startMs : est[i]!.startMs;
  });
  const serviceErrors = f.lines.map((t, i) => Math.abs(served[i]! - t.startMs));
  const detail = f.lines.map((t, i) => {
    const a = lines[i];
    return `${f.file} #${i} ${t.speaker} [${kind(t, i, f.lines)}] true ${t.startMs}–${t.endMs} got ${a ? `${a.startMs}–${a.endMs} conf ${a.confidence.toFixed(2)}` : "null"} err ${errors[i]}`;
  });
  return {
    file: f.file,
    format: f.channels === 2 ? "stereo" : `mono-${f.encoding}`,
    errors,
    estimated,
    estErrors,
    serviceErrors,
    detail,
  };
}

const rows: Row[] = [];

describe("held-out alignment (make-holdout.mjs recordings)", () => {
  it("measures every recording", { timeout: 120_000 }, async () => {
    for (const f of truth.files) rows.push(await measure(f));
    const fmt = (xs: number[]) => {
      const finite = xs.map((x) => (Number.isFinite(x) ? x : 1e9));
      return {
        median: Math.round(median(finite)),
        within500: `${Math.round((finite.filter((e) => e <= 500).length / finite.length) * 100)}%`,
        worst: Math.max(...finite),
      };
    };
    const table = ["mono-pcm16", "mono-mulaw", "mono-alaw", "stereo"].map((format) => {
      const rs = rows.filter((r) => r.format === format);
      const errs = rs.flatMap((r) => r.errors);
      const a = fmt(errs);
      const s = fmt(rs.flatMap((r) => r.serviceErrors));
      const e = fmt(rs.flatMap((r) => r.estErrors));
      return {
        format,
        lines: errs.length,
        "median ms": a.median,
        "≤500 ms": a.within500,
        "worst ms": a.worst,
        "low-conf": rs.reduce((n, r) => n + r.estimated, 0),
        "served median": s.median,
        "served ≤500": s.within500,
        "estimate median": e.median,
        "estimate ≤500": e.within500,
      };
    });
    console.table(table);
    console.log(rows.flatMap((r) => r.detail).join("\n"));
    expect(rows).toHaveLength(truth.files.length);
  });

  for (const format of ["mono-pcm16", "mono-mulaw", "mono-alaw", "stereo"]) {
    const errorsOf = () => rows.filter((r) => r.format === format).flatMap((r) => r.errors);
    it(`${format}: median line-start error ≤ 100 ms`, () => {
      expect(median(errorsOf())).toBeLessThanOrEqual(100);
    });
    it(`${format}: ≥ 95 % of line starts within 500 ms`, () => {
      const e = errorsOf();
      expect(e.filter((x) => x <= 500).length / e.length).toBeGreaterThanOrEqual(0.95);
    });
    it(`${format}: every barge-in line starts within 500 ms of the truth`, () => {
      for (const f of truth.files.filter(
        (t) => (t.channels === 2 ? "stereo" : `mono-${t.encoding}`) === format,
      )) {
        const r = rows.find((x) => x.file === f.file)!;
        const i = f.lines.findIndex((l) => l.interrupted);
        expect(r.errors[i], f.file).toBeLessThanOrEqual(500);
      }
    });
  }
});
