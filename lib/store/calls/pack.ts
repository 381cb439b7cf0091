import { createHash } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { NormalizedCall } from "@/lib/vendors/types";

/**
 * The vendor's payload as kept in the index: JSON, deflated. Vendor records are verbose (an agent-api
 * record with its turns is ~18 KB of JSON) and compress about tenfold, which keeps a 100,000-call
 * index in the hundreds of MB rather than approaching a GB.
 */
export function packRaw(raw: unknown): Buffer {
  return deflateRawSync(Buffer.from(JSON.stringify(raw) ?? "null"), { level: 1 });
}

export function unpackRaw(stored: Buffer | Uint8Array | string | null): unknown {
  if (stored === null) return null;
  return JSON.parse(typeof stored === "string" ? stored : inflateRawSync(stored).toString("utf8"));
}

/** What a list entry said, in a word: an unchanged entry is skipped without touching its row. */
export function contentHash(call: NormalizedCall): string {
  return createHash("sha1")
    .update(JSON.stringify([call.summary, call.transcript, call.extra, call.locator, call.needsDetail]))
    .digest("base64url");
}
