import { unwrapJsonString } from "./json";

/** Where vendors (and their versions and proxies) put a page's records. */
const LIST_KEYS = ["content", "list", "records", "rows", "items", "data", "result", "calls"];

/**
 * The array of records in a page's data, whatever the wrapper calls it (`content`, `List`, `records`,
 * a Laravel paginator's `data` …), one level deep; null when there is none.
 */
export function recordsIn(value: unknown, depth = 2): unknown[] | null {
  const unwrapped = unwrapJsonString(value);
  if (Array.isArray(unwrapped)) return unwrapped;
  if (!unwrapped || typeof unwrapped !== "object" || depth === 0) return null;
  const byLowerKey = new Map(Object.entries(unwrapped).map(([key, item]) => [key.toLowerCase(), item]));
  for (const key of LIST_KEYS) {
    if (!byLowerKey.has(key)) continue;
    const found = recordsIn(byLowerKey.get(key), depth - 1);
    if (found) return found;
  }
  return null;
}
