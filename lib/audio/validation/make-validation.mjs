#!/usr/bin/env node
/**
 * A validation set for the aligner that nobody tunes on (lib/audio/validation/validation.test.ts
 * reports it): written before the barge-in work of issue #15 and kept apart from lib/audio/testdata
 * (the author's) and lib/audio/holdout (someone else's). Other sentences (education, broadband, parcel,
 * bill reminder), other espeak-ng voices and speeds (a male robot among them, and a call where both
 * parties are female), other noise (white + low-passed, its level drifting), 60 Hz hum with harmonics,
 * a click in a silence, quick turn changes (0.15 s) next to long hesitations (up to 4.5 s), stage
 * directions of 1.5 and 3 s, and two or three barge-ins per call, at different depths and levels.
 *
 *   node lib/audio/validation/make-validation.mjs             the committed files (seed 0)
 *   VALIDATION_SEED=3 VALIDATION_OUT=/tmp/v3 node …            another draw of gaps, barge-ins and noise
 *
 * Truth is where each line's samples are placed (after sox's silence trim), never a model of speech.
 * The committed WAVs are short (about 20 s each) to keep the set a few hundred KB.
 */

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { speakPcm16, writeWavWithSox } from "../synth/espeak-sox.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = process.env.VALIDATION_OUT ?? HERE;
const SEED = Number(process.env.VALIDATION_SEED ?? 0);
const RATE = 8000;

const V = {
  robotF: { espeak: "cmn+f4", rate: 330, pitch: 52, gainDb: -4 },
  robotM: { espeak: "cmn+m2", rate: 310, pitch: 50, gainDb: -5 },
  robotF2: { espeak: "cmn+f1", rate: 345, pitch: 66, gainDb: -3 },
  custM: { espeak: "cmn+m5", rate: 265, pitch: 30, gainDb: -7 },
  custF: { espeak: "cmn+f2", rate: 280, pitch: 76, gainDb: -10 },
  custM2: { espeak: "cmn+m8", rate: 250, pitch: 42, gainDb: -4 },
  custF2: { espeak: "cmn+f5", rate: 300, pitch: 60, gainDb: -6 },
};

/** Lines: [speaker, text, options]. `barge`: the customer cuts into the robot line before it. */
const CALLS = [
  {
    name: "edu",
    seed: 5101,
    robot: V.robotM,
    customer: V.custF,
    channels: 1,
    encoding: "pcm16",
    snrDb: 20,
    lines: [
      ["robot", "家长您好，暑假有个数学思维班，现在报名送教材。"],
      ["customer", "多少钱啊？", { barge: true }],
      ["robot", "原价两千四，（停顿1.5s）现在一千六。"],
      ["customer", "我问问孩子他爸再说吧。"],
      ["robot", "好的，我加您微信发课表好吗？"],
      ["customer", "不用了不用了。", { barge: true }],
    ],
  },
  {
    name: "broadband",
    seed: 6203,
    robot: V.robotF,
    customer: V.custM,
    channels: 1,
    encoding: "mulaw",
    snrDb: 17,
    lines: [
      ["robot", "您好，这里是中国电信，您家宽带下月到期。"],
      ["customer", "哦，是吗。"],
      ["robot", "续约两年免费升级五百兆，还送副卡。"],
      ["customer", "副卡要另外收费吗？", { barge: true }],
      ["robot", "副卡不收月租，（停顿3s）通话按套餐内分钟数计算。"],
      ["customer", "那行，你帮我办吧。"],
      ["robot", "好的，稍后有工作人员上门，请保持电话畅通。"],
      ["customer", "几点来？", { barge: true }],
    ],
  },
  {
    name: "parcel",
    seed: 7307,
    robot: V.robotF2,
    customer: V.custF2,
    channels: 1,
    encoding: "alaw",
    snrDb: 23,
    lines: [
      ["robot", "您好，您有一个顺丰快递，今天下午派送，请问家里有人吗？"],
      ["customer", "下午没人，放快递柜吧。", { barge: true }],
      ["robot", "好的，放到小区东门的丰巢柜可以吗？"],
      ["customer", "可以。"],
      ["robot", "取件码会通过短信发给您，（停顿1.5s）超过二十四小时会收取保管费。"],
      ["customer", "知道了，谢谢你。", { barge: true }],
    ],
  },
  {
    name: "bill",
    seed: 8419,
    robot: V.robotF,
    customer: V.custM2,
    channels: 2,
    encoding: "alaw",
    snrDb: 19,
    lines: [
      ["robot", "您好，招商银行提醒您，账单还有三天到期。"],
      ["customer", "我知道，月底会还的。", { barge: true }],
      ["robot", "也可以申请分期，我算一下，（停顿3s）每期三百二。"],
      ["customer", "太贵了，算了。", { barge: true }],
      ["robot", "好的，再见。"],
    ],
  },
];

/** Deterministic PRNG (xorshift32 from a splitmix of the seed), unlike the other generators'. */
function prng(seed) {
  let x = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

const DIRECTION = /（停顿(\d+(?:\.\d+)?)s）/g;

function speak(text, voice, work) {
  const ints = speakPcm16(text, voice, work, {
    sampleRate: RATE,
    filters: ["sinc", "280-3500"],
  });
  let peak = 1;
  for (const s of ints) peak = Math.max(peak, Math.abs(s));
  const gain = 10 ** (voice.gainDb / 20) / peak;
  return Float32Array.from(ints, (s) => s * gain);
}

function voiceLine(text, voice, work) {
  const pieces = [];
  let last = 0;
  for (const m of text.matchAll(DIRECTION)) {
    if (m.index > last) pieces.push(speak(text.slice(last, m.index), voice, work));
    pieces.push(new Float32Array(Math.round(Number(m[1]) * RATE)));
    last = m.index + m[0].length;
  }
  if (last < text.length) pieces.push(speak(text.slice(last), voice, work));
  const out = new Float32Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function build(call, work) {
  const rand = prng(call.seed + SEED * 7919);
  const between = (lo, hi) => lo + (hi - lo) * rand();
  const clips = call.lines.map(([speaker, text]) =>
    voiceLine(text, speaker === "robot" ? call.robot : call.customer, work),
  );
  const starts = [];
  const ends = [];
  // One long hesitation per call (3–4.5 s), one quick turn change (0.15–0.3 s), the rest ordinary.
  const turns = call.lines.map((l, i) => i).filter((i) => i > 0 && !call.lines[i][2]?.barge);
  const customerTurns = turns.filter((i) => call.lines[i][0] === "customer");
  const longAt = customerTurns[Math.floor(rand() * customerTurns.length)];
  const quickAt = turns[Math.floor(rand() * turns.length)];
  for (let i = 0; i < call.lines.length; i++) {
    const [speaker, , options] = call.lines[i];
    let start;
    if (i === 0) start = Math.round(between(0.4, 2.2) * RATE);
    else if (options?.barge && speaker === "customer") {
      // Cuts in 50–85 % through the robot's line; the robot stops 0.25–0.7 s later.
      const prev = i - 1;
      start = starts[prev] + Math.round(clips[prev].length * between(0.5, 0.85));
      ends[prev] = Math.min(ends[prev], start + Math.round(between(0.25, 0.7) * RATE));
    } else {
      let gap;
      if (i === longAt) gap = between(3, 4.5);
      else if (i === quickAt) gap = between(0.15, 0.3);
      else gap = speaker === "robot" ? between(0.5, 1.3) : between(0.3, 1.8);
      start = ends[i - 1] + Math.round(gap * RATE);
    }
    starts[i] = start;
    ends[i] = start + clips[i].length;
  }
  const total = ends.at(-1) + Math.round(between(0.5, 1.2) * RATE);

  const tracks = { robot: new Float32Array(total), customer: new Float32Array(total) };
  for (let i = 0; i < call.lines.length; i++) {
    const track = tracks[call.lines[i][0]];
    const n = ends[i] - starts[i];
    for (let k = 0; k < n; k++) track[starts[i] + k] += clips[i][k] * Math.min(1, (n - k) / (0.015 * RATE));
  }

  // Speech level for the SNR: RMS of the samples that carry speech.
  const speechRms = (x) => {
    let s = 0;
    let n = 0;
    for (const v of x)
      if (Math.abs(v) > 0.01) {
        s += v * v;
        n++;
      }
    return Math.sqrt(s / Math.max(1, n));
  };
  const noise = (reference) => {
    const out = new Float32Array(total);
    const level = speechRms(reference) / 10 ** (call.snrDb / 20);
    const drift = between(0, Math.PI * 2);
    const humDb = between(-30, -18); // against the noise's own level
    const hum = level * 10 ** (humDb / 20) * 2;
    let low = 0;
    for (let k = 0; k < total; k++) {
      const white = (rand() + rand() + rand() + rand() - 2) * 1.73;
      low = 0.92 * low + 0.08 * white * 3;
      const drifted = level * 10 ** ((4 * Math.sin(drift + (k / total) * Math.PI * 3)) / 20);
      const t = k / RATE;
      out[k] =
        drifted * (0.6 * white + 0.8 * low) +
        hum *
          (Math.sin(2 * Math.PI * 60 * t) +
            0.5 * Math.sin(2 * Math.PI * 180 * t + 0.7) +
            0.25 * Math.sin(2 * Math.PI * 300 * t + 2));
    }
    // A click (a handset knock, 40 ms) in the longest silence: speech to nobody.
    let best = 0;
    let at = 0;
    for (let i = 1; i < starts.length; i++)
      if (starts[i] - ends[i - 1] > best) {
        best = starts[i] - ends[i - 1];
        at = ends[i - 1] + Math.round(best * between(0.3, 0.6));
      }
    if (best > 0.8 * RATE)
      for (let k = 0; k < 0.04 * RATE; k++) out[at + k] += (rand() * 2 - 1) * 0.25 * Math.exp(-k / 60);
    return out;
  };

  let channels;
  const mix = Float32Array.from(tracks.robot, (v, k) => v + tracks.customer[k]);
  if (call.channels === 1) {
    const n = noise(mix);
    channels = [Float32Array.from(mix, (v, k) => v + n[k])];
  } else {
    const crosstalk = 10 ** (-28 / 20);
    const a = noise(tracks.robot);
    const b = noise(tracks.customer);
    channels = [
      Float32Array.from(a, (v, k) => v + tracks.robot[k] + crosstalk * tracks.customer[k]),
      Float32Array.from(b, (v, k) => v + tracks.customer[k] + crosstalk * tracks.robot[k]),
    ];
  }
  const pcm = new Int16Array(total * channels.length);
  for (let k = 0; k < total; k++)
    for (let c = 0; c < channels.length; c++)
      pcm[k * channels.length + c] = Math.max(-32768, Math.min(32767, Math.round(channels[c][k] * 32767)));
  const rawPath = join(work, `${call.name}.raw`);
  writeFileSync(rawPath, Buffer.from(pcm.buffer));
  const layout = call.channels === 2 ? "stereo" : "mono";
  const file = `${call.name}-${layout}-${call.encoding}.wav`;
  writeWavWithSox(
    rawPath,
    { sampleRate: RATE, channels: call.channels, encoding: call.encoding },
    join(OUT, file),
  );
  const ms = (samples) => Math.round((samples / RATE) * 1000);
  return {
    file,
    channels: call.channels,
    encoding: call.encoding,
    durationMs: ms(total),
    snrDb: call.snrDb,
    // In stereo the robot is on channel 0.
    lines: call.lines.map(([speaker, text, options], i) => ({
      speaker,
      text,
      ...(options?.barge && speaker === "customer" ? { interrupted: true } : {}),
      startMs: ms(starts[i]),
      endMs: ms(ends[i]),
    })),
  };
}

const work = mkdtempSync(join(tmpdir(), "callscope-validation-"));
try {
  mkdirSync(OUT, { recursive: true });
  const files = CALLS.map((call) => build(call, work));
  writeFileSync(
    join(OUT, "truth.json"),
    `${JSON.stringify({ generatedBy: "lib/audio/validation/make-validation.mjs", seed: SEED, files }, null, 2)}\n`,
  );
  for (const f of files) {
    const kb = Math.round(readFileSync(join(OUT, f.file)).length / 1024);
    process.stdout.write(
      `${f.file.padEnd(28)} ${(f.durationMs / 1000).toFixed(1)} s  ${kb} KB  ${f.lines.length} lines\n`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
