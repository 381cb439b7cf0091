import { createHmac } from "node:crypto";
import type { Utterance } from "@/lib/model";

/**
 * What an alignment was computed for: the transcript's words, speakers and barge-in marks, in order
 * (times are not part of it: they are what the alignment replaces). Keyed with a secret of the index,
 * because operators see the hash next to a transcript whose numbers are masked: a plain hash would let
 * anyone try the few thousand possible masked digits until it matched.
 */
export function transcriptHash(lines: readonly Utterance[], key: Uint8Array): string {
  const canonical = JSON.stringify(lines.map((line) => [line.speaker, line.text, line.interrupted ? 1 : 0]));
  return createHmac("sha256", key).update(canonical).digest("base64url").slice(0, 22);
}
