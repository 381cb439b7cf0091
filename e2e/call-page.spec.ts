import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signIn, waitForIndex } from "./support/auth";

/**
 * The call page as a reviewer uses it: waveform before any audio is fetched, the transcript following
 * the play head, deep links, keys, the supervisor's review, and n/p through the list they came from.
 */

interface Utterance {
  speaker: string;
  text: string;
  startMs: number | null;
  endMs: number | null;
}
interface Detail {
  id: string;
  callee: string;
  sourceId: string;
  hasRecording: boolean;
  transcript: Utterance[];
}

/** PCM16 sources play in every browser; the check for A-law/μ-law is a separate test below. */
const PCM_SOURCES = ["hz-robot", "agent"];

async function answeredCallWithTranscript(request: APIRequestContext, sources = PCM_SOURCES): Promise<Detail> {
  const list = await request.get(`/api/calls?result=answered&roundsMin=2&limit=100&source=${sources.join(",")}`);
  expect(list.ok()).toBe(true);
  const { items } = (await list.json()) as { items: { id: string; hasRecording: boolean }[] };
  for (const item of items.filter((candidate) => candidate.hasRecording)) {
    const detail = (await (await request.get(`/api/calls/${item.id}`)).json()) as Detail;
    const lines = detail.transcript;
    if (lines.length >= 5 && lines.slice(0, 5).every((line) => line.startMs !== null && line.endMs !== null && line.endMs - line.startMs >= 800)) {
      return detail;
    }
  }
  throw new Error("no answered call with a timed transcript in the demo data");
}

/** Counts requests for audio bytes (the recording), which must wait for the reader to press play. */
function countRecordingRequests(page: Page): { count: () => number } {
  let count = 0;
  page.on("request", (request) => {
    if (/\/api\/calls\/[^/]+\/recording/.test(request.url())) count++;
  });
  return { count: () => count };
}

async function mediaState(page: Page) {
  return page.evaluate(() => {
    const audio = document.querySelector<HTMLAudioElement>("audio[data-testid=call-audio]");
    const current = [...document.querySelectorAll('[role=listitem][aria-current="true"]')].map((item) => item.getAttribute("data-index"));
    return { ms: (audio?.currentTime ?? 0) * 1000, paused: audio?.paused ?? true, current };
  });
}

test.beforeEach(async ({ page }) => {
  await signIn(page, "supervisor");
  await waitForIndex(page, 50);
});

test("shows the transcript and a waveform before any audio is fetched", async ({ page }) => {
  const call = await answeredCallWithTranscript(page.request);
  const recording = countRecordingRequests(page);
  await page.goto(`/calls/${call.id}`);

  const transcript = page.getByRole("list", { name: /对话|Conversation/ });
  await expect(transcript).toBeVisible();
  await expect(transcript.getByRole("listitem")).toHaveCount(call.transcript.length);
  await expect(transcript.getByRole("listitem").first()).toContainText(call.transcript[0]!.text.slice(0, 4));
  // wavesurfer draws into a canvas inside its shadow root (Playwright's CSS pierces open shadow roots).
  await expect(page.locator("[data-testid=waveform] canvas").first()).toBeVisible();
  await page.waitForTimeout(500);
  expect(recording.count()).toBe(0);
});

test("clicking an utterance plays from it and marks it current", async ({ page }) => {
  const call = await answeredCallWithTranscript(page.request);
  const third = call.transcript[2]!;
  await page.goto(`/calls/${call.id}`);
  const items = page.getByRole("list", { name: /对话|Conversation/ }).getByRole("listitem");
  await expect(page.locator("[data-testid=waveform] canvas").first()).toBeVisible();

  await items.nth(2).click();
  await expect
    .poll(async () => {
      const state = await mediaState(page);
      return !state.paused && state.ms >= third.startMs! - 50 && state.ms <= third.endMs! ? state.current : null;
    })
    .toEqual(["2"]);
  await expect(items.nth(2)).toHaveAttribute("aria-current", "true");
  await expect(page.locator('[role=listitem][aria-current="true"]')).toHaveCount(1);
});

test("a ?t= link opens at that moment, highlighted, without playing", async ({ page }) => {
  const call = await answeredCallWithTranscript(page.request);
  const fourth = call.transcript[3]!;
  const seconds = Math.round((fourth.startMs! + fourth.endMs!) / 2 / 100) / 10;
  const recording = countRecordingRequests(page);
  await page.goto(`/calls/${call.id}?t=${seconds}`);

  const items = page.getByRole("list", { name: /对话|Conversation/ }).getByRole("listitem");
  await expect(items.nth(3)).toHaveAttribute("aria-current", "true");
  await expect(page.locator('[role=listitem][aria-current="true"]')).toHaveCount(1);
  const state = await mediaState(page);
  expect(state.paused).toBe(true);
  expect(recording.count()).toBe(0);
});

test("space plays and pauses, → moves on 5 seconds", async ({ page }) => {
  const call = await answeredCallWithTranscript(page.request);
  await page.goto(`/calls/${call.id}`);
  await expect(page.locator("[data-testid=waveform] canvas").first()).toBeVisible();
  await page.getByRole("heading", { level: 1 }).click();

  await page.keyboard.press("Space");
  await expect.poll(async () => (await mediaState(page)).paused).toBe(false);
  await page.keyboard.press("Space");
  await expect.poll(async () => (await mediaState(page)).paused).toBe(true);

  const before = (await mediaState(page)).ms;
  await page.keyboard.press("ArrowRight");
  await expect.poll(async () => (await mediaState(page)).ms - before).toBeGreaterThan(4_900);
  expect((await mediaState(page)).ms - before).toBeLessThan(5_100);
});

test("a supervisor flags a call with a corrected intent and a note; an operator only reads", async ({ page, browser }) => {
  const call = await answeredCallWithTranscript(page.request);
  await page.goto(`/calls/${call.id}`);
  const review = page.getByRole("region", { name: "审核" });
  await review.getByText("已标记", { exact: true }).click();
  await review.getByText("B", { exact: true }).click();
  const note = `话术在第三轮答非所问 ${Date.now()}`;
  await review.getByRole("textbox", { name: "备注" }).fill(note);
  // Typing in the note must not drive the player.
  await expect.poll(async () => (await mediaState(page)).paused).toBe(true);
  await review.getByRole("button", { name: "保存", exact: true }).click();
  await expect(review.getByText("已保存")).toBeVisible();

  await page.reload();
  const reloaded = page.getByRole("region", { name: "审核" });
  await expect(reloaded.getByRole("radio", { name: "已标记" })).toBeChecked();
  await expect(reloaded.getByRole("radio", { name: /^B 级/ })).toBeChecked();
  await expect(reloaded.getByRole("textbox", { name: "备注" })).toHaveValue(note);

  const flagged = (await (await page.request.get("/api/calls?review=flagged&limit=500")).json()) as { items: { id: string }[] };
  expect(flagged.items.map((item) => item.id)).toContain(call.id);

  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await signIn(operator, "operator");
  await operator.goto(`/calls/${call.id}`);
  const readOnly = operator.getByRole("region", { name: "审核" });
  await expect(readOnly).toBeVisible();
  await expect(readOnly.getByRole("textbox")).toHaveCount(0);
  await expect(readOnly.getByRole("button", { name: "保存", exact: true })).toHaveCount(0);
  await expect(readOnly).toContainText(note);
  await expect(operator.getByRole("heading", { level: 1 })).toContainText("****");
  await operatorContext.close();
});

test("n and p walk the list the reader came from", async ({ page }) => {
  const list = (await (await page.request.get("/api/calls?result=answered&limit=5")).json()) as { items: { id: string }[] };
  const start = list.items[1]!.id;
  const expected = (await (await page.request.get(`/api/calls/${start}/neighbors?result=answered`)).json()) as { prev: string; next: string };
  expect(expected.next).toBe(list.items[2]!.id);

  // As the list page leaves it when a row is opened.
  await page.addInitScript(() => sessionStorage.setItem("callscope:list-context", "result=answered"));
  await page.goto(`/calls/${start}`);
  await expect(page.getByRole("link", { name: /下一通/ })).toHaveAttribute("href", `/calls/${expected.next}`);
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("n");
  await expect(page).toHaveURL(new RegExp(`/calls/${expected.next}$`));
  await expect(page.getByRole("link", { name: /上一通/ })).toHaveAttribute("href", `/calls/${start}`);
  await page.keyboard.press("p");
  await expect(page).toHaveURL(new RegExp(`/calls/${start}$`));
});

test("recordings of every encoding play in this browser (PCM16, A-law, μ-law)", async ({ page }) => {
  for (const source of ["hz-robot", "aicc", "tanyi", "agent"]) {
    const call = await answeredCallWithTranscript(page.request, [source]);
    await page.goto(`/calls/${call.id}`);
    await expect(page.locator("[data-testid=waveform] canvas").first()).toBeVisible();
    await page.getByRole("list", { name: /对话|Conversation/ }).getByRole("listitem").nth(1).click();
    await expect.poll(async () => (await mediaState(page)).ms, { message: `${source} plays` }).toBeGreaterThan(call.transcript[1]!.startMs! + 300);
    await expect(page.getByText(/录音无法播放|cannot be played/)).toHaveCount(0);
  }
});

test("a call opened from the list knows its neighbours in that list", async ({ page }) => {
  const list = (await (await page.request.get("/api/calls?result=answered&limit=5")).json()) as { items: { id: string }[] };
  const start = list.items[1]!.id;
  const expected = (await (await page.request.get(`/api/calls/${start}/neighbors?result=answered`)).json()) as { prev: string; next: string };

  await page.goto("/calls?result=answered");
  await page.locator(`a[href="/calls/${start}"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`/calls/${start}$`));
  await expect(page.getByRole("link", { name: /下一通/ })).toHaveAttribute("href", `/calls/${expected.next}`);
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("n");
  await expect(page).toHaveURL(new RegExp(`/calls/${expected.next}$`));
});
