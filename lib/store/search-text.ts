/**
 * Full-text search that works for Chinese, including two-character words (利息, 价格) that FTS5's
 * trigram tokenizer cannot find. Text is indexed as overlapping character bigrams ("利息高" →
 * "利息 息高") plus each run's last character alone, all as plain tokens for FTS5's unicode61
 * tokenizer. A query term becomes the phrase of its bigrams (consecutive tokens = a substring match);
 * a one-character term becomes a prefix query that matches every bigram starting with it, or the
 * run-final single character. Digits and Latin letters are treated the same way, so a partial phone
 * number is a substring search too.
 */

const WORD_RUN = /[\p{L}\p{N}]+/gu;

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
  return out.join(" ");
}

/**
 * The FTS5 MATCH expression for a user's search, or null when it has nothing searchable.
 * Whitespace-separated terms must all match (AND); within a term, punctuation separates runs
 * that must all appear.
 */
export function matchExpression(query: string): string | null {
  const clauses: string[] = [];
  for (const term of query.split(/\s+/)) {
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
