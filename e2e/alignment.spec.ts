import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn, waitForIndex } from "./support/auth";

/**
 * Audio-aligned timing through the API of the production build (demo mode): the alignment of a call,
 * the detail carrying its aligned times once it is cached, and the list's metric filters and sorts
 * agreeing with each call's own metrics.
 */

interface Metrics {
  robotLatencyMedianMs: number | null;
  robotLatencyMaxMs: number | null;
  deadAirMaxMs: number | null;
  customerTalkRatio: number | null;
  bargeIns: number;
}
interface Summary {
  id: string;
  hasRecording: boolean;
  durationSec: number | null;
  metrics: Metrics | null;
}
interface Line {
  startMs: number | null;
  endMs: number | null;
  timing: "vendor" | "estimated" | "aligned";
  confidence?: number;
}
interface Alignment {
  status: "aligned" | "no_speech";
  transcriptHash: string;
  lines: (Line & { speech: [number, number][] })[];
  lanes: { robot: [number, number][]; customer: [number, number][] };
  metrics: Metrics | null;
}
interface Detail extends Summary {
  transcript: (Line & { speaker: string; text: string })[];
  transcriptHash?: string;
}

async function json<T>(api: APIRequestContext, url: string): Promise<T> {
  const response = await api.get(url, { timeout: 60_000 });
  expect(response.status(), `${url} → ${await response.text()}`).toBe(200);
  return (await response.json()) as T;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

let answered: Summary[] = [];

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page, "operator");
  await waitForIndex(page, 300);
  const list = await json<{ items: Summary[] }>(
    page.request,
    "/api/calls?result=answered&roundsMin=2&limit=100",
  );
  answered = list.items.filter((call) => call.hasRecording);
  expect(answered.length).toBeGreaterThan(10);
  await page.close();
});

test("after its alignment, a call's detail carries aligned times for the lines that passed", async ({
  page,
}) => {
  await signIn(page, "operator");
  const call = answered[3]!;
  const cold = await timed(() => json<Alignment>(page.request, `/api/calls/${call.id}/alignment`));
  const warm = await timed(() => json<Alignment>(page.request, `/api/calls/${call.id}/alignment`));
  test
    .info()
    .annotations.push({ type: "alignment ms (first, again)", description: `${cold.ms}, ${warm.ms}` });
  const alignment = cold.value;
  expect(warm.value).toEqual(alignment);
  expect(alignment.status).toBe("aligned");
  const detail = await json<Detail>(page.request, `/api/calls/${call.id}`);
  expect(detail.transcriptHash).toBe(alignment.transcriptHash);
  expect(alignment.lines).toHaveLength(detail.transcript.length);
  const aligned = detail.transcript.filter((line) => line.timing === "aligned");
  expect(aligned.length).toBeGreaterThan(0);
  detail.transcript.forEach((line, i) => {
    const a = alignment.lines[i]!;
    if (a.timing !== "aligned") return expect(line.timing).not.toBe("aligned");
    expect(line).toMatchObject({
      startMs: a.startMs,
      endMs: a.endMs,
      timing: "aligned",
      confidence: a.confidence,
    });
    expect(a.speech.length).toBeGreaterThan(0);
    expect(a.speech[0]![0]).toBeGreaterThanOrEqual(a.startMs!);
  });
  // Aligned starts never run backwards within a speaker.
  for (const speaker of ["robot", "customer"]) {
    const starts = detail.transcript
      .filter((l) => l.speaker === speaker && l.timing === "aligned")
      .map((l) => l.startMs!);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  }
});

test("the 30-minute call is aligned too", async ({ page }) => {
  await signIn(page, "operator");
  const list = await json<{ items: Summary[] }>(page.request, "/api/calls?durationMin=1700&limit=20");
  const long = list.items.find((item) => item.hasRecording);
  expect(long, "a 30-minute call with a recording in the demo data").toBeTruthy();
  const first = await timed(() => json<Alignment>(page.request, `/api/calls/${long!.id}/alignment`));
  const again = await timed(() => json<Alignment>(page.request, `/api/calls/${long!.id}/alignment`));
  test.info().annotations.push({
    type: "30-minute alignment ms (first, again)",
    description: `${first.ms}, ${again.ms}`,
  });
  expect(first.value.status).toBe("aligned");
  expect(first.value.lines.filter((line) => line.timing === "aligned").length).toBeGreaterThan(10);
});

test("deadAirMin=5&sort=latency:desc: only calls with 5 s of dead air, slowest replies first, as each call's metrics say", async ({
  page,
}) => {
  await signIn(page, "operator");
  // Whatever the background analysis has reached, these calls are analysed now.
  for (const call of answered.slice(0, 12))
    await json<Alignment>(page.request, `/api/calls/${call.id}/alignment`);

  const filtered = await json<{ items: Summary[]; total: number }>(
    page.request,
    "/api/calls?deadAirMin=5&sort=latency:desc&limit=500",
  );
  for (const item of filtered.items) expect(item.metrics!.deadAirMaxMs!).toBeGreaterThanOrEqual(5000);
  const latencies = filtered.items.map((item) => item.metrics!.robotLatencyMaxMs);
  const firstNull = latencies.indexOf(null);
  const known = (firstNull < 0 ? latencies : latencies.slice(0, firstNull)) as number[];
  expect(known).toEqual([...known].sort((a, b) => b - a));
  if (firstNull >= 0) expect(latencies.slice(firstNull).every((v) => v === null)).toBe(true);

  // The same calls as reading every analysed call's metrics by hand.
  const byDeadAir = await json<{ items: Summary[] }>(page.request, "/api/calls?sort=deadAir:desc&limit=500");
  const expected = byDeadAir.items
    .filter((item) => (item.metrics?.deadAirMaxMs ?? -1) >= 5000)
    .map((i) => i.id);
  expect(filtered.items.map((item) => item.id).sort()).toEqual(expected.sort());
  expect(filtered.total).toBe(expected.length);

  // The slowest-first list agrees with each call's own alignment.
  const slowest = await json<{ items: Summary[] }>(page.request, "/api/calls?sort=latency:desc&limit=5");
  expect(slowest.items[0]!.metrics).not.toBeNull();
  for (const item of slowest.items) {
    const alignment = await json<Alignment>(page.request, `/api/calls/${item.id}/alignment`);
    expect(alignment.metrics).toEqual(item.metrics);
  }

  // And a malformed value names its parameter.
  const bad = await page.request.get("/api/calls?deadAirMin=lots");
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^deadAirMin: /);
});
