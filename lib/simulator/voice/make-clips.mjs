#!/usr/bin/env node
/**
 * Voices every script line once and writes the simulator's committed clip pool:
 *   lib/simulator/voice/clips.ulaw      all clips, 8 kHz mono μ-law (1 byte per sample), back to back
 *   lib/simulator/voice/manifest.json   { id, text, speaker, voice, offset, length } per clip (samples)
 *
 * Re-run after changing any line in lib/simulator/dataset/scripts/ (a unit test fails until you do):
 *   node lib/simulator/voice/make-clips.mjs
 * It needs espeak-ng (with its Mandarin voice, `cmn`) and sox on PATH, and the project's node_modules
 * (it transpiles the TypeScript scripts with `typescript`). Nothing else ever runs these tools: the
 * app, tests and CI only read the two committed files.
 *
 * Each line: split on stage directions (（停顿1s） is silence of that length, not speech), each spoken
 * part voiced by espeak-ng, band-limited and resampled to 8 kHz by sox, its leading/trailing silence
 * trimmed, the parts joined with the pauses, peak-normalized, padded to a whole millisecond (so clip
 * lengths are integer ms and line spans are exact), then μ-law encoded with lib/audio/g711.ts.
 */

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { speakPcm16 } from "../../audio/synth/espeak-sox.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "../../..");
const SAMPLE_RATE = 8000;
const MAX_BYTES = 3 * 1024 * 1024;
const PEAK = Math.round(32767 * 0.89); // -1 dBFS: loudness between speakers is set at mixing time

/**
 * The robot is a steady, slightly fast female TTS voice; customers get one of three voices chosen by
 * the line id's last number (`.1` male, `.2` female, `.3` second male) so calls can keep a customer's voice.
 */
const VOICES = {
  robot: { espeak: "cmn+f3", rate: 375, pitch: 58 },
  m1: { espeak: "cmn+m3", rate: 320, pitch: 42 },
  f1: { espeak: "cmn+f4", rate: 330, pitch: 72 },
  m2: { espeak: "cmn+m7", rate: 305, pitch: 34 },
};

function voiceOf(line) {
  if (line.speaker === "robot") return "robot";
  const n = Number(/\.(\d+)$/.exec(line.id)?.[1] ?? 1);
  return n % 3 === 2 ? "f1" : n % 3 === 0 ? "m2" : "m1";
}

/** Transpile the TypeScript modules we need into a temp dir (relative imports only) and import them. */
async function loadTs(work, files) {
  const modules = {};
  for (const file of files) {
    const source = readFileSync(join(ROOT, file), "utf8");
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: false,
      },
      fileName: file,
    });
    const js = outputText.replace(/(from\s+["'])(\.{1,2}\/[^"']+)(["'])/g, "$1$2.mjs$3");
    if (/from\s+["']@\//.test(js))
      throw new Error(`${file} imports a value through "@/": use a relative import`);
    const out = join(work, file.replace(/\.ts$/, ".mjs"));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, js);
  }
  for (const file of files)
    modules[file] = await import(pathToFileURL(join(work, file.replace(/\.ts$/, ".mjs"))).href);
  return modules;
}

/** One spoken part → 16-bit samples at 8 kHz, trimmed of leading and trailing silence. */
function speak(text, voice, work) {
  // Telephone band: no rumble below 300 Hz to speak of.
  return speakPcm16(text, voice, work, { sampleRate: SAMPLE_RATE, filters: ["highpass", "150"] });
}

function voiceLine(line, splitStageDirections, work) {
  const voice = VOICES[voiceOf(line)];
  const pieces = [];
  for (const part of splitStageDirections(line.text)) {
    if (part.kind === "direction")
      pieces.push(new Int16Array(Math.round(((part.pauseMs ?? 0) / 1000) * SAMPLE_RATE)));
    else pieces.push(speak(part.text, voice, work));
  }
  let length = pieces.reduce((sum, piece) => sum + piece.length, 0);
  length = Math.ceil(length / (SAMPLE_RATE / 1000)) * (SAMPLE_RATE / 1000);
  const samples = new Int16Array(length);
  let at = 0;
  for (const piece of pieces) {
    samples.set(piece, at);
    at += piece.length;
  }
  let peak = 1;
  for (const s of samples) peak = Math.max(peak, Math.abs(s));
  const gain = PEAK / peak;
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(samples[i] * gain);
  return samples;
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), "callscope-clips-"));
  try {
    const scriptDir = "lib/simulator/dataset/scripts";
    const scriptFiles = readdirSync(join(ROOT, scriptDir))
      .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"))
      .map((name) => `${scriptDir}/${name}`);
    const modules = await loadTs(work, [
      ...scriptFiles,
      "lib/transcript/stage-directions.ts",
      "lib/audio/g711.ts",
    ]);
    const { allScriptLines } = modules[`${scriptDir}/pool.ts`];
    const { splitStageDirections } = modules["lib/transcript/stage-directions.ts"];
    const { encodeMulaw } = modules["lib/audio/g711.ts"];

    const lines = allScriptLines();
    const ids = new Set();
    for (const line of lines) {
      if (ids.has(line.id)) throw new Error(`duplicate line id ${line.id}`);
      ids.add(line.id);
    }

    const chunks = [];
    const clips = [];
    let offset = 0;
    for (const line of lines) {
      const samples = voiceLine(line, splitStageDirections, work);
      chunks.push(encodeMulaw(samples));
      clips.push({
        id: line.id,
        text: line.text,
        speaker: line.speaker,
        voice: voiceOf(line),
        offset,
        length: samples.length,
      });
      offset += samples.length;
      process.stdout.write(
        `${line.id.padEnd(24)} ${(samples.length / SAMPLE_RATE).toFixed(2)}s  ${line.text}\n`,
      );
    }

    const blob = Buffer.concat(chunks);
    const manifest = {
      generatedBy: relative(ROOT, fileURLToPath(import.meta.url)),
      espeak: execFileSync("espeak-ng", ["--version"]).toString().trim(),
      format: "mulaw",
      sampleRate: SAMPLE_RATE,
      clips,
    };
    // One clip per line keeps diffs of the manifest readable.
    const json = `{\n${Object.entries(manifest)
      .filter(([key]) => key !== "clips")
      .map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},\n`)
      .join("")}  "clips": [\n${clips.map((clip) => `    ${JSON.stringify(clip)}`).join(",\n")}\n  ]\n}\n`;
    writeFileSync(join(HERE, "clips.ulaw"), blob);
    writeFileSync(join(HERE, "manifest.json"), json);
    const seconds = blob.length / SAMPLE_RATE;
    process.stdout.write(`\n${clips.length} clips, ${seconds.toFixed(1)} s, ${blob.length} bytes\n`);
    if (blob.length > MAX_BYTES) {
      process.stderr.write(`clips.ulaw is over ${MAX_BYTES} bytes: shorten the line pool\n`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
