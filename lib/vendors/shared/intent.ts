import type { Intent } from "@/lib/model";

const INTENT_WORD = /^([A-F])\s*(?:类|级)?(?:客户|意向)?$/i;

/**
 * An intent level from a vendor's word: "A", "a", "A类", "A级", "A类客户" → A; any other word is no
 * level, and is kept as the label.
 */
export function intentFromWord(word: string | null | undefined): {
  intent: Intent | null;
  intentLabel: string | null;
} {
  if (!word || !word.trim()) return { intent: null, intentLabel: null };
  const trimmed = word.trim();
  const m = INTENT_WORD.exec(trimmed);
  if (!m) return { intent: null, intentLabel: trimmed };
  const intent = m[1]!.toUpperCase() as Intent;
  return { intent, intentLabel: trimmed.toUpperCase() === intent ? null : trimmed };
}
