import "server-only";

import type { QuarantinedRecord } from "@/lib/store/quarantine";
import type { Runtime } from "./runtime";

/**
 * Quarantined records as people see them (the admin API and the admin page alike). Raw records may
 * hold the vendor's signed recording URLs; their query strings (signature, key id, expiry) stay on
 * the server, in JSON-escaped spellings (`https:\/\/…`, `\u0026`) too. Reprocessing reads the
 * stored record, never this.
 */
export async function openQuarantine(
  runtime: Runtime,
  source?: string,
  limit = 500,
): Promise<QuarantinedRecord[]> {
  return (await runtime.store.quarantine.open(source, limit)).map((item) => ({
    ...item,
    raw: redactSignedUrls(item.raw),
  }));
}

const SIGNED_URL = /(https?:(?:\\?\/){2}[^"\s?\\]*(?:\\\/[^"\s?\\]*)*)(?:\?|\\u003[fF])[^"\s]*/g;

export function redactSignedUrls(raw: string): string {
  return raw.replace(SIGNED_URL, "$1?[signed query removed]");
}
