import { expect, test } from "@playwright/test";
import { signIn, waitForIndex } from "./support/auth";
import { estimateSpans } from "../lib/audio/timing";
import { demoTrueLines } from "./support/demo-truth";

/**
 * The simulator's true line timings (what specs of aligned timing measure against) describe the
 * audio the app really serves: speech starts at each true start, after silence. And the estimate
 * the demo shows for untimed vendors is not that truth — the demo no longer hides its error.
 */

interface Detail {
  id: string;
  sourceId: string;
  vendorCallId: string | null;
  durationSec: number | null;
  transcript: { speaker: string; text: string; startMs: number | null; timing: string }[];
}

test.beforeEach(async ({ page }) => {
  await signIn(page, "supervisor");
  await waitForIndex(page, 50);
});

/** The first answered calls of a source that have a transcript of at least `lines` lines. */
async function callsWithTranscript(
  request: import("@playwright/test").APIRequestContext,
  source: string,
  lines: number,
  count: number,
): Promise<Detail[]> {
  const list = await request.get(`/api/calls?result=answered&roundsMin=2&limit=40&source=${source}`);
  expect(list.ok()).toBe(true);
  const { items } = (await list.json()) as { items: { id: string; hasRecording: boolean }[] };
  const found: Detail[] = [];
  for (const item of items.filter((candidate) => candidate.hasRecording)) {
    const detail = (await (await request.get(`/api/calls/${item.id}`)).json()) as Detail;
    if (detail.transcript.length >= lines) found.push(detail);
    if (found.length === count) break;
  }
  expect(found.length).toBe(count);
  return found;
}

/** 16-bit samples of a mono PCM16 WAV (the Dyvms demo source's format). */
function pcm16(wav: Buffer): Int16Array {
  expect(wav.toString("ascii", 0, 4)).toBe("RIFF");
  let offset = 12;
  while (offset + 8 <= wav.length) {
    const id = wav.toString("ascii", offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === "fmt ") {
      expect(wav.readUInt16LE(offset + 8)).toBe(1); // PCM
      expect(wav.readUInt16LE(offset + 10)).toBe(1); // mono
    }
    if (id === "data") {
      const data = wav.subarray(offset + 8, offset + 8 + size);
      return new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length));
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error("no data chunk");
}

function rms(samples: Int16Array, fromMs: number, toMs: number): number {
  const from = Math.max(0, Math.round(fromMs * 8));
  const to = Math.min(samples.length, Math.round(toMs * 8));
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i]! ** 2;
  return Math.sqrt(sum / Math.max(1, to - from));
}

test("the true line timings are where the served recording has speech", async ({ page }) => {
  const [call] = await callsWithTranscript(page.request, "hz-robot", 5, 1);
  const truth = demoTrueLines(call!);
  expect(truth.map((line) => [line.speaker, line.text])).toEqual(
    call!.transcript.map((line) => [line.speaker, line.text]),
  );
  const recording = await page.request.get(`/api/calls/${call!.id}/recording`);
  expect(recording.ok()).toBe(true);
  const samples = pcm16(Buffer.from(await recording.body()));

  let checked = 0;
  truth.forEach((line, i) => {
    const before = Math.max(0, ...truth.slice(0, i).map((earlier) => earlier.endMs));
    if (line.startMs - before < 300) return; // a barge-in or a quick follow-on: no clean silence before it
    // The first 300 ms from the true start are speech; the 200 ms before it are not.
    const speech = rms(samples, line.startMs, line.startMs + 300);
    const silence = rms(samples, line.startMs - 250, line.startMs - 50);
    expect(speech, `line ${i} ${line.text}`).toBeGreaterThan(10 * Math.max(silence, 20));
    checked++;
  });
  expect(checked).toBeGreaterThanOrEqual(4);
});

test("on the demo, the text-length estimate is off the true line starts as on real calls; the aligned times are not", async ({
  page,
}) => {
  // AICCS gives no line times: without the recording, its lines are spread by text length.
  const calls = await callsWithTranscript(page.request, "aicc", 6, 4);
  const estimated: number[] = [];
  const aligned: number[] = [];
  for (const call of calls) {
    const truth = demoTrueLines(call);
    // The estimate as the adapter makes it (over the call's talk time), whatever the page shows now.
    const estimate = estimateSpans(
      call.transcript.map((line) => line.text),
      call.durationSec === null ? null : Math.round(call.durationSec * 1000),
    );
    const alignment = await page.request.get(`/api/calls/${call.id}/alignment`, { timeout: 60_000 });
    expect(alignment.ok()).toBe(true);
    const { lines } = (await alignment.json()) as { lines: { startMs: number | null; timing: string }[] };
    truth.forEach((line, i) => {
      estimated.push(Math.abs(estimate[i]!.startMs - line.startMs));
      if (lines[i]?.timing === "aligned") aligned.push(Math.abs(lines[i]!.startMs! - line.startMs));
    });
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  const within = (values: number[]) => values.filter((error) => error <= 500).length / values.length;
  test.info().annotations.push({
    type: "line-start error: median ms, share within 500 ms (estimated; aligned)",
    description: `${median(estimated)}, ${within(estimated).toFixed(2)}; ${median(aligned)}, ${within(aligned).toFixed(2)} over ${aligned.length} of ${estimated.length} lines`,
  });
  // Issue #15: 1.2 s at the median on real calls. A demo placing speech where the estimate expects
  // it would show a few tens of milliseconds here (and this demo did show 558 ms, 44.5 % within 500 ms).
  expect(median(estimated)).toBeGreaterThan(600);
  expect(within(estimated)).toBeLessThan(0.5);
  // The aligned times on the same lines: most lines aligned, and the targets on them.
  expect(aligned.length).toBeGreaterThanOrEqual(estimated.length * 0.8);
  expect(median(aligned)).toBeLessThanOrEqual(100);
  expect(within(aligned)).toBeGreaterThanOrEqual(0.95);
});
