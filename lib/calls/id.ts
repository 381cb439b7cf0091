import { createHmac } from "node:crypto";

/**
 * The public call id: opaque, URL-safe, stable across requests and restarts. Derived from the source
 * and the vendor's natural key with a keyed HMAC, the key being a random server key kept in the
 * index (settings `call_id_key`): a vendor that gives no call id is keyed by task|callee|time, and
 * a plain hash of that would let anyone holding an operator's masked number test the 10⁴ candidates
 * for its hidden digits offline. Without the key an id reveals nothing and cannot be checked.
 */
export function callId(key: Buffer, sourceId: string, naturalKey: string): string {
  return createHmac("sha256", key)
    .update(sourceId)
    .update("\u0000")
    .update(naturalKey)
    .digest("base64url")
    .slice(0, 22);
}
