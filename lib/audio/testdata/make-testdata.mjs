#!/usr/bin/env node
/**
 * Writes the committed real-speech test recordings for alignment (lib/audio/align.test.ts):
 *   lib/audio/testdata/<name>.wav   8 kHz telephony calls of synthesized Mandarin
 *   lib/audio/testdata/truth.json   per file: the transcript as a vendor gives it, and each line's TRUE
 *                                   start/end in the audio (written here, where the audio is placed)
 *
 *   node lib/audio/testdata/make-testdata.mjs
 *
 * Needs espeak-ng (Mandarin, `cmn`) and sox on PATH. Tests never run them: they read the committed files.
 *
 * Built to be unlike what the estimator assumes (which is why the simulator's recordings could not
 * show the problem): two different voices (robot: fast female TTS; customer: slower male or female
 * voice, quieter), leading silence, customer hesitations of 0.3–5 s, robot ASR latency of 0.6–1.5 s,
 * a （停顿2s） stage direction inside a robot line, and a barge-in: the customer starts talking while the
 * robot's line is still playing, the robot stops about half a second later. Line noise (white, its level
 * drifting), 50 Hz mains hum with harmonics, and in stereo a little crosstalk of the other party.
 */

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { speakPcm16, writeWavWithSox } from "../synth/espeak-sox.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const RATE = 8000;

const VOICES = {
  robot: { espeak: "cmn+f2", rate: 360, pitch: 62, gainDb: -3 },
  male: { espeak: "cmn+m1", rate: 290, pitch: 38, gainDb: -8 },
  female: { espeak: "cmn+f5", rate: 300, pitch: 70, gainDb: -9 },
};

/** Dialogues: [speaker, text, options]. `bargeIn` on a customer line: it starts inside the robot line before it. */
const DIALOGUES = {
  loan: [
    ["robot", "您好，这里是平安普惠，请问是王先生吗？"],
    ["customer", "是我，什么事？"],
    ["robot", "您之前申请的贷款额度已经批下来了，最高可以借五万元。"],
    ["customer", "利息怎么算的？"],
    ["robot", "好的，我帮您查一下。（停顿2s）日利率是万分之三，按天计息，随借随还。"],
    ["customer", "嗯……那我考虑一下吧。"],
    ["robot", "没问题，稍后我把详细资料发到您的手机上，您留意一下短信，有任何问题都可以回电咨询。"],
    ["customer", "行，不用了，谢谢。", { bargeIn: true }],
    ["robot", "好的，感谢您的接听，祝您生活愉快，再见。"],
  ],
  car: [
    ["robot", "喂，您好，我是吉利汽车的客服小美。"],
    ["customer", "哦，你好。"],
    ["robot", "看到您最近在我们网站上咨询过新能源车型，想了解一下您的购车预算大概是多少呢？"],
    ["customer", "十五万左右吧，我还没想好。"],
    ["robot", "明白，这个价位有三款车都很合适，本周末门店有试驾活动，到店还送保养。"],
    ["customer", "周末我要上班，没时间。", { bargeIn: true }],
    ["robot", "那您看工作日晚上可以吗？（停顿2s）门店晚上开到九点。"],
    ["customer", "那周三晚上吧。"],
    ["robot", "好的，已经帮您预约周三晚上七点，到时候会有顾问联系您。"],
    ["customer", "好，拜拜。"],
  ],
};

const FILES = [
  { name: "mono-pcm16", dialogue: "loan", customer: "male", seed: 11, channels: 1, encoding: "pcm16" },
  { name: "mono-mulaw", dialogue: "car", customer: "female", seed: 23, channels: 1, encoding: "mulaw" },
  { name: "mono-alaw", dialogue: "car", customer: "male", seed: 37, channels: 1, encoding: "alaw" },
  { name: "stereo", dialogue: "loan", customer: "female", seed: 41, channels: 2, encoding: "mulaw" },
];

/** Deterministic PRNG (mulberry32), so the files are the same on every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIRECTION = /（停顿(\d+(?:\.\d+)?)s）/g;

/** One spoken part → Float32 samples at 8 kHz (−1..1), leading/trailing silence trimmed. */
function speak(text, voice, work) {
  const ints = speakPcm16(text, voice, work, {
    sampleRate: RATE,
    filters: ["highpass", "250", "lowpass", "3400"],
  });
  let peak = 1;
  for (const s of ints) peak = Math.max(peak, Math.abs(s));
  const gain = 10 ** (voice.gainDb / 20) / peak;
  return Float32Array.from(ints, (s) => s * gain);
}

/** A line's audio and the true spans of its speech parts (ms from the line's start). */
function voiceLine(text, voice, work) {
  const pieces = [];
  let last = 0;
  for (const m of text.matchAll(DIRECTION)) {
    if (m.index > last) pieces.push(speak(text.slice(last, m.index), voice, work));
    pieces.push(new Float32Array(Math.round(Number(m[1]) * RATE)));
    last = m.index + m[0].length;
  }
  if (last < text.length) pieces.push(speak(text.slice(last), voice, work));
  const length = pieces.reduce((n, p) => n + p.length, 0);
  const out = new Float32Array(length);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function build(file, work) {
  const rand = prng(file.seed);
  const between = (lo, hi) => lo + (hi - lo) * rand();
  const lines = DIALOGUES[file.dialogue];
  const clips = lines.map(([speaker, text]) =>
    voiceLine(text, VOICES[speaker === "robot" ? "robot" : file.customer], work),
  );
  // Where each line starts and ends (samples). Robot latency after a customer line: ASR 0.6–1.5 s;
  // customer hesitation after a robot line: 0.3–5 s (one long one per call, the rest short).
  const longPause = 1 + Math.floor(rand() * ((lines.length - 1) / 2)) * 2; // a customer line index
  const starts = [];
  const ends = [];
  let cursor = Math.round(between(0.8, 2.5) * RATE); // leading silence: ringing, pick-up
  const placed = [];
  for (let i = 0; i < lines.length; i++) {
    const [speaker, , options] = lines[i];
    let start;
    if (i === 0) start = cursor;
    else if (options?.bargeIn) {
      // The customer cuts in 55–75 % through the robot's line; the robot stops 0.35–0.6 s later.
      const prev = i - 1;
      const prevLen = clips[prev].length;
      start = starts[prev] + Math.round(prevLen * between(0.55, 0.75));
      ends[prev] = Math.min(ends[prev], start + Math.round(between(0.35, 0.6) * RATE));
    } else if (speaker === "robot") start = ends[i - 1] + Math.round(between(0.6, 1.5) * RATE);
    else {
      const gap = i === longPause ? between(3.5, 5) : between(0.3, 1.6);
      start = ends[i - 1] + Math.round(gap * RATE);
    }
    starts[i] = start;
    ends[i] = start + clips[i].length;
    placed.push(i);
  }
  const total = ends[ends.length - 1] + Math.round(between(0.8, 1.5) * RATE);

  // Each party on its own track first (the robot's cut short at a barge-in, with a 20 ms fade).
  const tracks = { robot: new Float32Array(total), customer: new Float32Array(total) };
  for (let i = 0; i < lines.length; i++) {
    const track = tracks[lines[i][0]];
    const n = ends[i] - starts[i];
    for (let k = 0; k < n; k++) {
      const fade = Math.min(1, (n - k) / (0.02 * RATE));
      track[starts[i] + k] += clips[i][k] * fade;
    }
  }

  // Line noise: white, its level drifting between −50 and −40 dBFS over the call; hum 50 Hz + 150 Hz.
  const noise = (amp) => {
    const out = new Float32Array(total);
    const drift = between(0, Math.PI * 2);
    const hum = 10 ** (between(-42, -36) / 20);
    for (let k = 0; k < total; k++) {
      const level = 10 ** ((-45 + 5 * Math.sin(drift + (k / total) * Math.PI * 2)) / 20) * amp;
      const white = (rand() + rand() + rand() - 1.5) * 2;
      const t = k / RATE;
      out[k] =
        level * white + hum * (Math.sin(2 * Math.PI * 50 * t) + 0.4 * Math.sin(2 * Math.PI * 150 * t + 1));
    }
    return out;
  };
  let channels;
  if (file.channels === 1) {
    const n = noise(1);
    channels = [Float32Array.from(n, (v, k) => v + tracks.robot[k] + tracks.customer[k])];
  } else {
    const crosstalk = 10 ** (-30 / 20);
    const a = noise(1);
    const b = noise(1.3);
    channels = [
      Float32Array.from(a, (v, k) => v + tracks.robot[k] + crosstalk * tracks.customer[k]),
      Float32Array.from(b, (v, k) => v + tracks.customer[k] + crosstalk * tracks.robot[k]),
    ];
  }

  const pcm = new Int16Array(total * channels.length);
  for (let k = 0; k < total; k++)
    for (let c = 0; c < channels.length; c++)
      pcm[k * channels.length + c] = Math.max(-32768, Math.min(32767, Math.round(channels[c][k] * 32767)));
  const rawPath = join(work, `${file.name}.raw`);
  writeFileSync(rawPath, Buffer.from(pcm.buffer));
  writeWavWithSox(
    rawPath,
    { sampleRate: RATE, channels: channels.length, encoding: file.encoding },
    join(HERE, `${file.name}.wav`),
  );

  const ms = (samples) => Math.round((samples / RATE) * 1000);
  return {
    file: `${file.name}.wav`,
    channels: channels.length,
    encoding: file.encoding,
    durationMs: ms(total),
    // In stereo the robot is on channel 0 and the customer on channel 1.
    lines: lines.map(([speaker, text, options], i) => ({
      speaker,
      text,
      // As the vendors mark it: the customer line that barged in.
      interrupted: options?.bargeIn ? true : undefined,
      startMs: ms(starts[i]),
      endMs: ms(ends[i]),
    })),
  };
}

function main() {
  const work = mkdtempSync(join(tmpdir(), "callscope-testdata-"));
  try {
    const out = {
      generatedBy: "lib/audio/testdata/make-testdata.mjs",
      espeak: execFileSync("espeak-ng", ["--version"]).toString().trim(),
      files: FILES.map((file) => build(file, work)),
    };
    writeFileSync(join(HERE, "truth.json"), `${JSON.stringify(out, null, 1)}\n`);
    for (const f of out.files) {
      const size = readFileSync(join(HERE, f.file)).length;
      process.stdout.write(
        `${f.file.padEnd(16)} ${(f.durationMs / 1000).toFixed(1)} s  ${Math.round(size / 1024)} KB  ${f.lines.length} lines\n`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
