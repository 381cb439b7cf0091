import { alignTranscript, MIN_CONFIDENCE, type AlignLine } from "@/lib/audio/align";
import { callMetrics, type MetricLine } from "@/lib/audio/call-metrics";
import type { SpeechFeatures } from "@/lib/audio/speech";
import type { AlignedLine, CallAlignment, CallDetail, CallMetrics, Utterance } from "@/lib/model";

/**
 * The answer of GET /api/calls/{id}/alignment, from a transcript and its recording's speech features:
 * lines the aligner is sure enough of (≥ MIN_CONFIDENCE) get `aligned` times; the others keep the
 * times they had (estimated, or the vendor's) and say so. Pure: no I/O, so it is tested directly.
 */
export function buildAlignment(
  transcript: readonly Utterance[],
  hash: string,
  features: SpeechFeatures,
  customerTrack: SpeechFeatures | null,
): CallAlignment {
  const input: AlignLine[] = transcript.map((line) => ({
    speaker: line.speaker,
    text: line.text,
    interrupted: line.interrupted,
    // A vendor's own coarse time (Dyvms seconds, agent-api created_at) is a hint, not the truth.
    anchorMs: line.timing === "vendor" ? line.startMs : null,
  }));
  const { alignment, lines: placed } =
    input.length > 0
      ? alignTranscript(input, features, customerTrack)
      : { alignment: null, lines: [] as ReturnType<typeof alignTranscript>["lines"] };
  const lines: AlignedLine[] = transcript.map((line, i) => {
    const a = placed[i] ?? null;
    const confidence = a ? clamp01(a.confidence) : undefined;
    if (a && a.confidence >= MIN_CONFIDENCE) {
      return {
        startMs: Math.max(0, Math.round(a.startMs)),
        endMs: Math.max(0, Math.round(a.endMs)),
        timing: "aligned",
        confidence,
        speech: a.speech.map(([s, e]) => [Math.max(0, Math.round(s)), Math.max(0, Math.round(e))]),
      };
    }
    return {
      startMs: line.startMs,
      endMs: line.endMs,
      timing: line.timing === "aligned" ? "estimated" : line.timing,
      ...(confidence === undefined ? {} : { confidence }),
      speech: [],
    };
  });
  const lanes = alignment?.lanes ?? { robot: [], customer: [] };
  const found = placed.some((a) => a !== null);
  return {
    status: found ? "aligned" : "no_speech",
    layout: found ? (alignment?.layout ?? null) : null,
    transcriptHash: hash,
    lines,
    lanes: {
      robot: lanes.robot.map(([s, e]) => [Math.round(s), Math.round(e)]),
      customer: lanes.customer.map(([s, e]) => [Math.round(s), Math.round(e)]),
    },
    metrics: metricsOf(transcript, lines, lanes),
  };
}

/**
 * Conversation measures over the aligned lines (an estimated time would make up a latency); null when
 * no line could be placed. Barge-ins are a fact of the transcript, aligned or not.
 */
function metricsOf(
  transcript: readonly Utterance[],
  lines: AlignedLine[],
  lanes: { robot: [number, number][]; customer: [number, number][] },
): CallMetrics | null {
  const aligned: MetricLine[] = [];
  lines.forEach((line, i) => {
    if (line.timing === "aligned" && line.startMs !== null && line.endMs !== null)
      aligned.push({
        speaker: transcript[i]!.speaker,
        startMs: line.startMs,
        endMs: line.endMs,
        interrupted: transcript[i]!.interrupted,
      });
  });
  if (aligned.length === 0) return null;
  const m = callMetrics(aligned, lanes);
  const ms = (value: number | null) => (value === null ? null : Math.max(0, Math.round(value)));
  return {
    robotLatencyMedianMs: ms(m.robotLatencyMedianMs),
    robotLatencyMaxMs: ms(m.robotLatencyMaxMs),
    deadAirMaxMs: ms(m.deadAirMaxMs),
    customerTalkRatio: m.customerTalkRatio === null ? null : clamp01(m.customerTalkRatio),
    bargeIns: transcript.filter((line) => line.speaker === "customer" && line.interrupted).length,
  };
}

/**
 * The detail with a cached alignment's times on the lines that passed (the same transcript: same hash,
 * same length). Lines below the threshold keep what they had.
 */
export function withAlignedTiming(
  detail: CallDetail,
  alignment: CallAlignment | null,
  hash: string,
): CallDetail {
  if (!alignment || alignment.transcriptHash !== hash || alignment.lines.length !== detail.transcript.length)
    return { ...detail, transcriptHash: hash };
  return {
    ...detail,
    transcriptHash: hash,
    transcript: detail.transcript.map((line, i) => {
      const a = alignment.lines[i]!;
      if (a.timing !== "aligned") return line;
      return { ...line, startMs: a.startMs, endMs: a.endMs, timing: "aligned", confidence: a.confidence };
    }),
  };
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, Math.round(value * 1000) / 1000));
}
