import type { AudioEncoding, SimCall } from "@/lib/simulator/types";
import { converse } from "./conversation";
import { rngFor } from "./prng";
import { SCRIPTS } from "./scripts/pool";

/**
 * A call of any length for benchmarks: a patient customer questioning the 房产 robot for the whole
 * `durationMs` (3.5 hours of PCM16 mono is ≈ 200 MB of WAV). Not part of any dataset; its recording
 * is exactly `durationMs` long, lines never run past it.
 */
export function longRecording(durationMs: number, encoding: AudioEncoding, channels: 1 | 2 = 1): SimCall {
  const duration = Math.max(1_000, Math.round(durationMs));
  const conversation = converse({
    script: SCRIPTS["房产"],
    persona: "interested",
    special: "patient",
    targetMs: duration - 40_000, // leaves room for the close
    voice: "m1",
    rng: rngFor(duration, 0x10ca11),
    timing: rngFor(duration, 0x71e),
  });
  const lines = conversation.lines.filter((line) => line.endMs <= duration);
  const dialAt = Date.UTC(2026, 10, 11, 1, 0, 0);
  return {
    source: "dyvms",
    index: 0,
    taskId: "4001112222",
    vendorCallId: `long-${duration}-${encoding}-${channels}`,
    batchId: "139000100000",
    callee: "13800000000",
    caller: "053158552960",
    customerName: "王先生",
    industry: "房产",
    dialAt,
    answerAt: dialAt + 8_000,
    endAt: dialAt + 8_000 + duration,
    result: "answered",
    talkMs: duration,
    hangupBy: conversation.hangupBy,
    intent: conversation.intent,
    rounds: conversation.rounds,
    tags: ["有意向"],
    concerns: conversation.concerns,
    variables: { name: "王先生", product: SCRIPTS["房产"].product },
    lines,
    recording: { durationMs: duration, encoding, channels, sampleRate: 8000 },
  };
}
