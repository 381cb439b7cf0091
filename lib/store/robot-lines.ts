import type { Utterance } from "@/lib/model";
import { spokenText } from "@/lib/transcript/stage-directions";

/**
 * The robot's last line before a call ended, as drop-off groups it: the words spoken (stage
 * directions such as `（停顿2s）` removed), trimmed. A robot line that was only a direction says
 * nothing to group by, so the last robot line with words counts. null: no robot line at all.
 */
export function lastRobotLine(transcript: readonly Pick<Utterance, "speaker" | "text">[]): string | null {
  for (let i = transcript.length - 1; i >= 0; i--) {
    const line = transcript[i]!;
    if (line.speaker !== "robot") continue;
    const text = cleanLine(line.text);
    if (text) return text;
  }
  return null;
}

export function cleanLine(text: string): string {
  return spokenText(text).replace(/\s+/g, " ").trim();
}
