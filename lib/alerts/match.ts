/**
 * Which alerts a transcript raises, and where. Client-safe: the call page highlights the phrase
 * with the same rule the index applied. Matching folds ASCII case only ("VIP" = "vip"), exactly
 * like SQLite's lower(), which the re-index on start uses: both ways give the same calls.
 */

export interface AlertRule {
  name: string;
  phrases: string[];
}

export function foldCase(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** The first phrase of `phrases` found in `text`, with its position. */
export function findPhrase(
  text: string,
  phrases: readonly string[],
): { phrase: string; start: number; end: number } | null {
  const folded = foldCase(text);
  let best: { phrase: string; start: number; end: number } | null = null;
  for (const phrase of phrases) {
    const start = folded.indexOf(foldCase(phrase));
    if (start >= 0 && (best === null || start < best.start))
      best = { phrase, start, end: start + phrase.length };
  }
  return best;
}

/** Names of the rules any line matches, in the config's order. */
export function matchAlerts(rules: readonly AlertRule[], lines: readonly { text: string }[]): string[] {
  return rules
    .filter((rule) => lines.some((line) => findPhrase(line.text, rule.phrases)))
    .map((rule) => rule.name);
}

/** The first line that raises `rule`, for a notification or a badge's tooltip. */
export function matchingLine<T extends { text: string }>(rule: AlertRule, lines: readonly T[]): T | null {
  return lines.find((line) => findPhrase(line.text, rule.phrases)) ?? null;
}
