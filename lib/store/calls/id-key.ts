import { randomBytes } from "node:crypto";
import type { SettingsRepository } from "../settings";

/**
 * The index's call-id key: 32 random bytes, created on first use (by whichever instance is first).
 * Existing calls keep the ids they were given (reviews and shared links stay valid); calls indexed
 * from now on get keyed ids.
 */
export async function idKeyOf(settings: SettingsRepository): Promise<Buffer> {
  return Buffer.from(await settings.claim("call_id_key", randomBytes(32).toString("hex")), "hex");
}
