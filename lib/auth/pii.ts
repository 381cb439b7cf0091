/**
 * Personal numbers in free text — phone numbers (mobile and landline, with or without area code,
 * however they are punctuated), mainland ID-card numbers and bank-card numbers — found by one
 * detector that the masker (what operators see) and the search index (what operators can find)
 * share, so what is hidden can never be found by a part of it.
 *
 * A digit is any way of writing one: ASCII, full-width, any script's decimal digits (Arabic-Indic
 * …), circled and parenthesised digits, Chinese digits (一二三 … 幺 两 〇) and their formal forms
 * (壹贰叁 …), mixed freely ("138一二三四5678"). Invisible characters (zero-width spaces, joiners,
 * combining marks) are not seen at all. Digit groups are joined by runs of at most three separators:
 *  - spaces, dashes, dots, slashes, brackets, _ · and the like join groups into one run, and a run
 *    of 7 digits or more is a number (an 8-digit local landline is a phone number; ids and counters
 *    of 7 digits or more are masked too, since the detector cannot tell them from one);
 *  - list punctuation (, ， 、 ~) joins groups only where, together, they have a personal number's
 *    shape ("138、1234、5678"; LISTED_NUMBER), so "1600, 3200, 6400" stays a list.
 *
 * Kept whole, so a number written next to them is still found and they stay readable: dates, clock
 * times, UUIDs and long hex ids (unless they hold a run of 11 digits). A decimal fraction
 * ("22901.00") is not part of a number's digits.
 */

/** Full-width digits and separators read as their ASCII forms (one UTF-16 unit each, so offsets hold). */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ");
}

const MIN_DIGITS = 7;
/** Visible separator characters allowed between two digit groups: "138 - 1234" has three. */
const MAX_SEPARATORS = 3;

/** Digits outside the Unicode decimal digits (Nd): Chinese, formal, circled, superscript … */
const DIGIT_VALUE = new Map<number, number>();
for (const [value, chars] of [
  "零〇",
  "一幺壹",
  "二两兩贰貳",
  "三叁參",
  "四肆",
  "五伍",
  "六陆陸",
  "七柒",
  "八捌",
  "九玖",
].entries())
  for (const c of chars) DIGIT_VALUE.set(c.codePointAt(0)!, value);
for (const [zero, from] of [
  [0x2460 - 1, 1], // ① … ⑨
  [0x2474 - 1, 1], // ⑴ … ⑼
  [0x2488 - 1, 1], // ⒈ … ⒐
  [0x24f5 - 1, 1], // ⓵ … ⓽
  [0x2776 - 1, 1], // ❶ … ❾
  [0x2780 - 1, 1], // ➀ … ➈
  [0x278a - 1, 1], // ➊ … ➒
  [0x3021 - 1, 1], // 〡 … 〩 (Suzhou numerals)
  [0x3220 - 1, 1], // ㈠ … ㈨
  [0x3280 - 1, 1], // ㊀ … ㊈
  [0x2070, 0], // ⁰ ⁴ … ⁹ (¹ ² ³ below)
  [0x2080, 0], // ₀ … ₉
] as const)
  for (let value = from; value <= 9; value++) DIGIT_VALUE.set(zero + value, value);
for (const [cp, value] of [
  [0x24ea, 0], // ⓪
  [0x24ff, 0], // ⓿
  [0xb9, 1],
  [0xb2, 2],
  [0xb3, 3],
] as const)
  DIGIT_VALUE.set(cp, value);
for (const cp of [0x2071, 0x2072, 0x2073]) DIGIT_VALUE.delete(cp); // ⁱ and two unassigned: not digits

const ND = /\p{Nd}/u;
const INVISIBLE = /[\p{Cf}\p{Mn}\p{Me}]/u;

/**
 * What a character is to the detector: 0-9, a digit of that value, or one of these. Known per UTF-16 unit once met, so a line costs one table look-up per character.
 */
const PLAIN = -1;
const INVISIBLE_CHAR = -2;
const WIDE = -3; // a full-width form of an ASCII character, or the ideographic space
const PAIR = -4; // the first half of a surrogate pair: the code point tells
const UNKNOWN = -128;
const unitKinds = new Int8Array(0x10000).fill(UNKNOWN);
const astralKinds = new Map<number, number>();

function kindOf(cp: number): number {
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  if (cp < 0x80) return PLAIN;
  const listed = DIGIT_VALUE.get(cp);
  if (listed !== undefined) return listed;
  if (cp >= 0xd800 && cp <= 0xdbff) return PAIR;
  const c = String.fromCodePoint(cp);
  if (ND.test(c)) {
    // Unicode encodes every script's decimal digits as runs of ten, 0 to 9, so a digit's value is
    // its distance from the start of its run of Nd characters, modulo 10.
    let start = cp;
    while (ND.test(String.fromCodePoint(start - 1))) start--;
    return (cp - start) % 10;
  }
  if ((cp >= 0xff01 && cp <= 0xff5e) || cp === 0x3000) return WIDE;
  return INVISIBLE.test(c) ? INVISIBLE_CHAR : PLAIN;
}

/** The kind of the character starting at `i` (a whole code point for a surrogate pair). */
function kindAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  let kind = unitKinds[unit]!;
  if (kind === UNKNOWN) kind = unitKinds[unit] = kindOf(unit);
  if (kind !== PAIR) return kind;
  const cp = text.codePointAt(i)!;
  if (cp === unit) return PLAIN; // a lone surrogate
  kind = astralKinds.get(cp) ?? UNKNOWN;
  if (kind === UNKNOWN) astralKinds.set(cp, (kind = kindOf(cp)));
  return kind;
}

/** 0-9 for a character that writes a digit (any form the detector reads: 三, ③, ٣ …), -1 for any other. */
export function digitValue(c: string): number {
  const kind = kindAt(c, 0);
  return kind >= 0 ? kind : -1;
}

const ASCII_DIGITS = "0123456789";
/** Invisible characters become this in the detector's copy of the text. */
const HIDDEN = "\u0000";

/**
 * The text as the detector reads it, offset for offset (UTF-16 units): every digit as ASCII, full-width
 * forms as ASCII, invisible characters as NUL. Null when it holds fewer than 7 characters that could be
 * digits, as most lines do, and so no number.
 */
function readable(text: string): string | null {
  let digits = 0;
  for (let i = 0; i < text.length && digits < MIN_DIGITS; i++) if (kindAt(text, i) >= 0) digits++;
  if (digits < MIN_DIGITS) return null;
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const kind = kindAt(text, i);
    const unit = text.charCodeAt(i);
    if (kind === PLAIN || unit < 0x80) continue;
    const size = unit >= 0xd800 && unit <= 0xdbff && text.codePointAt(i)! > 0xffff ? 2 : 1;
    let read: string;
    if (kind >= 0) read = ASCII_DIGITS[kind]! + HIDDEN.repeat(size - 1);
    else if (kind === WIDE) read = unit === 0x3000 ? " " : String.fromCharCode(unit - 0xfee0);
    else read = HIDDEN.repeat(size);
    out += text.slice(from, i) + read;
    from = i + size;
    i += size - 1;
  }
  return out + text.slice(from);
}

const Z = "\\u0000";
/** Separators that set groups of one number apart ("138 1234", "0571-8899", "(0571)8899"). */
const TIGHT =
  "\\s\\-./()_\\u00b7\\u2010-\\u2015\\u2022\\u2027\\u2043\\u2212\\u2219\\u22c5\\ufe63\\u30fb\\uff65";
/** List punctuation: between short groups it joins them ("138、1234、5678"), never two whole numbers. */
const WEAK = ",~\\u3001\\u301c\\ufe50\\ufe51\\uff64";
const WEAK_CHAR = new RegExp(`[${WEAK}]`);
const DIGIT = `\\d${Z}*`;
const SEP = `[${TIGHT}${WEAK}]${Z}*`;
/** A real calendar date: "1234-56-78" is the end of a phone number, not a date. */
const DATE = "(?:19|20)\\d{2}[-/.年](?:1[0-2]|0?[1-9])[-/.月](?:3[01]|[12]\\d|0?[1-9])(?:日|(?!\\d))";
const TIME = "\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?";
const HEX = "[0-9a-fA-F]";
/** A UUID, unless a run of 11 digits in it could be a phone number. */
const UUID =
  `(?<![0-9A-Za-z])(?=[-0-9a-fA-F]{0,35}[a-fA-F])${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-` +
  `(?!${HEX}?\\d{11})${HEX}{12}(?![0-9A-Za-z])`;
/** A word of 16 or more hex characters, letters among them, and no run of 11 digits. */
const HEX_ID = `(?<![0-9A-Za-z])(?=${HEX}*[a-fA-F])(?!${HEX}*\\d{11})${HEX}{16,}(?![0-9A-Za-z])`;
const KEPT = `${DATE}(?:[ T]${TIME})?|${TIME}|${UUID}|${HEX_ID}`;
const KEPT_AT = new RegExp(KEPT, "y");
/**
 * At a digit: what is kept whole (group 1), or else a number: digits, short separator runs between
 * digit groups, never swallowing what is kept whole that follows, and an ID card's closing X. Linear:
 * separators and digits never overlap, so nothing is tried twice.
 */
const ITEM_AT = new RegExp(
  `(${KEPT})|${DIGIT}(?:(?:${SEP}){1,${MAX_SEPARATORS}}(?!${KEPT})${DIGIT}|${DIGIT})*(?:[Xx](?![A-Za-z]))?`,
  "y",
);
const NEXT_DIGIT = /\d/g;

export interface NumberSpan {
  start: number;
  end: number;
  /** The ASCII digits of the number (an ID card's X kept), separators removed, whatever the digits' forms. */
  digits: string;
}

interface Group {
  start: number;
  end: number;
  digits: string;
}

/** Every personal number in `text`, with where it sits. */
export function findNumbers(text: string): NumberSpan[] {
  const spans: NumberSpan[] = [];
  const seen = readable(text);
  if (seen === null) return spans;
  // From each digit not yet read: a date, time, UUID or hex id there (or starting with the word the
  // digit is in: "ed26665c-…") is kept whole; otherwise the number that starts there.
  for (let at = 0; ;) {
    NEXT_DIGIT.lastIndex = at;
    const digit = NEXT_DIGIT.exec(seen)?.index;
    if (digit === undefined) return spans;
    let word = digit;
    while (word > at && isWordChar(seen.charCodeAt(word - 1))) word--;
    if (word < digit) {
      KEPT_AT.lastIndex = word;
      if (KEPT_AT.test(seen)) {
        at = KEPT_AT.lastIndex;
        continue;
      }
    }
    ITEM_AT.lastIndex = digit;
    const item = ITEM_AT.exec(seen)!;
    at = ITEM_AT.lastIndex;
    if (item[1] !== undefined) continue;
    // A leading "+" or "(" is the number's: "+86 …", "(0571)…" (numbersIn keeps a "(" only if it closes).
    const start = digit > 0 && (seen[digit - 1] === "+" || seen[digit - 1] === "(") ? digit - 1 : digit;
    if (at - start >= MIN_DIGITS) numbersIn(seen.slice(start, at), start, spans);
  }
}

function isWordChar(unit: number): boolean {
  return (unit >= 0x30 && unit <= 0x39) || ((unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x7a);
}

/**
 * What list punctuation may join short digit groups into: only the shape of a personal number — a
 * mobile (10 or 11 digits from 1, with or without 86/0086), a landline with its area code, an ID
 * card (province code, then a birth year for 18 digits) — or a bank card (isListedCard).
 * "1600, 3200, 6400" or "400, 401, 403" stay lists.
 */
const LISTED_NUMBER =
  /^(?:(?:0086|86)?1\d{9,10}|0[1-9]\d{8,10}|(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])\d{4}(?:(?:18|19|20)\d{9}[\dX]|\d{9}))$/;
const MAX_NUMBER_DIGITS = 19;

/**
 * The numbers in one candidate run. Groups joined by tight separators are one unit; groups joined
 * by list punctuation are one number where, together, they have a personal number's shape (the
 * longest such run from each group, left to right, never cutting a unit of 7 digits or more); any
 * other unit of 7 digits or more is a number on its own (less its cents: "22901.00" is not).
 */
function numbersIn(run: string, at: number, spans: NumberSpan[]): void {
  const lead = run[0] === "+" || run[0] === "(" ? run[0] : "";
  const groups: Group[] = [];
  const separators: string[] = []; // separators[k]: the visible separators after groups[k]
  let i = lead.length;
  while (i < run.length) {
    const start = i;
    while (i < run.length && (isDigit(run[i]!) || run[i] === HIDDEN)) i++;
    groups.push({ start, end: i, digits: run.slice(start, i).replaceAll(HIDDEN, "").toUpperCase() });
    let visible = "";
    for (; i < run.length && !isDigit(run[i]!); i++) if (run[i] !== HIDDEN) visible += run[i];
    if (i < run.length) separators.push(visible);
  }
  const units: Group[] = []; // start and end: the unit's first and last group; digits: its digits
  const unitOf: number[] = [];
  for (let first = 0, k = 0; k < groups.length; k++) {
    unitOf.push(units.length);
    if (k < separators.length && !WEAK_CHAR.test(separators[k]!)) continue;
    units.push({ start: first, end: k, digits: digitsOf(groups, first, k) });
    first = k + 1;
  }
  const long = (u: number) => countDigits(units[u]!.digits) >= MIN_DIGITS;
  const found: [number, number][] = [];
  const covered = new Set<number>(); // units with a group in a listed number
  for (let g = 0; units.length > 1 && g < groups.length; g++) {
    const u = unitOf[g]!;
    if (g !== units[u]!.start && long(u)) continue;
    let end = -1;
    for (let h = g, digits = ""; h < groups.length; h++) {
      digits += groups[h]!.digits;
      if (digits.length > MAX_NUMBER_DIGITS) break;
      const v = unitOf[h]!;
      if (v === u || (h !== units[v]!.end && long(v))) continue;
      if (LISTED_NUMBER.test(digits) || isListedCard(groups, g, h, digits)) end = h;
    }
    if (end < 0) continue;
    found.push([g, end]);
    for (let v = u; v <= unitOf[end]!; v++) covered.add(v);
    g = end;
  }
  for (let u = 0; u < units.length; u++) {
    if (covered.has(u) || !long(u)) continue;
    const first = units[u]!.start;
    let last = units[u]!.end;
    // "22901.00": cents are not digits of a number.
    if (
      last > first &&
      separators[last - 1] === "." &&
      /^\d{1,2}$/.test(groups[last]!.digits) &&
      !separators.slice(first, last - 1).some((s) => s.includes("."))
    )
      last--;
    if (countDigits(digitsOf(groups, first, last)) >= MIN_DIGITS) found.push([first, last]);
  }
  for (const [first, last] of found.sort((a, b) => a[0] - b[0])) {
    // A leading "(" belongs to the number only if it opens it: "(0571)…"; a "+" always: "+86 …".
    const opens =
      first === 0 &&
      (lead === "+" || (lead === "(" && separators.slice(0, last).some((s) => s.includes(")"))));
    const start = opens ? 0 : groups[first]!.start;
    spans.push({ start: at + start, end: at + groups[last]!.end, digits: digitsOf(groups, first, last) });
  }
}

/** 16 to 19 digits, in chunks of four (the last 1 to 4) or passing the Luhn check: a bank card. */
function isListedCard(groups: Group[], first: number, last: number, digits: string): boolean {
  if (digits.length < 16 || digits.includes("X")) return false;
  let chunked = groups[last]!.digits.length <= 4;
  for (let g = first; g < last && chunked; g++) chunked = groups[g]!.digits.length === 4;
  return chunked || luhn(digits);
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    const d = (digits.charCodeAt(i) - 48) * (double ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return sum % 10 === 0;
}

function digitsOf(groups: Group[], first: number, last: number): string {
  let digits = "";
  for (let k = first; k <= last; k++) digits += groups[k]!.digits;
  return digits;
}

/** A digit (or an ID card's X) in the detector's copy of the text. */
function isDigit(c: string): boolean {
  return (c >= "0" && c <= "9") || c === "X" || c === "x";
}

function countDigits(digits: string): number {
  return digits.replace(/X/g, "").length;
}

function isDigitChar(c: string): boolean {
  return digitValue(c) >= 0 || c === "X" || c === "x" || c === "Ｘ" || c === "ｘ";
}

/**
 * How much of a number an operator sees: the first three and last four digits of a long one
 * (11 digits and more: mobiles, ID and bank cards), only the last two of a shorter one (an 8-digit
 * landline must not keep 7 of its 8 digits). Separators stay where they were.
 */
export function maskNumber(text: string): string {
  const chars = Array.from(text);
  const total = chars.filter(isDigitChar).length;
  const head = total >= 11 ? 3 : 0;
  const tail = total >= 11 ? 4 : 2;
  let seen = 0;
  return chars
    .map((c) => {
      if (!isDigitChar(c)) return c;
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
