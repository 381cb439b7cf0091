import fs from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type Page } from "playwright";
import type { Figure } from "./report";
import type { BenchServer } from "./server";
import { median, percentile, round } from "./stats";

/** Figures measured in Chromium: what an operator waits for, and what a page makes the browser download. */

// In-page code is plain JavaScript text: the TypeScript runner's helpers do not exist in the page.

/** Ticks/unticks "未接听" in the open result filter; ms from the click until the table shows the new set. */
const FILTER_CHANGE = `new Promise((resolve) => {
  const box = [...document.querySelectorAll("label")].find((l) => l.textContent.includes("未接听"))?.querySelector("input");
  const shown = () => document.querySelector('[data-testid="loaded-count"]')?.textContent ?? "";
  const before = shown();
  const start = performance.now();
  const check = () => {
    if (shown() !== before && document.querySelector('[role="row"][aria-rowindex="2"]')) resolve(performance.now() - start);
    else requestAnimationFrame(check);
  };
  box.click();
  requestAnimationFrame(check);
})`;

/** ms from the moment the peaks response arrived until the waveform's canvas is drawn. */
const WAVEFORM_VISIBLE = `new Promise((resolve) => {
  const drawn = () => {
    const container = document.querySelector('[data-testid="waveform"]');
    if (!container) return false;
    const hosts = [container, ...container.querySelectorAll("*")];
    const canvas = hosts.map((el) => el.shadowRoot?.querySelector("canvas") ?? null).find(Boolean) ?? container.querySelector("canvas");
    return !!canvas && canvas.width > 0;
  };
  const check = () => {
    const peaks = performance.getEntriesByType("resource").find((entry) => entry.name.includes("/peaks"));
    if (peaks && drawn()) resolve(Math.max(0, performance.now() - peaks.responseEnd));
    else requestAnimationFrame(check);
  };
  check();
})`;

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

export async function browserFigures(server: BenchServer, options: { rounds: number }): Promise<Figure[]> {
  const browser = await chromium.launch({
    executablePath: fs.existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    const [name, value] = server.cookie.split("=");
    await context.addCookies([{ name: name!, value: value!, url: server.url }]);
    const page = await context.newPage();
    const figures: Figure[] = [];

    const firstRows: number[] = [];
    for (let i = 0; i < options.rounds; i++) firstRows.push(await firstRowsVisible(page, server.url));
    figures.push({
      name: "List page: first rows visible (from navigation start)",
      value: round(median(firstRows), 0),
      unit: "ms (median)",
      target: "—",
      ok: true,
      detail: `p95 ${round(percentile(firstRows, 95), 0)} ms, n=${firstRows.length}`,
    });

    const changes = await filterChanges(page, server.url, options.rounds);
    figures.push({
      name: "Filter change → rows updated, in the browser",
      value: round(percentile(changes, 95), 1),
      unit: "ms p95",
      target: "≤ 100 ms",
      ok: percentile(changes, 95) <= 100,
      detail: `median ${round(median(changes), 1)} ms, n=${changes.length}`,
    });

    const call = await callPage(page, server, options.rounds);
    figures.push({
      name: "Call page: waveform visible after its peaks arrive",
      value: round(percentile(call.waveformMs, 95), 1),
      unit: "ms p95",
      target: "≤ 300 ms",
      ok: percentile(call.waveformMs, 95) <= 300,
      detail: `median ${round(median(call.waveformMs), 1)} ms, n=${call.waveformMs.length}`,
    });
    figures.push({
      name: "Call page: audio bytes fetched before play",
      value: round(call.audioBytesBeforePlay / 1024, 1),
      unit: "KB",
      target: "≤ 256 KB",
      ok: call.audioBytesBeforePlay <= 256 * 1024,
      detail: `${call.recordingRequestsBeforePlay} recording requests before play`,
    });

    const js = await firstLoadJs(browser, server, call.id);
    figures.push({
      name: "List route (/calls): first-load JS, gzipped",
      value: round(js.list.gzipBytes / 1024, 1),
      unit: "KB",
      target: "≤ 180 KB",
      ok: js.list.gzipBytes <= 180 * 1024,
      detail: `${js.list.files} files; wavesurfer ${js.list.hasWavesurfer ? "LOADED" : "not loaded"}`,
    });
    figures.push({
      name: "Call route (/calls/{id}): first-load JS, gzipped",
      value: round(js.call.gzipBytes / 1024, 1),
      unit: "KB",
      target: "wavesurfer only here",
      ok: !js.list.hasWavesurfer && js.call.hasWavesurfer,
      detail: `${js.call.files} files; wavesurfer ${js.call.hasWavesurfer ? "loaded" : "not loaded"}`,
    });
    return figures;
  } finally {
    await browser.close();
  }
}

async function firstRowsVisible(page: Page, url: string): Promise<number> {
  await page.goto(`${url}/calls`, { waitUntil: "commit" });
  await page.locator('[role="row"][aria-rowindex="2"]').first().waitFor();
  return (await page.evaluate("performance.now()")) as number;
}

/**
 * Ticks and unticks "no answer" in the result filter, as an operator would; each time, the clock runs
 * from the click (in the page) until the table shows the new result set (its count line changes).
 */
async function filterChanges(page: Page, url: string, rounds: number): Promise<number[]> {
  await page.goto(`${url}/calls`);
  await page.locator('[role="row"][aria-rowindex="2"]').first().waitFor();
  await page.getByRole("button", { name: /^结果/ }).first().click();
  const checkbox = page.getByRole("checkbox", { name: "未接听" });
  await checkbox.waitFor();
  const times: number[] = [];
  for (let i = 0; i < rounds * 2 + 1; i++) {
    const elapsed = (await page.evaluate(FILTER_CHANGE)) as number;
    if (i > 0) times.push(elapsed); // the first change warms the route's code
    await page.waitForTimeout(150);
  }
  return times;
}

async function callPage(page: Page, server: BenchServer, rounds: number) {
  const list = (await (
    await fetch(`${server.url}/api/calls?result=answered&roundsMin=4&durationMin=60&limit=${rounds}`, {
      headers: { cookie: server.cookie },
    })
  ).json()) as {
    items: { id: string }[];
  };
  const ids = list.items.map((item) => item.id);
  const waveformMs: number[] = [];
  let audioBytesBeforePlay = 0;
  let recordingRequestsBeforePlay = 0;
  for (const id of ids) {
    const onResponse = async (response: import("playwright").Response) => {
      if (!response.url().includes("/recording")) return;
      recordingRequestsBeforePlay++;
      audioBytesBeforePlay += (await response.body().catch(() => Buffer.alloc(0))).length;
    };
    page.on("response", onResponse);
    await page.goto(`${server.url}/calls/${id}`);
    const elapsed = (await page.evaluate(WAVEFORM_VISIBLE)) as number;
    waveformMs.push(elapsed);
    await page.waitForTimeout(300); // anything a page would fetch on its own, it has now
    page.off("response", onResponse);
  }
  return { id: ids[0]!, waveformMs, audioBytesBeforePlay, recordingRequestsBeforePlay };
}

/** Every script the first load of a route fetched (cold cache), gzipped as the server sends them. */
async function firstLoadJs(browser: Browser, server: BenchServer, callId: string) {
  const measure = async (path: string, ready: string) => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    const [name, value] = server.cookie.split("=");
    await context.addCookies([{ name: name!, value: value!, url: server.url }]);
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.add(response.url());
    });
    await page.goto(`${server.url}${path}`);
    await page.locator(ready).first().waitFor();
    await page.waitForTimeout(500);
    await context.close();
    let gzipBytes = 0;
    let hasWavesurfer = false;
    for (const url of scripts) {
      const body = Buffer.from(await (await fetch(url)).arrayBuffer());
      gzipBytes += gzipSync(body).length;
      if (/wavesurfer/i.test(body.toString("latin1"))) hasWavesurfer = true;
    }
    return { gzipBytes, files: scripts.size, hasWavesurfer };
  };
  return {
    list: await measure("/calls", '[role="row"][aria-rowindex="2"]'),
    call: await measure(`/calls/${callId}`, '[data-testid="waveform"]'),
  };
}
