/**
 * Stage directions inside robot lines — `（停顿2s）`, `(pause 1s)`, `【播放音乐】` — are instructions to
 * the TTS, not words anyone heard. The call page shows them as small chips; timing treats a pause as silence.
 */

export type TextPart =
  { kind: "speech"; text: string } | { kind: "direction"; text: string; pauseMs: number | null };

const DIRECTION =
  /[（(【\[]\s*((?:停顿|暂停|静音|等待|pause)[^）)】\]]{0,12}|[^）)】\]]{0,12}(?:音乐|音效|提示音|铃声|转人工)[^）)】\]]{0,6})\s*[）)】\]]/giu;

export function splitStageDirections(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(DIRECTION)) {
    const index = match.index ?? 0;
    if (index > last) parts.push({ kind: "speech", text: text.slice(last, index) });
    parts.push({ kind: "direction", text: match[1]!.trim(), pauseMs: pauseOf(match[1]!) });
    last = index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: "speech", text: text.slice(last) });
  return parts.filter((part) => part.kind === "direction" || part.text.trim() !== "");
}

function pauseOf(direction: string): number | null {
  const m = /(\d+(?:\.\d+)?)\s*(ms|毫秒|s|秒)?/i.exec(direction);
  if (!m) return null;
  const value = Number(m[1]);
  const unit = (m[2] ?? "s").toLowerCase();
  return Math.round(unit === "ms" || unit === "毫秒" ? value : value * 1000);
}

/** The words actually spoken (directions removed), for timing estimates and search. */
export function spokenText(text: string): string {
  return splitStageDirections(text)
    .filter((part) => part.kind === "speech")
    .map((part) => part.text)
    .join("");
}
