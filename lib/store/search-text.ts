/**
 * Full-text search that works for Chinese, including two-character words (利息, 价格) that FTS5's
 * trigram tokenizer cannot find. Text is indexed as overlapping character bigrams ("利息高" →
 * "利息 息高") plus each run's last character alone, all as plain tokens for FTS5's unicode61
 * tokenizer. A query term becomes the phrase of its bigrams (consecutive tokens = a substring match);
 * a one-character term becomes a prefix query that matches every bigram starting with it, or the
 * run-final single character. Digits and Latin letters are treated the same way, so a partial phone
 * number is a substring search too.
 */

import { findNumbers, toHalfWidth } from "@/lib/auth/pii";

const WORD_RUN = /[\p{L}\p{N}]+/gu;

/**
 * Whole numbers are indexed a second time as one token each, `ŋ` + their digits ("ŋ13912345670"):
 * no bigram or single character can look like that, so a whole-number search can only ever match a
 * whole number. Operators search numbers this way only (see matchExpression), so the digits masked
 * from them cannot be recovered by searching parts of a number.
 */
const NUMBER_MARK = "ŋ";

/** Bumped whenever indexTokens changes what it emits: an index built by older code is rebuilt on open. */
export const SEARCH_TOKENS_VERSION = "2";

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

/** A token per personal number (and its national form without +86) and per other digit run. */
function numberTokens(text: string): string[] {
  const out: string[] = [];
  const spans = findNumbers(text);
  for (const span of spans) {
    out.push(NUMBER_MARK + span.digits.toLowerCase());
    const national = /^(?:0086|86)(1\d{10})$/.exec(span.digits);
    if (national) out.push(NUMBER_MARK + national[1]!);
  }
  for (const match of toHalfWidth(text).matchAll(/\d+/g)) {
    const start = match.index;
    if (spans.some((span) => start >= span.start && start < span.end)) continue;
    out.push(NUMBER_MARK + match[0]);
  }
  return out;
}

/**
 * The FTS5 MATCH expression for a user's search, or null when it has nothing searchable.
 * Whitespace-separated terms must all match (AND); within a term, punctuation separates runs
 * that must all appear.
 */
export function matchExpression(query: string, numbers: "whole" | "any" = "any"): string | null {
  const clauses: string[] = [];
  for (let term of query.split(/\s+/)) {
    if (numbers === "whole") {
      // A number matches only a whole number; letters and words around it search as usual.
      term = toHalfWidth(term);
      const spans = findNumbers(term);
      for (const span of spans) clauses.push(quote(NUMBER_MARK + span.digits.toLowerCase()));
      for (const span of spans.reverse()) term = `${term.slice(0, span.start)} ${term.slice(span.end)}`;
      term = term.replace(/\d+/g, (digits) => {
        clauses.push(quote(NUMBER_MARK + digits));
        return " ";
      });
    }
    for (const run of runs(term)) {
      const chars = Array.from(run);
      if (chars.length === 1) {
        clauses.push(`${quote(chars[0]!)}*`);
      } else {
        const bigrams: string[] = [];
        for (let i = 0; i + 1 < chars.length; i++) bigrams.push(chars[i]! + chars[i + 1]!);
        clauses.push(quote(bigrams.join(" ")));
      }
    }
  }
  return clauses.length ? clauses.join(" AND ") : null;
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}
