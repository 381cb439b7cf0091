import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signIn, waitForIndex } from "./support/auth";
import { demoTrueLines, type TrueLine } from "./support/demo-truth";

/**
 * The call page on audio-aligned timing, in the browser (demo mode, production build): lines take
 * their aligned times when the alignment route answers; a click on an aligned line plays its first
 * syllable (measured as sound, in the page); the character being spoken moves along; "skip silence"
 * plays over a long gap; j / k move between customer turns.
 */

// No trace: its per-step snapshots of a long call's page hold the page's main thread (see call-page.spec.ts).
test.use({ trace: "off" });

type SpeechSpan = [number, number];
interface AlignedLine {
  startMs: number | null;
  endMs: number | null;
  timing: "vendor" | "estimated" | "aligned";
  confidence?: number;
  speech: SpeechSpan[];
}
interface Alignment {
  status: "aligned" | "no_speech";
  transcriptHash: string;
  lines: AlignedLine[];
  lanes: { robot: SpeechSpan[]; customer: SpeechSpan[] };
}
interface Detail {
  id: string;
  sourceId: string;
  vendorCallId: string | null;
  hasRecording: boolean;
  transcriptHash?: string;
  transcript: { speaker: "robot" | "customer"; text: string }[];
}

interface Candidate {
  detail: Detail;
  alignment: Alignment;
  /** An aligned line with a few characters and speech of its own. */
  line: number;
  /** The longest silence between words (≥ 1.8 s: over skip silence's 1.5 s, with room to measure). */
  gap: [number, number];
  /** The first line of each customer turn, by aligned start. */
  customerTurns: number[];
  /** Where the lines really are in the recording (the simulator's own timeline). */
  truth: TrueLine[];
}

/** PCM16 sources: they play in every browser. */
const SOURCES = "hz-robot,agent";

function silences(lanes: Alignment["lanes"], minMs: number): [number, number][] {
  const speech = [...lanes.robot, ...lanes.customer].sort((a, b) => a[0] - b[0]);
  const gaps: [number, number][] = [];
  let reach = speech[0]?.[1] ?? 0;
  for (const [start, end] of speech.slice(1)) {
    if (start - reach >= minMs) gaps.push([reach, start]);
    reach = Math.max(reach, end);
  }
  return gaps;
}

/** Stretches where no line of the true timeline is being said. */
function trueSilences(truth: TrueLine[]): [number, number][] {
  const spans = truth.map((line) => [line.startMs, line.endMs] as const).sort((a, b) => a[0] - b[0]);
  const gaps: [number, number][] = [];
  let reach = spans[0]?.[1] ?? 0;
  for (const [start, end] of spans.slice(1)) {
    if (start > reach) gaps.push([reach, start]);
    reach = Math.max(reach, end);
  }
  return gaps;
}

async function findCandidate(request: APIRequestContext): Promise<Candidate> {
  // The longest dead air first: the demo's calls have hesitations of a few seconds at most.
  const list = await request.get(
    `/api/calls?result=answered&roundsMin=3&sort=deadAir:desc&limit=20&source=${SOURCES}`,
  );
  expect(list.ok()).toBe(true);
  const { items } = (await list.json()) as { items: { id: string; hasRecording: boolean }[] };
  for (const item of items.filter((call) => call.hasRecording)) {
    const answer = await request.get(`/api/calls/${item.id}/alignment`, { timeout: 60_000 });
    if (!answer.ok()) continue;
    const alignment = (await answer.json()) as Alignment;
    const detail = (await (await request.get(`/api/calls/${item.id}`)).json()) as Detail;
    if (alignment.status !== "aligned" || alignment.lines.length !== detail.transcript.length) continue;
    if (detail.transcriptHash && detail.transcriptHash !== alignment.transcriptHash) continue;
    const aligned = (i: number) => alignment.lines[i]?.timing === "aligned";
    const line = detail.transcript.findIndex(
      (utterance, i) =>
        aligned(i) &&
        i > 0 &&
        alignment.lines[i]!.speech.length > 0 &&
        [...utterance.text].filter((char) => /\p{Script=Han}/u.test(char)).length >= 8,
    );
    const customerTurns = detail.transcript
      .map((utterance, i) => ({ utterance, i }))
      .filter(
        ({ utterance, i }) =>
          utterance.speaker === "customer" && aligned(i) && detail.transcript[i - 1]?.speaker !== "customer",
      )
      .map(({ i }) => i)
      .sort((a, b) => alignment.lines[a]!.startMs! - alignment.lines[b]!.startMs!);
    const gap = silences(alignment.lanes, 1800).sort((a, b) => b[1] - b[0] - (a[1] - a[0]))[0];
    if (line > 0 && gap && customerTurns.length >= 2) {
      const truth = demoTrueLines(detail);
      // The simulator's lines are the transcript's, one for one.
      if (truth.length !== detail.transcript.length) continue;
      return { detail, alignment, line, gap, customerTurns, truth };
    }
  }
  throw new Error("no aligned call with a long gap and two customer turns in the demo data");
}

let candidate: Candidate;

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page, "supervisor");
  await waitForIndex(page, 200);
  candidate = await findCandidate(page.request);
  await page.close();
});

test.beforeEach(async ({ page }) => {
  await signIn(page, "supervisor");
});

async function openCall(page: Page, query = "") {
  await page.goto(`/calls/${candidate.detail.id}${query}`);
  // Generous: the peaks of a cold recording come with its speech analysis, on a shared machine.
  await expect(page.locator("[data-testid=waveform] canvas").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("timing-legend")).toHaveAttribute("data-alignment", "aligned", {
    timeout: 30_000,
  });
}

async function audioState(page: Page) {
  return page.evaluate(() => {
    const audio = document.querySelector<HTMLAudioElement>("audio[data-testid=call-audio]")!;
    const current = document.querySelector('[role=listitem][aria-current="true"]');
    return {
      ms: audio.currentTime * 1000,
      paused: audio.paused,
      current: current ? Number(current.getAttribute("data-index")) : -1,
      spoken: current?.getAttribute("data-spoken-char") ?? null,
    };
  });
}

/**
 * Routes the page's audio through an AnalyserNode and records, for the next window of playback
 * starting at `fromMs`, the loudest RMS (dBFS) heard in its first `windowMs` of media time.
 */
async function armLevelMeter(page: Page) {
  await page.evaluate(() => {
    const audio = document.querySelector<HTMLAudioElement>("audio[data-testid=call-audio]")!;
    const context = new AudioContext();
    const source = context.createMediaElementSource(audio);
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    analyser.connect(context.destination);
    const buffer = new Float32Array(analyser.fftSize);
    (window as unknown as { __level: (fromMs: number, windowMs: number) => Promise<number> }).__level = (
      fromMs,
      windowMs,
    ) =>
      new Promise((resolve) => {
        void context.resume();
        let loudest = -Infinity;
        const timer = setInterval(() => {
          const now = audio.currentTime * 1000;
          if (audio.paused || now < fromMs - 20) return;
          analyser.getFloatTimeDomainData(buffer);
          let sum = 0;
          for (const value of buffer) sum += value * value;
          const db = 10 * Math.log10(sum / buffer.length + 1e-12);
          loudest = Math.max(loudest, db);
          if (now >= fromMs + windowMs) {
            clearInterval(timer);
            resolve(loudest);
          }
        }, 15);
      });
  });
}

function level(page: Page, fromMs: number, windowMs = 300): Promise<number> {
  return page.evaluate(
    ([from, window_]) =>
      (window as unknown as { __level: (a: number, b: number) => Promise<number> }).__level(from!, window_!),
    [fromMs, windowMs],
  );
}

test("the lines take their aligned times when the alignment answers, and say so", async ({ page }) => {
  const { alignment, detail } = candidate;
  await openCall(page);
  const items = page.getByRole("listitem");
  await expect(items).toHaveCount(detail.transcript.length);
  const alignedCount = alignment.lines.filter((line) => line.timing === "aligned").length;
  await expect(page.locator('[role=listitem] [data-timing="aligned"]')).toHaveCount(alignedCount);
  // The time shown is the aligned one.
  const start = alignment.lines[candidate.line]!.startMs!;
  const clock = `${Math.floor(start / 60000)}:${String(Math.floor(start / 1000) % 60).padStart(2, "0")}`;
  await expect(items.nth(candidate.line).locator('[data-timing="aligned"]')).toContainText(clock);
  // Lanes of detected speech under the waveform.
  await expect(page.locator("[data-testid=waveform] [data-lane=customer] [data-speech]")).toHaveCount(
    alignment.lanes.customer.filter(([s, e]) => e > s).length,
  );
});

test("a click on an aligned line plays its first syllable, and the spoken character moves along", async ({
  page,
}) => {
  const { alignment, line, truth } = candidate;
  // The aligned start is where the line really starts (the simulator knows): the right moment.
  const startMs = alignment.lines[line]!.startMs!;
  expect(Math.abs(startMs - truth[line]!.startMs)).toBeLessThanOrEqual(500);
  await openCall(page);
  await armLevelMeter(page);

  // The floor: the middle of the longest true silence (nobody speaking, by the simulator's timeline,
  // not by the detector under test), played for the same 300 ms.
  const quiet = trueSilences(truth).sort((a, b) => b[1] - b[0] - (a[1] - a[0]))[0]!;
  expect(quiet[1] - quiet[0]).toBeGreaterThanOrEqual(600);
  const silenceAt = Math.round((quiet[0] + quiet[1]) / 2 - 150);
  await page.evaluate((ms) => {
    const audio = document.querySelector<HTMLAudioElement>("audio[data-testid=call-audio]")!;
    audio.currentTime = ms / 1000;
    void audio.play();
  }, silenceAt);
  const silence = await level(page, silenceAt);
  await page.keyboard.press("Space");
  await expect.poll(async () => (await audioState(page)).paused).toBe(true);

  await page.getByRole("listitem").nth(line).locator(".rounded-2xl").click();
  const speech = await level(page, startMs);
  test.info().annotations.push({
    type: "level dBFS (silence, first 300 ms of the line)",
    description: `${silence.toFixed(1)}, ${speech.toFixed(1)}`,
  });
  // Speech is far above the line noise of a silence (12 dB: four times the amplitude).
  expect(speech).toBeGreaterThan(silence + 12);
  await expect(page.getByRole("listitem").nth(line)).toHaveAttribute("aria-current", "true");

  // The character being spoken advances while it plays.
  const seen = new Set<number>();
  await expect
    .poll(
      async () => {
        const state = await audioState(page);
        if (state.current === line && state.spoken !== null) seen.add(Number(state.spoken));
        return seen.size >= 3 && Math.max(...seen) > Math.min(...seen);
      },
      { timeout: 10_000, intervals: [100] },
    )
    .toBe(true);
  expect(await page.evaluate(() => CSS.highlights.has("callscope-spoken"))).toBe(true);
});

test("skip silence plays over a long gap, and is remembered", async ({ page }) => {
  const [gapStart, gapEnd] = candidate.gap;
  await openCall(page);
  const toggle = page.getByRole("button", { name: "跳过静音" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");

  // Half a second before the gap (a `?t=` link), then play.
  const from = Math.max(0, gapStart - 500);
  await openCall(page, `?t=${(from / 1000).toFixed(1)}`);
  await expect(page.getByRole("button", { name: "跳过静音" })).toHaveAttribute("aria-pressed", "true");
  // Every seek the media element makes from here on: the skip is one, from inside the gap to just before its end.
  await page.evaluate(() => {
    const audio = document.querySelector<HTMLAudioElement>("audio[data-testid=call-audio]")!;
    const seeks: number[] = [];
    (window as unknown as { __seeks: number[] }).__seeks = seeks;
    audio.addEventListener("seeking", () => seeks.push(audio.currentTime * 1000));
  });
  await page.getByRole("button", { name: "播放", exact: true }).click();
  await expect
    .poll(async () => (await audioState(page)).ms, { timeout: 15_000 })
    .toBeGreaterThan(gapEnd - 200);
  await page.keyboard.press("Space");
  const seeks = await page.evaluate(() => (window as unknown as { __seeks: number[] }).__seeks);
  test.info().annotations.push({
    type: "gap ms, seeks while playing",
    description: `${gapStart}–${gapEnd}, ${seeks.map(Math.round).join(", ")}`,
  });
  // One jump to SKIP_KEEP_MS (300) before the words resume; without skipping there would be none.
  expect(seeks.some((ms) => Math.abs(ms - (gapEnd - 300)) <= 60)).toBe(true);
});

test("j and k move between the customer's turns", async ({ page }) => {
  const { customerTurns } = candidate;
  await openCall(page);
  await page.keyboard.press("j");
  await expect.poll(async () => (await audioState(page)).current).toBe(customerTurns[0]);
  await page.keyboard.press("j");
  await expect.poll(async () => (await audioState(page)).current).toBe(customerTurns[1]);
  // Just into the second turn, k goes to the turn before it (a previous-track button).
  await page.keyboard.press("k");
  await expect.poll(async () => (await audioState(page)).current).toBe(customerTurns[0]);
  // Paused, the keys move the play head without starting the audio.
  expect((await audioState(page)).paused).toBe(true);
});
