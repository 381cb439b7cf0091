/**
 * The one espeak-ng → sox pipeline every recording generator uses (the simulator's clip pool,
 * lib/audio/testdata, lib/audio/validation): a spoken part voiced by espeak-ng, band-limited and
 * resampled to 8 kHz by sox, its leading and trailing silence trimmed (sox `silence`, 20 ms above
 * 0.5 %), as 16-bit samples. Without dither (`-D`), so a generator writes the same bytes on every run.
 *
 * Only generators run this (they need espeak-ng with its Mandarin voice and sox on PATH); the app and
 * the tests read the committed outputs.
 */

import { execFileSync } from "node:child_process";
import { join } from "node:path";

/**
 * @param {string} text
 * @param {{ espeak: string, rate: number, pitch: number, amplitude?: number }} voice espeak-ng voice, words a minute, pitch 0–99
 * @param {string} work a scratch directory
 * @param {{ sampleRate?: number, filters: string[] }} options sox effects before the silence trim (the band)
 * @returns {Int16Array}
 */
export function speakPcm16(text, voice, work, { sampleRate = 8000, filters }) {
  const wav = join(work, "part.wav");
  const args = ["-v", voice.espeak, "-s", String(voice.rate), "-p", String(voice.pitch)];
  if (voice.amplitude !== undefined) args.push("-a", String(voice.amplitude));
  execFileSync("espeak-ng", [...args, "-w", wav, text]);
  const raw = execFileSync(
    "sox",
    [
      "-D",
      wav,
      "-t",
      "raw",
      "-e",
      "signed",
      "-b",
      "16",
      "-c",
      "1",
      "-r",
      String(sampleRate),
      "-",
      ...filters,
      "silence",
      "1",
      "0.02",
      "0.5%",
      "reverse",
      "silence",
      "1",
      "0.02",
      "0.5%",
      "reverse",
    ],
    { maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] },
  );
  return new Int16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

/** Writes raw interleaved 16-bit samples as a WAV in `encoding` (pcm16, mulaw, alaw) with sox. */
export function writeWavWithSox(rawPath, { sampleRate = 8000, channels, encoding }, outPath) {
  const enc = { pcm16: ["-e", "signed", "-b", "16"], mulaw: ["-e", "u-law"], alaw: ["-e", "a-law"] };
  execFileSync("sox", [
    "-D",
    "-t",
    "raw",
    "-r",
    String(sampleRate),
    "-e",
    "signed",
    "-b",
    "16",
    "-c",
    String(channels),
    rawPath,
    ...enc[encoding],
    outPath,
  ]);
}
