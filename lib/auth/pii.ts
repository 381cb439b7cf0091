/**
 * Personal numbers in free text — phone numbers (mobile and landline, with or without area code,
 * however they are punctuated), mainland ID-card numbers and bank-card numbers — found by one
 * detector that the masker (what operators see) and the search index (what operators can find)
 * share, so what is hidden can never be found by a part of it.
 *
 * A "number" is a run of digits, possibly split by single separators (space, - . / ( ) and their
 * full-width forms), that holds at least 7 digits. Dates and clock times are carved out first, so a
 * number written next to a date is still found and the date stays readable.
 */

/** Full-width digits and separators read as their ASCII forms (one UTF-16 unit each, so offsets hold). */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ");
}

const MIN_DIGITS = 7;

const SEP = "[\\s\\u00a0\\-./()–—]";
const DATE = "\\d{4}[-/.年]\\d{1,2}[-/.月]\\d{1,2}日?";
const TIME = "\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?";
/**
 * Tried left to right at each position: a date or a time is kept whole; otherwise a number: digits,
 * at most two separator characters between digit groups, never swallowing a date that follows, and
 * an ID card's closing X. The pattern is linear: each alternative consumes what it matches once.
 */
const CANDIDATE = new RegExp(
  `(${DATE}(?:[ T]${TIME})?|${TIME})|([+(]?\\d(?:(?:${SEP}{1,2}(?!${DATE}))?\\d)*(?:[Xx](?![A-Za-z]))?)`,
  "g",
);
/** ASR writes spoken digits as Chinese numerals too: 幺三九… */
const CHINESE_DIGITS = /[零〇一二三四五六七八九幺两]{7,}/g;

export interface NumberSpan {
  start: number;
  end: number;
  /** The ASCII digits of the number (an ID card's X kept), separators removed. */
  digits: string;
}

/** Every personal number in `text`, with where it sits. */
export function findNumbers(text: string): NumberSpan[] {
  const half = toHalfWidth(text);
  const spans: NumberSpan[] = [];
  for (const match of half.matchAll(CANDIDATE)) {
    if (match[1] !== undefined) continue; // a date or a time
    let value = match[0];
    let start = match.index;
    // A leading "(" or "+" belongs to the number only if it opens it: "(0571)…", "+86 …".
    if (value.startsWith("(") && !value.includes(")")) {
      value = value.slice(1);
      start++;
    }
    const digits = value.replace(/[^\dXx]/g, "").toUpperCase();
    if (digits.replace(/X/g, "").length < MIN_DIGITS) continue;
    spans.push({ start, end: start + value.length, digits });
  }
  for (const match of half.matchAll(CHINESE_DIGITS)) {
    spans.push({ start: match.index, end: match.index + match[0].length, digits: match[0] });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * How much of a number an operator sees: the first three and last four digits of a long one
 * (11 digits and more: mobiles, ID and bank cards), only the last two of a shorter one (an 8-digit
 * landline must not keep 7 of its 8 digits). Separators stay where they were.
 */
export function maskNumber(text: string): string {
  const isDigit = (c: string) => /[\d０-９零〇一二三四五六七八九幺两Xx]/.test(c);
  const chars = Array.from(text);
  const total = chars.filter(isDigit).length;
  const head = total >= 11 ? 3 : 0;
  const tail = total >= 11 ? 4 : 2;
  let seen = 0;
  return chars
    .map((c) => {
      if (!isDigit(c)) return c;
      seen++;
      return seen <= head || seen > total - tail ? c : "*";
    })
    .join("");
}

/** `text` with every personal number in it masked. */
export function maskNumbers(text: string): string {
  const spans = findNumbers(text);
  if (spans.length === 0) return text;
  let out = "";
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    out += text.slice(at, span.start) + maskNumber(text.slice(span.start, span.end));
    at = span.end;
  }
  return out + text.slice(at);
}
