import { createHash } from "node:crypto";

/**
 * The public call id: opaque, URL-safe, stable across requests and restarts. Derived from the source
 * and the vendor's natural key (not stored state), so a rebuilt index gives every call the same id,
 * and it reveals nothing (no phone number) about the call.
 */
export function callId(sourceId: string, key: string): string {
  return createHash("sha256").update(sourceId).update("\u0000").update(key).digest("base64url").slice(0, 22);
}
