import type { CallAlignment, Span as SpeechSpan, Utterance } from "@/lib/model";

/**
 * The transcript with the best timing each line has: the aligner's where it placed the line, the
 * vendor's or the estimate otherwise. Pure, so the call page can apply it the moment the alignment
 * arrives without touching anything else.
 */

/** Below this an aligned line still plays from its aligned time but says it may be off. */
export const LOW_CONFIDENCE = 0.6;

export interface TimedTranscript {
  transcript: Utterance[];
  /** Per line, its own detected speech (pauses inside it left out); null when not aligned. */
  speech: (readonly SpeechSpan[] | null)[];
  /** The alignment applied (false: none yet, none possible, or it belongs to another transcript). */
  aligned: boolean;
}

/**
 * Whether an alignment answer belongs to this transcript. The server sends `lines[i]` for
 * `transcript[i]` of the transcript it hashed, and the detail says its own transcript's hash (a keyed
 * hash the browser cannot compute): they must agree. Without the detail's hash, the line counts must —
 * a misplaced timing is worse than an estimate.
 */
export function alignmentFits(
  alignment: CallAlignment | null | undefined,
  transcript: readonly Utterance[],
  transcriptHash?: string | null,
): boolean {
  if (!alignment || alignment.status !== "aligned" || transcript.length === 0) return false;
  if (alignment.lines.length !== transcript.length) return false;
  return !transcriptHash || alignment.transcriptHash === transcriptHash;
}

export function applyAlignment(
  transcript: readonly Utterance[],
  alignment: CallAlignment | null | undefined,
  transcriptHash?: string | null,
): TimedTranscript {
  if (!alignmentFits(alignment, transcript, transcriptHash)) {
    return { transcript: [...transcript], speech: transcript.map(() => null), aligned: false };
  }
  const lines = alignment!.lines;
  const speech: (readonly SpeechSpan[] | null)[] = [];
  const timed = transcript.map((utterance, index): Utterance => {
    const line = lines[index]!;
    if (line.timing === "aligned" && line.startMs !== null) {
      speech.push(line.speech.length > 0 ? line.speech : null);
      const endMs = line.endMs !== null && line.endMs >= line.startMs ? line.endMs : null;
      return {
        ...utterance,
        startMs: line.startMs,
        endMs,
        timing: "aligned",
        ...(line.confidence !== undefined ? { confidence: line.confidence } : {}),
      };
    }
    speech.push(null);
    // Not placed with enough confidence: a vendor time stays the vendor's; an estimate takes the
    // server's, which knows where the placed neighbours are, and carries the (low) confidence.
    if (utterance.timing !== "estimated") return { ...utterance };
    return {
      ...utterance,
      startMs: line.startMs ?? utterance.startMs,
      endMs: line.startMs !== null ? line.endMs : utterance.endMs,
      timing: "estimated",
      ...(line.confidence !== undefined ? { confidence: line.confidence } : {}),
    };
  });
  return { transcript: timed, speech, aligned: true };
}

/**
 * Whether an aligned line should say its time may be off. (A line the aligner could not place at all
 * is "estimated" and already says so with its ≈.)
 */
export function isLowConfidence(utterance: Utterance): boolean {
  return (
    utterance.timing === "aligned" &&
    utterance.confidence !== undefined &&
    utterance.confidence < LOW_CONFIDENCE
  );
}
