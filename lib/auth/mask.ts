import { maskNumber } from "./pii";

/**
 * Phone numbers as operators see them: `13735460951` → `137****0951`. A long number keeps its first
 * three and last four digits (enough to tell calls apart and to call back through the vendor
 * console); a shorter one (an 8-digit landline) only its last two. Separators stay. Used for API
 * answers, the UI, CSV and log lines alike.
 */
export function maskPhone(value: string): string;
export function maskPhone(value: string | null): string | null;
export function maskPhone(value: string | null): string | null {
  if (value === null) return null;
  if (!/\d/.test(value)) return "*".repeat(Array.from(value).length);
  return maskNumber(value);
}
