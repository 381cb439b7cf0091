/**
 * Phone numbers as operators see them: `13735460951` → `137****0951`. The first three and last
 * four characters stay (enough to tell calls apart and to call back through the vendor console);
 * short numbers keep only their last two. Used for API answers, the UI, CSV and log lines alike.
 */
export function maskPhone(value: string): string;
export function maskPhone(value: string | null): string | null;
export function maskPhone(value: string | null): string | null {
  if (value === null) return null;
  const chars = Array.from(value);
  if (chars.length >= 8)
    return chars.slice(0, 3).join("") + "*".repeat(chars.length - 7) + chars.slice(-4).join("");
  if (chars.length > 2) return "*".repeat(chars.length - 2) + chars.slice(-2).join("");
  return "*".repeat(chars.length);
}
