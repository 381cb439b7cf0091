/**
 * Full-text search that works for Chinese, including two-character words (利息, 价格) that FTS5's
 * trigram tokenizer cannot find. Text is indexed as overlapping character bigrams ("利息高" →
 * "利息 息高") plus each run's last character alone, all as plain tokens for FTS5's unicode61
 * tokenizer. A query term becomes the phrase of its bigrams (consecutive tokens = a substring match);
 * a one-character term becomes a prefix query that matches every bigram starting with it, or the
 * run-final single character. Digits and Latin letters are treated the same way, so a partial phone
 * number is a substring search too.
 */

import { digitValue, findNumbers, toHalfWidth } from "@/lib/auth/pii";

const WORD_RUN = /[\p{L}\p{N}]+/gu;

/**
 * Whole numbers are indexed a second time as one token each, `ŋ` + their digits ("ŋ13912345670"):
 * no bigram or single character can look like that, so a whole-number search can only ever match a
 * whole number. Operators search numbers this way only (see matchExpression), so the digits masked
 * from them cannot be recovered by searching parts of a number.
 */
const NUMBER_MARK = "ŋ";

/** Bumped whenever indexTokens changes what it emits: an index built by older code is rebuilt on open. */
export const SEARCH_TOKENS_VERSION = "3";

function runs(text: string): string[] {
  return text.toLowerCase().match(WORD_RUN) ?? [];
}

/** Tokens to index for one text (callee, caller, an utterance …). */
export function indexTokens(text: string): string {
  const out: string[] = [];
  for (const run of runs(text)) {
    const chars = Array.from(run);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    out.push(chars[chars.length - 1]!);
  }
  out.push(...numberTokens(text));
  return out.join(" ");
}

/** A Chinese mobile's own 11 digits when `digits` are it with its country code (86…, 0086…), else null. */
function nationalMobile(digits: string): string | null {
  return /^(?:0086|86)(1\d{10})$/.exec(digits)?.[1] ?? null;
}

/** A token per personal number (and its national form without +86) and per other digit run. */
function numberTokens(text: string): string[] {
  const out: string[] = [];
  const spans = findNumbers(text);
  for (const span of spans) {
    out.push(NUMBER_MARK + span.digits.toLowerCase());
    const national = nationalMobile(span.digits);
    if (national) out.push(NUMBER_MARK + national);
  }
  for (const match of toHalfWidth(text).matchAll(/\d+/g)) {
    const start = match.index;
    if (spans.some((span) => start >= span.start && start < span.end)) continue;
    out.push(NUMBER_MARK + match[0]);
  }
  return out;
}

/** One condition of a search: consecutive tokens (a phrase), or any token starting with `token`. */
export type SearchClause = { phrase: string[] } | { prefix: string };

/**
 * A user's search as clauses that must all match, or [] when it has nothing searchable.
 * Whitespace-separated terms must all match (AND); within a term, punctuation separates runs
 * that must all appear. Both backends build their match from these: the same search, the same calls.
 */
export function searchClauses(query: string, numbers: "whole" | "any" = "any"): SearchClause[] {
  const clauses: SearchClause[] = [];
  for (let term of nationalForms(query).split(/\s+/)) {
    if (numbers === "whole") {
      // A number matches only a whole number; letters and words around it search as usual.
      term = toHalfWidth(term);
      const spans = findNumbers(term);
      for (const span of spans) clauses.push({ phrase: [NUMBER_MARK + span.digits.toLowerCase()] });
      for (const span of spans.reverse()) term = `${term.slice(0, span.start)} ${term.slice(span.end)}`;
      term = term.replace(/\d+/g, (digits) => {
        clauses.push({ phrase: [NUMBER_MARK + digits] });
        return " ";
      });
      // Digits written as characters (一三九…, ③④) are part of a number just the same: as text
      // they matched pair by pair, and a masked number's hidden digits were found two at a time.
      // Two or more in a row are a number, matched whole. The price: for an operator a word like
      // 五一 or 三四天 is looked for as the number 51 or 34, and finds only that.
      term = digitRunsOut(term, (digits) => clauses.push({ phrase: [NUMBER_MARK + digits] }));
    }
    for (const run of runs(term)) {
      const chars = Array.from(run);
      if (chars.length === 1) {
        clauses.push({ prefix: chars[0]! });
      } else {
        const bigrams: string[] = [];
        for (let i = 0; i + 1 < chars.length; i++) bigrams.push(chars[i]! + chars[i + 1]!);
        clauses.push({ phrase: bigrams });
      }
    }
  }
  return clauses;
}

/** `term` with each run of two or more digit characters (三四, ③④, ٣٤ …) taken out and handed to `take` as ASCII digits. */
function digitRunsOut(term: string, take: (digits: string) => void): string {
  let out = "";
  let run: string[] = [];
  const end = () => {
    if (run.length >= 2) {
      take(run.map((char) => String(digitValue(char))).join(""));
      out += " ";
    } else out += run.join("");
    run = [];
  };
  for (const char of term) {
    if (digitValue(char) >= 0) run.push(char);
    else {
      end();
      out += char;
    }
  }
  end();
  return out;
}

/**
 * A Chinese mobile number written with its country code (+86 138…, 0086…) searched as the index
 * holds callees, without it: an operator pasting "+8613893624176" found nothing.
 */
function nationalForms(query: string): string {
  const half = toHalfWidth(query);
  let out = half;
  let changed = false;
  for (const span of findNumbers(half).reverse()) {
    const national = nationalMobile(span.digits);
    if (!national) continue;
    out = `${out.slice(0, span.start)}${national}${out.slice(span.end)}`;
    changed = true;
  }
  return changed ? out : query;
}

/** The FTS5 MATCH expression for a user's search (SQLite), or null when it has nothing searchable. */
export function matchExpression(query: string, numbers: "whole" | "any" = "any"): string | null {
  const clauses = searchClauses(query, numbers).map((clause) =>
    "prefix" in clause ? `${quote(clause.prefix)}*` : quote(clause.phrase.join(" ")),
  );
  return clauses.length ? clauses.join(" AND ") : null;
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The same search as a PostgreSQL tsquery: a phrase is its tokens joined by <-> (next position), a
 * prefix is `token:*`. Written as tsquery text, not through to_tsquery, so no parser or locale can
 * split or fold a token differently from how it was indexed.
 */
export function tsQuery(query: string, numbers: "whole" | "any" = "any"): string | null {
  const clauses = searchClauses(query, numbers).map((clause) =>
    "prefix" in clause ? `${lexeme(clause.prefix)}:*` : `(${clause.phrase.map(lexeme).join(" <-> ")})`,
  );
  return clauses.length ? clauses.join(" & ") : null;
}

/** PostgreSQL keeps positions up to 16383; later tokens share the last one (phrases there may miss). */
const MAX_POSITION = 16_383;

/**
 * The search document (space-separated tokens, as FTS5 reads it) as tsvector text: each token with
 * the positions it holds, so phrase queries mean in PostgreSQL exactly what they mean in FTS5.
 */
export function tsVector(document: string): string {
  const positions = new Map<string, number[]>();
  let position = 0;
  for (const token of document.split(" ")) {
    if (!token) continue;
    position = Math.min(position + 1, MAX_POSITION);
    const list = positions.get(token);
    if (!list) positions.set(token, [position]);
    else if (list[list.length - 1] !== position && list.length < 256) list.push(position);
  }
  return [...positions].map(([token, at]) => `${lexeme(token)}:${at.join(",")}`).join(" ");
}

function lexeme(token: string): string {
  return `'${token.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** Callee, caller and the transcript's lines: the one document both backends index for a call. */
export function searchDocument(texts: readonly string[]): string {
  return texts.map(memoTokens).join(" ");
}

/**
 * A robot's script lines (and many customers' answers) repeat across thousands of calls: each text's
 * tokens are made once, not once per call a sync writes. Bounded: a full memo starts over.
 */
const tokensOf = new Map<string, string>();
const MEMO_TEXTS = 20_000;
const MEMO_TEXT_LENGTH = 500;

/** A callee's or caller's number: a new one in nearly every call, and it would only push script lines out. */
const NUMBER_ONLY = /^[\d\s+*()-]*$/;

function memoTokens(text: string): string {
  if (text.length > MEMO_TEXT_LENGTH || NUMBER_ONLY.test(text)) return indexTokens(text);
  let tokens = tokensOf.get(text);
  if (tokens === undefined) {
    tokens = indexTokens(text);
    if (tokensOf.size >= MEMO_TEXTS) tokensOf.clear();
    tokensOf.set(text, tokens);
  }
  return tokens;
}
