#!/usr/bin/env node
/**
 * Held-out recordings for the aligner, written independently of lib/audio/testdata/make-testdata.mjs
 * (not read before this was written). espeak-ng Mandarin voices + sox, 8 kHz telephone band, pink/brown
 * noise at 15–25 dB SNR, 50 Hz hum, seeded random gaps, a stage-direction pause and a barge-in.
 * Truth comes from the sample positions where each line's synthesized speech is placed (its first/last
 * sample above 2 % of the line's peak), not from any model of speech.
 *
 *   node lib/audio/holdout/make-holdout.mjs   (writes *.wav and truth.json next to this file)
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// HOLDOUT_OUT / HOLDOUT_NOISE: write elsewhere with another noise draw (for a robustness sweep).
const OUT = process.env.HOLDOUT_OUT ?? dirname(fileURLToPath(import.meta.url));
const NOISE = Number(process.env.HOLDOUT_NOISE ?? 0);
const RATE = 8000;
const tmp = mkdtempSync(join(tmpdir(), "holdout-"));

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const uniform = (r, lo, hi) => lo + (hi - lo) * r();

/** espeak-ng → 8 kHz mono float samples, band-passed like a phone line. */
function say(text, voice) {
  const w = join(tmp, "say.wav");
  const raw = join(tmp, "say.f32");
  execFileSync("espeak-ng", ["-v", voice.v, "-s", String(voice.s), "-p", String(voice.p), "-w", w, text]);
  execFileSync("sox", [
    "-R",
    w,
    "-r",
    String(RATE),
    "-c",
    "1",
    "-e",
    "floating-point",
    "-b",
    "32",
    raw,
    "sinc",
    "300-3400",
  ]);
  const buf = readFileSync(raw);
  const x = new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4).slice();
  // Trim to the voiced part: first/last sample above 2 % of the peak.
  let peak = 0;
  for (const v of x) peak = Math.max(peak, Math.abs(v));
  let a = 0;
  let b = x.length - 1;
  while (a < b && Math.abs(x[a]) < 0.02 * peak) a++;
  while (b > a && Math.abs(x[b]) < 0.02 * peak) b--;
  const y = x.slice(a, b + 1);
  for (let i = 0; i < y.length; i++) y[i] *= voice.gain / peak;
  return y;
}

/** Pink (Paul Kellet's filter) or brown (leaky integrated) noise from the seeded generator, phone band. */
function noise(kind, seconds, seed) {
  const r = rng(seed);
  const n = Math.round(seconds * RATE);
  const x = new Float32Array(n);
  let b0 = 0,
    b1 = 0,
    b2 = 0,
    b3 = 0,
    b4 = 0,
    b5 = 0,
    b6 = 0,
    brown = 0;
  for (let k = 0; k < n; k++) {
    const w = r() * 2 - 1;
    if (kind === "pinknoise") {
      b0 = 0.99886 * b0 + w * 0.0555179;
      b1 = 0.99332 * b1 + w * 0.0750759;
      b2 = 0.969 * b2 + w * 0.153852;
      b3 = 0.8665 * b3 + w * 0.3104856;
      b4 = 0.55 * b4 + w * 0.5329522;
      b5 = -0.7616 * b5 - w * 0.016898;
      x[k] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
      b6 = w * 0.115926;
    } else {
      brown = 0.995 * brown + w * 0.1;
      x[k] = brown;
    }
  }
  let peak = 0;
  for (const v of x) peak = Math.max(peak, Math.abs(v));
  for (let k = 0; k < n; k++) x[k] *= 0.25 / peak; // headroom for the filter; rescaled to the SNR later
  const raw = join(tmp, "noise.f32");
  const out = join(tmp, "noise-band.f32");
  writeFileSync(raw, Buffer.from(x.buffer));
  const f32 = ["-r", String(RATE), "-c", "1", "-e", "floating-point", "-b", "32"];
  execFileSync("sox", ["-R", "-t", "raw", ...f32, raw, "-t", "raw", ...f32, out, "sinc", "300-3400"]);
  const buf = readFileSync(out);
  return new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4).slice();
}

const rms = (x) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / Math.max(1, x.length));

const ROBOT_M = { v: "cmn", s: 240, p: 60, gain: 0.5 };
const ROBOT_F = { v: "cmn+f3", s: 230, p: 70, gain: 0.45 };
const CUST_M = { v: "cmn", s: 200, p: 30, gain: 0.6 };
const CUST_F = { v: "cmn+f3", s: 210, p: 45, gain: 0.35 };

const CALLS = [
  {
    name: "call1",
    seed: 20261202,
    robot: ROBOT_M,
    customer: CUST_F,
    noise: "pinknoise",
    snr: 18,
    lines: [
      { speaker: "robot", text: "您好，我是安居房产的顾问小王，请问您最近有看房的打算吗？" },
      { speaker: "customer", text: "嗯" },
      { speaker: "robot", text: "我们在地铁三号线旁边有一个新盘，均价每平米2万8千元，首付最低三成。" },
      { speaker: "customer", text: "多少钱？你再说一遍。" },
      { speaker: "robot", text: "每平米2万8千元，（停顿2s）现在登记还可以享受九八折优惠。", pause: 2000 },
      { speaker: "customer", text: "好的，那你发个地址给我吧。" },
      { speaker: "robot", text: "好的，稍后会有专人通过短信把楼盘地址和样板间照片发给您，祝您生活愉快。" },
      { speaker: "customer", text: "不需要了，我不买，谢谢。", barge: true },
    ],
  },
  {
    name: "call2",
    seed: 77331,
    robot: ROBOT_F,
    customer: CUST_M,
    noise: "brownnoise",
    snr: 22,
    lines: [
      { speaker: "robot", text: "喂，您好，这里是平安保险客服中心，耽误您一分钟时间可以吗？" },
      { speaker: "customer", text: "你说吧" },
      { speaker: "robot", text: "您的车险将在12月15日到期，今年续保可以优惠百分之十五，还送一次免费洗车。" },
      { speaker: "customer", text: "我已经在别家买过了。", barge: true },
      {
        speaker: "robot",
        text: "明白，那我们还有一款低息贷款，额度最高50万，年化利率3.6%，您需要了解一下吗？",
      },
      { speaker: "customer", text: "不需要" },
      { speaker: "robot", text: "好的，打扰您了，再见。" },
    ],
  },
];

function makeCall(call) {
  const r = rng(call.seed);
  const robot = [];
  const customer = [];
  const truth = [];
  let cursor = Math.round(uniform(r, 0.5, 3) * RATE); // leading silence
  let prevEnd = 0;
  for (let i = 0; i < call.lines.length; i++) {
    const line = call.lines[i];
    const voice = line.speaker === "robot" ? call.robot : call.customer;
    let samples;
    if (line.pause) {
      // The stage direction is not spoken: two pieces with a real pause between them.
      const [a, b] = line.text.split(/（停顿\d+s）/);
      const sa = say(a, voice);
      const sb = say(b, voice);
      const gap = Math.round((line.pause / 1000) * RATE);
      samples = new Float32Array(sa.length + gap + sb.length);
      samples.set(sa, 0);
      samples.set(sb, sa.length + gap);
    } else samples = say(line.text, voice);
    if (i > 0) {
      const next = call.lines[i];
      if (next.barge) cursor = prevEnd - Math.round(uniform(r, 0.3, 0.8) * RATE);
      else if (line.speaker === "robot") cursor = prevEnd + Math.round(uniform(r, 0.6, 1.5) * RATE);
      else cursor = prevEnd + Math.round(uniform(r, 0.3, 5) * RATE);
    }
    const target = line.speaker === "robot" ? robot : customer;
    target.push({ at: cursor, samples });
    const entry = {
      speaker: line.speaker,
      text: line.text,
      startMs: Math.round((cursor / RATE) * 1000),
      endMs: Math.round(((cursor + samples.length) / RATE) * 1000),
    };
    if (line.barge) {
      entry.interrupted = true;
      // The robot line it cut into stops 0.4 s after the customer starts talking.
      const prev = (call.lines[i - 1].speaker === "robot" ? robot : customer).at(-1);
      const keep = cursor + Math.round(0.4 * RATE) - prev.at;
      if (keep < prev.samples.length) {
        const cut = prev.samples.slice(0, keep);
        for (let k = Math.max(0, cut.length - 400); k < cut.length; k++) cut[k] *= (cut.length - k) / 400;
        prev.samples = cut;
        truth[i - 1].endMs = Math.round(((prev.at + cut.length) / RATE) * 1000);
      }
      entry.bargeOverlapMs = truth[i - 1].endMs - entry.startMs;
    }
    truth.push(entry);
    prevEnd = cursor + samples.length;
  }
  const total = prevEnd + Math.round(uniform(r, 0.8, 2) * RATE);
  const track = (parts) => {
    const t = new Float32Array(total);
    for (const p of parts) for (let k = 0; k < p.samples.length; k++) t[p.at + k] += p.samples[k];
    return t;
  };
  return { truth, robot: track(robot), customer: track(customer), total, r };
}

function addNoise(signal, speechRms, call, seed) {
  const n = noise(call.noise, signal.length / RATE + 0.1, seed);
  const nr = rms(n);
  const want = speechRms / 10 ** (call.snr / 20);
  const out = new Float32Array(signal.length);
  const humAmp = want * 0.5;
  for (let k = 0; k < signal.length; k++) {
    const t = k / RATE;
    const hum = humAmp * (Math.sin(2 * Math.PI * 50 * t) + 0.3 * Math.sin(2 * Math.PI * 150 * t));
    out[k] = signal[k] + (n[k % n.length] / nr) * want + hum;
  }
  return out;
}

function speechRmsOf(x) {
  // RMS over samples that carry speech (above 1 % of full scale), so SNR means speech vs noise.
  const v = x.filter((s) => Math.abs(s) > 0.01);
  return rms(v);
}

function writeWav(file, channels, encoding) {
  const raw = join(tmp, "mix.f32");
  const n = channels[0].length;
  const inter = new Float32Array(n * channels.length);
  for (let k = 0; k < n; k++)
    for (let c = 0; c < channels.length; c++)
      inter[k * channels.length + c] = Math.max(-0.99, Math.min(0.99, channels[c][k]));
  writeFileSync(raw, Buffer.from(inter.buffer));
  const enc = {
    pcm16: ["-e", "signed-integer", "-b", "16"],
    mulaw: ["-e", "u-law", "-b", "8"],
    alaw: ["-e", "a-law", "-b", "8"],
  }[encoding];
  execFileSync("sox", [
    "-R",
    "-t",
    "raw",
    "-r",
    String(RATE),
    "-c",
    String(channels.length),
    "-e",
    "floating-point",
    "-b",
    "32",
    raw,
    "-r",
    String(RATE),
    "-c",
    String(channels.length),
    ...enc,
    join(OUT, file),
  ]);
}

const files = [];
for (const call of CALLS) {
  const { truth, robot, customer, total } = makeCall(call);
  const mono = Float32Array.from(robot, (v, k) => v + customer[k]);
  const monoNoisy = addNoise(mono, speechRmsOf(mono), call, call.seed + 1 + NOISE * 10);
  const durationMs = Math.round((total / RATE) * 1000);
  for (const encoding of ["pcm16", "mulaw", "alaw"]) {
    const file = `${call.name}-mono-${encoding}.wav`;
    writeWav(file, [monoNoisy], encoding);
    files.push({
      file,
      call: call.name,
      channels: 1,
      encoding,
      durationMs,
      snrDb: call.snr,
      noise: call.noise,
      lines: truth,
    });
  }
  // Stereo: robot on the left, customer on the right, each with its own line noise.
  const left = addNoise(robot, speechRmsOf(robot), call, call.seed + 2 + NOISE * 10);
  const right = addNoise(customer, speechRmsOf(customer), call, call.seed + 3 + NOISE * 10);
  const file = `${call.name}-stereo-pcm16.wav`;
  writeWav(file, [left, right], "pcm16");
  files.push({
    file,
    call: call.name,
    channels: 2,
    encoding: "pcm16",
    durationMs,
    snrDb: call.snr,
    noise: call.noise,
    lines: truth,
  });
}
writeFileSync(
  join(OUT, "truth.json"),
  JSON.stringify({ generator: "make-holdout.mjs", rate: RATE, files }, null, 1) + "\n",
);
rmSync(tmp, { recursive: true, force: true });
console.log(files.map((f) => `${f.file} ${f.durationMs} ms, ${f.lines.length} lines`).join("\n"));
