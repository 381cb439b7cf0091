import { parse as parseLossless } from "lossless-json";

/**
 * Vendor JSON, read without ever rounding an id: an integer beyond 2^53 written as a bare number
 * (`"callRecordId": 1234567890123456789`) comes back as its exact digits in a string.
 * Text without any 16-digit run cannot hold such a number, so it takes the fast native path.
 */
export function parseVendorJson(text: string): unknown {
  if (!/\d{16}/.test(text)) return JSON.parse(text);
  return parseLossless(text, null, (digits) =>
    /^-?\d+$/.test(digits) && !Number.isSafeInteger(Number(digits)) ? digits : Number(digits),
  );
}

/**
 * Aliyun's `Data` (and AICCS' `ConversationRecord`) is documented as a JSON string, yet real answers
 * carry it as a string, an array or an object. Returns the parsed value, or the input when it is not JSON text.
 */
export function unwrapJsonString(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  if (!trimmed || !"[{".includes(trimmed[0] ?? "")) return value;
  try {
    return parseVendorJson(trimmed);
  } catch {
    return value;
  }
}

/** JSON text of a raw record, for quarantine: big ids stay as the strings they were parsed into. */
export function rawText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
