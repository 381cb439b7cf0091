import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Speaker } from "@/lib/model";
import manifest from "./manifest.json";

/**
 * The committed voice clips (made once by make-clips.mjs): every script line spoken, 8 kHz mono
 * μ-law, back to back in clips.ulaw. The manifest alone tells each clip's length, which is all the
 * dataset needs to time lines; the audio itself is read only when a recording is rendered.
 */

export const CLIP_SAMPLE_RATE = 8000;
const SAMPLES_PER_MS = CLIP_SAMPLE_RATE / 1000;

/** robot, or the customer voice the clip was spoken with (m1/m2 male, f1 female). */
export type ClipVoice = "robot" | "m1" | "m2" | "f1";

export interface ClipInfo {
  id: string;
  text: string;
  speaker: Speaker;
  voice: ClipVoice;
  /** Byte (= sample) offset into clips.ulaw. */
  offset: number;
  /** Samples; always a whole number of milliseconds. */
  length: number;
}

export const CLIPS: readonly ClipInfo[] = manifest.clips as ClipInfo[];

const BY_ID: ReadonlyMap<string, ClipInfo> = new Map(CLIPS.map((clip) => [clip.id, clip]));

export function findClip(id: string): ClipInfo | undefined {
  return BY_ID.get(id);
}

export function clipInfo(id: string): ClipInfo {
  const clip = BY_ID.get(id);
  if (!clip) throw new Error(`no voice clip "${id}": re-run lib/simulator/voice/make-clips.mjs`);
  return clip;
}

/** How long a clip plays, in ms (exact: clips are padded to whole milliseconds). */
export function clipMs(id: string): number {
  return clipInfo(id).length / SAMPLES_PER_MS;
}

export function isMaleVoice(voice: ClipVoice): boolean {
  return voice === "m1" || voice === "m2";
}

let audio: Buffer | null = null;

/**
 * The μ-law bytes of every clip, loaded on first use. Looked up from the working directory first
 * (how `next start`, the dev server and tests run), then next to this module; env
 * CALLSCOPE_VOICE_CLIPS may point elsewhere.
 */
export function clipAudio(): Buffer {
  if (audio) return audio;
  const candidates = [
    process.env.CALLSCOPE_VOICE_CLIPS,
    path.join(process.cwd(), "lib/simulator/voice/clips.ulaw"),
  ];
  try {
    candidates.push(path.join(path.dirname(fileURLToPath(import.meta.url)), "clips.ulaw"));
  } catch {
    // Bundled without a file URL: the working directory has to do.
  }
  const expected = CLIPS.reduce((end, clip) => Math.max(end, clip.offset + clip.length), 0);
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      // Read at run time from the checkout, not traced into the build.
      const bytes = readFileSync(/*turbopackIgnore: true*/ candidate);
      if (bytes.length < expected)
        throw new Error(`${candidate} is ${bytes.length} bytes, the manifest needs ${expected}`);
      audio = bytes;
      return bytes;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
  throw new Error(`voice clips not found (looked in ${candidates.filter(Boolean).join(", ")})`);
}
