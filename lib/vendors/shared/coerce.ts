import { z } from "zod";

/**
 * zod building blocks for what vendors really send: numbers as strings, strings as numbers,
 * "" or null for "no value", ids of any size. Each yields a clean value or null, never throws on
 * merely odd input; a record fails only when something it cannot do without is unreadable.
 */

const EMPTY = new Set(["", "null", "NULL", "undefined", "-", "--", "N/A", "n/a"]);

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && EMPTY.has(value.trim()));
}

/** A number, from a number or a numeric string ("60", " 16 ", "1.5e3"); null when absent or not numeric. */
// `.optional()` on each: in zod 4 an object key whose schema is a transform is required, and
// vendors leave fields out all the time.
export const num = z
  .unknown()
  .optional()
  .transform((value): number | null => {
    if (isEmpty(value)) return null;
    if (typeof value === "number") return Number.isFinite(value) ? value : null;
    if (typeof value === "string") {
      const n = Number(value.trim());
      return Number.isFinite(n) ? n : null;
    }
    return null;
  });

/** A non-negative integer count (rounds, retries); an absurd one (beyond 2^53) is no count at all. */
export const count = num.transform((n) =>
  n === null || n < 0 || !Number.isSafeInteger(Math.round(n)) ? null : Math.round(n),
);

/** Text, from a string or a number; trimmed; null when empty. */
export const text = z
  .unknown()
  .optional()
  .transform((value): string | null => {
    if (isEmpty(value)) return null;
    if (typeof value === "string") return value.trim() || null;
    if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean")
      return String(value);
    return null;
  });

/**
 * An id of any size, as exact text. Big integers arrive as strings from parseVendorJson; a number
 * that is already unsafe here was rounded before it reached us, and is refused rather than trusted.
 */
export const id = z
  .unknown()
  .optional()
  .transform((value, ctx): string | null => {
    if (isEmpty(value)) return null;
    if (typeof value === "string") return value.trim() || null;
    if (typeof value === "bigint") return value.toString();
    if (typeof value === "number") {
      if (Number.isSafeInteger(value)) return String(value);
      ctx.addIssue({ code: "custom", message: "id was rounded before parsing (beyond 2^53)" });
      return z.NEVER;
    }
    return null;
  });

/** A list that may arrive as a JSON array, a JSON string of one, a comma-separated string, or nothing. */
export const list = z
  .unknown()
  .optional()
  .transform((value): unknown[] => {
    if (isEmpty(value)) return [];
    if (Array.isArray(value)) return value;
    if (typeof value === "string") {
      const trimmed = value.trim();
      if (trimmed.startsWith("[")) {
        try {
          const parsed: unknown = JSON.parse(trimmed);
          if (Array.isArray(parsed)) return parsed;
        } catch {
          // not JSON after all: fall through to splitting
        }
      }
      return trimmed
        .split(/[,，;；、|]/)
        .map((part) => part.trim())
        .filter(Boolean);
    }
    return [value];
  });

/** Strings from a list of strings, numbers or `{name}`-like objects. */
export function stringsOf(
  values: unknown[],
  keys: string[] = ["name", "tag_name", "label", "value"],
): string[] {
  const out: string[] = [];
  for (const value of values) {
    if (typeof value === "string" && value.trim()) out.push(value.trim());
    else if (typeof value === "number") out.push(String(value));
    else if (value && typeof value === "object") {
      for (const key of keys) {
        const found = (value as Record<string, unknown>)[key];
        if (typeof found === "string" && found.trim()) {
          out.push(found.trim());
          break;
        }
      }
    }
  }
  return out;
}

/** The first present value among field aliases (typos and renames across vendor versions). */
export function pick(record: Record<string, unknown>, ...keys: string[]): unknown {
  for (const key of keys) {
    const value = record[key];
    if (!isEmpty(value)) return value;
  }
  return undefined;
}
