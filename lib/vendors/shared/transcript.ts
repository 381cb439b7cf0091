import { estimateSpans } from "@/lib/audio/timing";
import type { Speaker, Utterance } from "@/lib/model";
import { readableText, stripBargeIn } from "./text";

/** One line as an adapter reads it, before ordering, cleaning and timing. */
export interface DraftLine {
  speaker: Speaker;
  text: string | null | undefined;
  /** Vendor order key (sequence, detail id, time) when the vendor's array is not in spoken order. */
  order?: number | null;
  /** Offsets into the recording when the vendor gives times. */
  startMs?: number | null;
  endMs?: number | null;
}

/**
 * Spoken-order utterances from vendor lines: sorted by the vendor's order key (stable), mojibake
 * repaired, barge-in markers removed (and flagged), empty lines dropped. Lines with vendor times keep
 * them (`timing: "vendor"`); when no line has any, all are estimated across `durationMs`.
 */
export function buildTranscript(lines: DraftLine[], durationMs: number | null): Utterance[] {
  const ordered = lines
    .map((line, index) => ({ line, index }))
    .sort((a, b) => {
      const ao = a.line.order ?? null;
      const bo = b.line.order ?? null;
      if (ao !== null && bo !== null && ao !== bo) return ao - bo;
      return a.index - b.index;
    })
    .map(({ line }) => line);

  const cleaned: (DraftLine & { text: string; interrupted: boolean })[] = [];
  for (const line of ordered) {
    const readable = readableText(line.text ?? "") ?? "";
    const { text, interrupted } = stripBargeIn(readable);
    if (text) cleaned.push({ ...line, text, interrupted });
  }

  const vendorTimed = cleaned.some((line) => typeof line.startMs === "number");
  if (vendorTimed) {
    return cleaned.map((line, i) => {
      const startMs = typeof line.startMs === "number" ? Math.max(0, Math.round(line.startMs)) : null;
      let endMs = typeof line.endMs === "number" ? Math.round(line.endMs) : null;
      if (endMs === null && startMs !== null) {
        const next = cleaned
          .slice(i + 1)
          .find((other) => typeof other.startMs === "number" && other.startMs > startMs);
        endMs = next?.startMs ?? (durationMs && durationMs > startMs ? durationMs : null);
      }
      if (endMs !== null && startMs !== null && endMs < startMs) endMs = startMs;
      return utterance(line, startMs, endMs === null ? null : Math.round(endMs), "vendor");
    });
  }

  const spans = estimateSpans(
    cleaned.map((line) => line.text),
    durationMs,
  );
  return cleaned.map((line, i) => utterance(line, spans[i]!.startMs, spans[i]!.endMs, "estimated"));
}

function utterance(
  line: { speaker: Speaker; text: string; interrupted: boolean },
  startMs: number | null,
  endMs: number | null,
  timing: Utterance["timing"],
): Utterance {
  return {
    speaker: line.speaker,
    text: line.text,
    startMs,
    endMs,
    timing,
    ...(line.interrupted ? { interrupted: true } : {}),
  };
}

/** Speaker from a vendor role word: robot/assistant/ROBOT/AI/机器人 vs custom(er)/user/PERSON/客户/用户. */
export function speakerFromRole(role: unknown): Speaker | null {
  if (typeof role !== "string" && typeof role !== "number") return null;
  const word = String(role).trim().toLowerCase();
  if (["robot", "assistant", "ai", "bot", "机器人", "system", "agent"].includes(word)) return "robot";
  if (["custom", "customer", "user", "person", "human", "客户", "用户"].includes(word)) return "customer";
  return null;
}
