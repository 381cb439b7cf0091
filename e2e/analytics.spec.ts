import { expect, test, type Page } from "@playwright/test";
import { parseCsv } from "../lib/testing/csv";
import { signIn, waitForIndex } from "./support/auth";

/**
 * The analytics page against the demo data: for a filter it shows drop-off by round and by the
 * robot's last line, and the top line opens the list of exactly the calls that ended after it —
 * checked call by call against each call's own transcript, not against the same query.
 */

const FILTER = "source=hz-robot,aicc,agent";

interface Utterance {
  speaker: "robot" | "customer";
  text: string;
}

/** The robot's last line with words, stage directions such as （停顿2s） removed (written here again). */
function lastRobotLine(transcript: Utterance[]): string | null {
  for (const line of [...transcript].reverse()) {
    if (line.speaker !== "robot") continue;
    const text = line.text
      .replace(/[（(【[]\s*(停顿|暂停|静音|等待|pause)[^）)】\]]{0,12}\s*[）)】\]]/gi, "")
      .replace(/\s+/g, " ")
      .trim();
    if (text) return text;
  }
  return null;
}

async function listIds(page: Page, search: string): Promise<string[]> {
  const params = new URLSearchParams(search);
  params.set("limit", "500");
  const body = (await (await page.request.get(`/api/calls?${params}`)).json()) as { items: { id: string }[] };
  return body.items.map((item) => item.id);
}

test.beforeEach(async ({ page }) => {
  await signIn(page, "supervisor");
  await waitForIndex(page, 400);
});

test("drop-off by round and by last robot line; the top line lists exactly its calls", async ({ page }) => {
  await page.goto(`/analytics?${FILTER}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("话术分析");
  await expect(page.getByTestId("round-funnel")).toBeVisible();
  expect(await page.getByTestId("round-hangups").count()).toBeGreaterThan(2);

  const dropoff = (await (await page.request.get(`/api/analytics/dropoff?${FILTER}`)).json()) as {
    customerHangups: number;
    byLastRobotLine: { text: string; customerHangups: number }[];
  };
  const top = dropoff.byLastRobotLine[0]!;
  expect(top.customerHangups).toBeGreaterThan(0);
  await expect(page.getByTestId("kpi-hangups")).toHaveText(String(dropoff.customerHangups));
  const firstLine = page.getByTestId("last-line").first();
  await expect(firstLine).toHaveText(top.text);

  await firstLine.click();
  await expect(page).toHaveURL(/\/calls\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get("lastRobotLine")).toBe(top.text);
  expect(url.searchParams.get("source")).toBe("hz-robot,aicc,agent");
  await expect(page.getByTestId("summary-total")).toHaveText(String(top.customerHangups));
  await expect(page.getByRole("row").filter({ has: page.locator('a[href^="/calls/"]') })).toHaveCount(
    top.customerHangups,
  );

  // Each listed call, read on its own: answered, hung up by the customer, after exactly that line.
  const ids = await listIds(page, url.search.slice(1));
  expect(ids).toHaveLength(top.customerHangups);
  for (const id of ids) {
    const call = (await (await page.request.get(`/api/calls/${id}`)).json()) as {
      sourceId: string;
      result: string;
      hangupBy: string;
      transcript: Utterance[];
    };
    expect(["hz-robot", "aicc", "agent"]).toContain(call.sourceId);
    expect(call.result).toBe("answered");
    expect(call.hangupBy).toBe("customer");
    expect(lastRobotLine(call.transcript)).toBe(top.text);
  }
});

test("a round's hang-up bar opens the calls the customer hung up at that round", async ({ page }) => {
  await page.goto(`/analytics?${FILTER}`);
  const bars = page.getByTestId("round-hangups");
  const href = (await bars.nth(1).getAttribute("href"))!;
  const params = new URL(href, "http://x").searchParams;
  const round = params.get("roundsMin")!;
  expect(params.get("roundsMax")).toBe(round);
  const dropoff = (await (await page.request.get(`/api/analytics/dropoff?${FILTER}`)).json()) as {
    byRound: { round: number; customerHangups: number }[];
  };
  const expected = dropoff.byRound.find((r) => r.round === Number(round))!.customerHangups;
  await page.goto(href);
  await expect(page.getByTestId("summary-total")).toHaveText(String(expected));
});

test("CSV of the lines table holds the same lines and counts", async ({ page }) => {
  const response = await page.request.get(`/api/analytics/dropoff?${FILTER}&format=csv&table=lines`);
  expect(response.headers()["content-type"]).toContain("text/csv");
  const rows = parseCsv((await response.text()).replace(/^\uFEFF/, ""));
  const dropoff = (await (await page.request.get(`/api/analytics/dropoff?${FILTER}`)).json()) as {
    byLastRobotLine: { text: string; customerHangups: number }[];
  };
  expect(rows[0]).toEqual(["text", "customerHangups", "share"]);
  expect(rows.slice(1).map((row) => [row[0], Number(row[1])])).toEqual(
    dropoff.byLastRobotLine.map((line) => [line.text, line.customerHangups]),
  );
});

test("the trends chart's day labels do not overlap, wide or narrow, and the last day is labelled", async ({
  page,
}) => {
  const days = (await (await page.request.get(`/api/analytics/daily?${FILTER}`)).json()) as {
    date: string;
  }[];
  expect(days.length).toBeGreaterThan(20);
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/analytics?${FILTER}`);
    // The labels of every width band are in the page; CSS shows one band's: measure what is shown.
    const shown = await page
      .getByTestId("daily-axis")
      .locator("span")
      .evaluateAll((spans) =>
        spans
          .filter((span) => getComputedStyle(span).display !== "none")
          .map((span) => ({ text: span.textContent, ...span.getBoundingClientRect().toJSON() })),
      );
    const axis = (await page.getByTestId("daily-axis").boundingBox())!;
    expect(shown.length, `${width} px`).toBeGreaterThan(2);
    expect(shown.at(-1)!.text).toBe(days.at(-1)!.date.slice(5));
    for (const [i, label] of shown.entries()) {
      expect(label.height, "legible, not scaled down with the SVG").toBeGreaterThanOrEqual(12);
      expect(label.left).toBeGreaterThanOrEqual(axis.x);
      expect(label.right).toBeLessThanOrEqual(axis.x + axis.width);
      if (i)
        expect(label.left, `${shown[i - 1]!.text} / ${label.text} at ${width} px`).toBeGreaterThan(
          shown[i - 1]!.right,
        );
    }
  }
});

test("operators see the page without intent agreement; its route refuses them", async ({ page }) => {
  await signIn(page, "operator");
  await page.goto(`/analytics?${FILTER}`);
  await expect(page.getByTestId("round-funnel")).toBeVisible();
  await expect(page.getByTestId("intent-matrix")).toHaveCount(0);
  expect((await page.request.get("/api/analytics/intent-agreement")).status()).toBe(403);
  const bad = await page.request.get("/api/analytics/daily?intent=Z");
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { code: string; message: string } }).error.message).toMatch(
    /^intent/,
  );
});

test("customer hang-ups are a share of the answered calls whose side is known; the others are counted apart", async ({
  page,
}) => {
  const total = async (search: string) =>
    ((await (await page.request.get(`/api/calls?limit=1&${search}`)).json()) as { total: number }).total;
  const answered = await total("result=answered");
  const sided = await total("result=answered&hangup=robot,customer");
  const customer = await total("result=answered&hangup=customer");
  // Tanyi's records do not say who hung up.
  expect(answered - sided).toBeGreaterThan(0);
  await page.goto("/analytics");
  const share = new Intl.NumberFormat("zh-CN", { style: "percent", maximumFractionDigits: 1 }).format(
    customer / sided,
  );
  await expect(
    page.getByText(`占已知挂断方的接通 ${share}；另有 ${answered - sided} 通接通的挂断方未知`),
  ).toBeVisible();
  // Where every answered call says who hung up, the share is of them all.
  await page.goto(`/analytics?${FILTER}`);
  await expect(page.getByText(/占接通 \d/)).toBeVisible();
  await expect(page.getByText(/挂断方未知/)).toHaveCount(0);
});
