import fs from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { parseCsv } from "../lib/testing/csv";
import { signIn, waitForIndex } from "./support/auth";

/**
 * The calls list against the demo data: the URL is the filter, the rows are the API's rows, and the
 * states (loading more, empty, error) are ones a person can act on.
 */

interface ApiPage {
  items: { id: string }[];
  total: number;
  nextCursor: string | null;
}

async function api(page: Page, search: string, limit = 100): Promise<ApiPage> {
  const params = new URLSearchParams(search);
  params.set("limit", String(limit));
  const response = await page.request.get(`/api/calls?${params}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as ApiPage;
}

/** Every id the API returns for a filter, in order. */
async function apiAll(page: Page, search: string): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let total = 0;
  do {
    const params = new URLSearchParams(search);
    params.set("limit", "500");
    if (cursor) params.set("cursor", cursor);
    const body = (await (await page.request.get(`/api/calls?${params}`)).json()) as ApiPage;
    ids.push(...body.items.map((item) => item.id));
    total = body.total;
    cursor = body.nextCursor;
  } while (cursor);
  return { ids, total };
}

function table(page: Page): Locator {
  return page.getByRole("table");
}

/** The rows the table has in the DOM right now: (aria-rowindex, id, link href). */
async function renderedRows(page: Page) {
  return table(page)
    .locator('[role="row"][data-call-id]')
    .evaluateAll((rows) =>
      rows.map((row) => ({
        index: Number(row.getAttribute("aria-rowindex")),
        id: row.getAttribute("data-call-id")!,
        href: row.querySelector("a")?.getAttribute("href") ?? null,
      })),
    );
}

/**
 * Scrolls the table from the top to the end (or until `limit` rows are known), collecting every row
 * it shows. Returns the ids in list order and checks each row's link on the way.
 */
async function scrollThrough(page: Page, limit = Number.POSITIVE_INFINITY): Promise<string[]> {
  const seen = new Map<number, string>();
  const scroller = table(page);
  await scroller.evaluate((element) => element.scrollTo({ top: 0 }));
  for (let step = 0; step < 400; step++) {
    for (const row of await renderedRows(page)) {
      expect(row.href).toBe(`/calls/${row.id}`);
      const before = seen.get(row.index);
      if (before) expect(before).toBe(row.id);
      seen.set(row.index, row.id);
    }
    if (seen.size >= limit) break;
    const atEnd = await scroller.evaluate(
      (element) => element.scrollTop + element.clientHeight >= element.scrollHeight - 2,
    );
    const loading = await scroller.getByText(/正在加载更多|Loading more/).count();
    if (atEnd && !loading) break;
    await scroller.evaluate((element) => element.scrollBy({ top: element.clientHeight * 0.7 }));
    await page.waitForTimeout(loading ? 150 : 40);
  }
  const ordered = [...seen.entries()].sort((a, b) => a[0] - b[0]);
  // Row indexes run 2, 3, 4 … (the header is row 1) without a gap.
  ordered.forEach(([index], position) => expect(index).toBe(position + 2));
  return ordered.map(([, id]) => id).slice(0, limit === Number.POSITIVE_INFINITY ? undefined : limit);
}

function searchOf(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}

async function expectUrlParams(page: Page, expected: Record<string, string | null>) {
  await expect
    .poll(() => {
      const params = searchOf(page);
      return Object.fromEntries(Object.keys(expected).map((name) => [name, params.get(name)]));
    })
    .toEqual(expected);
}

async function openFilter(page: Page, name: RegExp) {
  await page.getByRole("search").getByRole("button", { name }).click();
}

test.beforeEach(async ({ page }) => {
  await signIn(page, "supervisor");
  await waitForIndex(page, 400);
});

test("the URL's filters show exactly the API's rows and total", async ({ page }) => {
  const search = "intent=A,B&hangup=robot";
  const expected = await api(page, search);
  expect(expected.total).toBeGreaterThan(0);

  await page.goto(`/calls?${search}`);
  await expect(table(page)).toHaveAttribute("aria-rowcount", String(expected.total + 1));
  await expect(page.getByTestId("summary-total")).toHaveText(String(expected.total));
  await expect(page.getByTestId("loaded-count")).toContainText(String(expected.total));
  // The controls say what the URL says.
  await expect(page.getByRole("button", { name: /^意向: / })).toContainText("A, B");
  await expect(page.getByRole("button", { name: /^挂断方: / })).toContainText("机器人");

  const ids = await scrollThrough(page, expected.items.length);
  expect(ids).toEqual(expected.items.map((item) => item.id));
});

test("choosing filters writes the URL with the API's names, and back/forward restore them", async ({
  page,
}) => {
  await page.goto("/calls");
  await expect(table(page).locator('[role="row"][data-call-id]').first()).toBeVisible();

  await openFilter(page, /^结果/);
  await page.getByRole("checkbox", { name: "已接听" }).check();
  await page.keyboard.press("Escape");
  await expectUrlParams(page, { result: "answered" });

  await openFilter(page, /^意向/);
  await page.getByRole("checkbox", { name: /^A 级/ }).check();
  await page.getByRole("checkbox", { name: /^B 级/ }).check();
  await page.keyboard.press("Escape");
  await expectUrlParams(page, { result: "answered", intent: "A,B" });
  expect(page.url()).toContain("intent=A,B");

  await openFilter(page, /^对话轮次/);
  await page.getByRole("textbox", { name: "最小" }).fill("3");
  await page.getByRole("textbox", { name: "最大" }).fill("40");
  await page.keyboard.press("Escape");
  await expectUrlParams(page, { result: "answered", intent: "A,B", roundsMin: "3", roundsMax: "40" });

  const search = page.getByRole("searchbox", { name: "搜索" });
  await search.fill("多少钱");
  await expectUrlParams(page, {
    result: "answered",
    intent: "A,B",
    roundsMin: "3",
    roundsMax: "40",
    q: "多少钱",
  });

  // What shows is what the API says for that URL.
  const expected = await api(page, searchOf(page).toString());
  expect(expected.total).toBeGreaterThan(0);
  await expect(page.getByTestId("summary-total")).toHaveText(String(expected.total));
  expect(await scrollThrough(page, expected.items.length)).toEqual(expected.items.map((item) => item.id));

  // Back: the search goes, the other filters stay; forward: it returns.
  await page.goBack();
  await expectUrlParams(page, {
    result: "answered",
    intent: "A,B",
    roundsMin: "3",
    roundsMax: "40",
    q: null,
  });
  await expect(search).toHaveValue("");
  await page.goForward();
  await expectUrlParams(page, { q: "多少钱" });
  await expect(search).toHaveValue("多少钱");

  // One click clears every filter.
  await page.getByRole("search").getByRole("button", { name: "清除全部筛选" }).click();
  await expect.poll(() => new URL(page.url()).search).toBe("");
  await expect(page.getByTestId("summary-total")).toHaveText("400");
});

test("sorting by talk time writes the sort and orders rows like the API", async ({ page }) => {
  await page.goto("/calls?result=answered");
  const header = page.getByRole("columnheader", { name: "通话时长" });
  await expect(header).toHaveAttribute("aria-sort", "none");
  await expect(page.getByRole("columnheader", { name: "开始时间" })).toHaveAttribute(
    "aria-sort",
    "descending",
  );

  await header.getByRole("button").click();
  await expectUrlParams(page, { result: "answered", sort: "durationSec:desc" });
  expect(page.url()).toContain("sort=durationSec:desc");
  await expect(header).toHaveAttribute("aria-sort", "descending");
  const desc = await api(page, "result=answered&sort=durationSec:desc");
  await expect(table(page).locator('[role="row"][data-call-id]').first()).toHaveAttribute(
    "data-call-id",
    desc.items[0]!.id,
  );
  expect(await scrollThrough(page, 40)).toEqual(desc.items.slice(0, 40).map((item) => item.id));

  await header.getByRole("button").click();
  await expectUrlParams(page, { sort: "durationSec:asc" });
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  const asc = await api(page, "result=answered&sort=durationSec:asc");
  await expect(table(page).locator('[role="row"][data-call-id]').first()).toHaveAttribute(
    "data-call-id",
    asc.items[0]!.id,
  );
  expect(await scrollThrough(page, 40)).toEqual(asc.items.slice(0, 40).map((item) => item.id));
});

test("scrolling loads further pages, without repeats, until every matching call is reachable", async ({
  page,
}) => {
  // A filter with more than one page (100) and a few hundred matches at most.
  const candidates = [
    "result=answered",
    "hangup=robot",
    "intent=none",
    "review=unreviewed&result=answered",
    "",
  ];
  let chosen: { search: string; total: number } | null = null;
  for (const search of candidates) {
    const { total } = await api(page, search, 1);
    if (total > 100 && total <= 300) {
      chosen = { search, total };
      break;
    }
  }
  expect(chosen, "a demo filter with 100–300 matches").not.toBeNull();
  const { search, total } = chosen!;

  await page.goto(`/calls?${search}`);
  await expect(page.getByTestId("loaded-count")).toContainText(`100 / ${total}`);
  const ids = await scrollThrough(page);
  expect(ids.length).toBe(total);
  expect(new Set(ids).size).toBe(total);
  expect(ids).toEqual((await apiAll(page, search)).ids);
  await expect(page.getByTestId("loaded-count")).toContainText(`${total} / ${total}`);
});

test("the CSV export holds every call of the filter: BOM, header, the API's rows", async ({ page }) => {
  const search = "result=answered&hangup=robot";
  await page.goto(`/calls?${search}`);
  const expected = await apiAll(page, search);
  expect(expected.total).toBeGreaterThan(100);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "导出 CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^callscope-calls-\d{8}-\d{4}\.csv$/);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...records] = parseCsv(bytes.subarray(3).toString("utf8"));
  expect(header!.join(",")).toBe(
    "id,startedAt,source,task,callee,caller,result,resultLabel,durationSec,rounds,hangupBy,intent,reviewIntent,reviewStatus,tags,vendorCallId,annotations.asr_error,annotations.wrong_answer,annotations.missed_intent,annotations.good,annotations.note,metrics.robotLatencyMedianMs,metrics.robotLatencyMaxMs,metrics.deadAirMaxMs,metrics.customerTalkRatio,metrics.bargeIns",
  );
  expect(records.length).toBe(expected.total);
  expect(records.map((record) => record[0])).toEqual(expected.ids);
  expect(records.every((record) => record[6] === "answered" && record[10] === "robot")).toBe(true);
});

test("a filter that matches nothing says so and offers to clear it", async ({ page }) => {
  await page.goto("/calls?roundsMin=100000");
  await expect(page.getByText("没有符合筛选条件的通话")).toBeVisible();
  await expect(page.getByRole("link", { name: "导出 CSV" })).toHaveAttribute("aria-disabled", "true");
  await table(page).getByRole("button", { name: "清除全部筛选" }).click();
  await expect.poll(() => new URL(page.url()).search).toBe("");
  await expect(table(page).locator('[role="row"][data-call-id]').first()).toBeVisible();
});

test("a failing API shows its message and a retry that works once it is back", async ({ page }) => {
  await page.goto("/calls");
  await expect(table(page).locator('[role="row"][data-call-id]').first()).toBeVisible();

  const failing = /\/api\/calls(\/stats)?\?/;
  await page.route(failing, (route) =>
    route.fulfill({
      status: 503,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "unavailable", message: "索引维护中，请稍后再试" } }),
    }),
  );
  await openFilter(page, /^审核状态/);
  await page.getByRole("checkbox", { name: "未审核" }).check();
  await page.keyboard.press("Escape");

  const alert = page.getByRole("alert").filter({ hasText: "通话列表加载失败" });
  await expect(alert).toBeVisible({ timeout: 15_000 });
  await expect(alert).toContainText("索引维护中，请稍后再试");
  await expect(table(page).locator('[role="row"][data-call-id]')).toHaveCount(0);

  await page.unroute(failing);
  await alert.getByRole("button", { name: "重试" }).click();
  await expect(alert).toBeHidden();
  await expect(table(page).locator('[role="row"][data-call-id]').first()).toBeVisible();
  await expect(page.getByTestId("summary-total")).toHaveText(
    String((await api(page, "review=unreviewed", 1)).total),
  );
});

test("keyboard: / searches, j/k move, Enter opens the call", async ({ page }) => {
  await page.goto("/calls?intent=A");
  const rows = table(page).locator('[role="row"][data-call-id]');
  await expect(rows.first()).toBeVisible();

  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("/");
  const search = page.getByRole("searchbox", { name: "搜索" });
  await expect(search).toBeFocused();
  // Typing j in the search box is text, not a shortcut.
  await page.keyboard.type("j");
  await expect(search).toHaveValue("j");
  await search.fill("");
  await page.keyboard.press("Escape");
  await expect(search).not.toBeFocused();

  await page.keyboard.press("j");
  await expect(rows.nth(0)).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(rows.nth(2)).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("k");
  await expect(rows.nth(1)).toHaveAttribute("aria-current", "true");
  await expect(rows.nth(0)).not.toHaveAttribute("aria-current", "true");

  const id = await rows.nth(1).getAttribute("data-call-id");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/calls/${id}$`));
  // The call page can offer the neighbours of the list the user came from.
  expect(await page.evaluate(() => sessionStorage.getItem("callscope:list-context"))).toBe("intent=A");
});

test("keyboard: Enter opens the highlighted call even before focus has followed it", async ({ page }) => {
  // Focus follows the highlight a frame after j/k. Enter pressed within that frame reached the link
  // focus was still on, the row the highlight had just left (CI flake of 64014ce). Here focus never
  // follows: animation frames stop once the first row has it.
  await page.goto("/calls?intent=A");
  const rows = table(page).locator('[role="row"][data-call-id]');
  await expect(rows.nth(1)).toBeVisible();
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("j");
  await expect(rows.nth(0).locator("a")).toBeFocused();
  await page.evaluate(() => {
    window.requestAnimationFrame = () => 0;
  });
  await page.keyboard.press("j");
  await expect(rows.nth(1)).toHaveAttribute("aria-current", "true");
  await expect(rows.nth(0).locator("a")).toBeFocused();
  const id = await rows.nth(1).getAttribute("data-call-id");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/calls/${id}$`));
});

test("keyboard: a row's link reached with Tab is the highlighted row", async ({ page }) => {
  await page.goto("/calls?intent=A");
  const rows = table(page).locator('[role="row"][data-call-id]');
  await expect(rows.nth(2)).toBeVisible();
  await rows.nth(2).locator("a").focus();
  await expect(rows.nth(2)).toHaveAttribute("aria-current", "true");
  const id = await rows.nth(2).getAttribute("data-call-id");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/calls/${id}$`));
});

test("keyboard: the highlight stays on its call when a finished sync reorders the list", async ({ page }) => {
  // A sync that ends refreshes the list under the reader. Here the refreshed page puts its last call
  // first, as a newly synced call would, so every row moves down one: Enter must still open the call
  // the reader highlighted, not whichever now sits at its old position.
  // The page arrives with the sources' state rendered in; its first poll (15 s later) is told a sync
  // runs, and the next (1 s later) that it has ended.
  let syncEnded = false;
  await page.route("**/api/sources", async (route) => {
    const response = await route.fetch();
    const sources = (await response.json()) as { sync: { state: string } }[];
    if (!syncEnded) sources[0]!.sync.state = "syncing";
    await route.fulfill({ response, json: sources });
  });
  await page.route(/\/api\/calls\?/, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as ApiPage;
    if (syncEnded) body.items.unshift(body.items.pop()!);
    await route.fulfill({ response, json: body });
  });

  const syncSeen = page.waitForResponse((response) => response.url().endsWith("/api/sources"), {
    timeout: 30_000,
  });
  await page.goto("/calls?intent=A");
  const rows = table(page).locator('[role="row"][data-call-id]');
  await expect(rows.first()).toBeVisible();
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(rows.nth(2)).toHaveAttribute("aria-current", "true");
  const id = await rows.nth(2).getAttribute("data-call-id");

  await syncSeen;
  const refreshed = page.waitForResponse((response) => /\/api\/calls\?/.test(response.url()));
  syncEnded = true;
  await refreshed;
  const highlighted = table(page).locator(`[role="row"][data-call-id="${id}"]`);
  await expect(highlighted).toHaveAttribute("data-row-index", "3");
  await expect(highlighted).toHaveAttribute("aria-current", "true");
  await expect(table(page).locator('[role="row"][aria-current="true"]')).toHaveCount(1);

  // j moves on from where the call is now, and k comes back to it.
  await page.keyboard.press("j");
  await expect(rows.nth(4)).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("k");
  await expect(highlighted).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/calls/${id}$`));
});

test("a panel that cannot be loaded says so in place, and the list stays usable", async ({ page }) => {
  await page.goto("/calls");
  const rows = table(page).locator('[role="row"][data-call-id]');
  await expect(rows.first()).toBeVisible();
  // As after a redeploy: the page's own scripts are gone from the server.
  await page.route("**/_next/static/chunks/**", (route) => route.abort());

  await openFilter(page, /^对话轮次/);
  const panel = page.getByRole("dialog", { name: "对话轮次" });
  await expect(panel.getByRole("alert")).toContainText("这部分没能加载");
  await expect(panel.getByRole("button", { name: "重新加载页面" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId("summary-total")).toHaveText("400");
});

test("keyboard: a filter panel (loaded on demand) opens with Enter, takes focus, and Escape returns it", async ({
  page,
}) => {
  await page.goto("/calls");
  await expect(table(page).locator('[role="row"][data-call-id]').first()).toBeVisible();

  const talkTime = page.getByRole("search").getByRole("button", { name: /^通话时长/ });
  await talkTime.focus();
  await page.keyboard.press("Enter");
  const min = page.getByRole("dialog", { name: "通话时长" }).getByRole("textbox", { name: "最小" });
  await expect(min).toBeFocused();
  await page.keyboard.type("60");
  await page.keyboard.press("Enter");
  await expectUrlParams(page, { durationMin: "60" });
  await page.keyboard.press("Escape");
  await expect(talkTime).toBeFocused();

  // The same for the column menu, which lives outside the filter bar: focus skips the column that
  // cannot be hidden (its checkbox is disabled).
  await page.getByRole("button", { name: "列" }).focus();
  await page.keyboard.press("Enter");
  const columns = page.getByRole("dialog", { name: "显示的列" });
  await expect(columns.getByRole("checkbox", { disabled: false }).first()).toBeFocused();
});
test("both languages render, and English is one click away", async ({ page }) => {
  await page.goto("/calls?intent=A,B");
  await expect(page.getByRole("heading", { name: "通话记录" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "通话时长" })).toBeVisible();

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Calls" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Talk time" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Intent: / })).toContainText("A, B");
  await expect(page.getByRole("link", { name: "Export CSV" })).toBeVisible();
  await expect(table(page).locator('[role="row"][data-call-id]').first()).toBeVisible();
  expect(page.url()).toContain("intent=A,B");

  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { name: "通话记录" })).toBeVisible();
});

test("typing on while a search lands keeps every character typed", async ({ page }) => {
  await page.goto("/calls");
  const search = page.getByRole("searchbox", { name: "搜索" });
  // A slow machine: the router applies each search's URL a moment late, after the next key is typed.
  // The box took that late arrival for the URL moving on its own and put the older text back.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 12 });
  await search.click();
  // Slower than the 300 ms the box waits before searching: every word is searched on its own.
  await search.pressSequentially("不需要再见谢谢", { delay: 330 });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  await expect(search).toHaveValue("不需要再见谢谢");
  await expectUrlParams(page, { q: "不需要再见谢谢" });
  await page.waitForTimeout(1_000);
  await expect(search).toHaveValue("不需要再见谢谢");
});

test("a number typed a digit at a time is searched once, whole", async ({ page }) => {
  await signIn(page, "operator");
  await page.goto("/calls");
  const searched = new Set<string>();
  page.on("request", (request) => {
    const q = new URL(request.url()).searchParams.get("q");
    if (q) searched.add(q);
  });
  const search = page.getByRole("searchbox", { name: "搜索" });
  await search.click();
  // 400 ms a key: each pause is longer than a word's 300 ms, and for an operator each number
  // searched counts against an hourly limit.
  await search.pressSequentially("13893624176", { delay: 400 });
  await expectUrlParams(page, { q: "13893624176" });
  await page.waitForTimeout(1_500);
  expect([...searched]).toEqual(["13893624176"]);
});

test("filters a link gets wrong are named and left out, never passed off as the filter asked for", async ({
  page,
}) => {
  await page.goto("/calls?intent=Z&result=answerd&source=tanyi");
  const notice = page.getByTestId("ignored-filters");
  await expect(notice).toContainText("2 个筛选无法识别");
  await expect(notice).toContainText("intent: ");
  await expect(notice).toContainText("result: ");
  // What is shown is the API's answer for the filters that were understood.
  const expected = await api(page, "source=tanyi");
  await expect(page.getByTestId("summary-total")).toHaveText(String(expected.total));
  await notice.getByRole("button", { name: "从链接中去掉" }).click();
  await expect.poll(() => new URL(page.url()).search).toBe("?source=tanyi");
  await expect(notice).toHaveCount(0);

  await page.goto("/analytics?intent=Z");
  await expect(page.getByTestId("ignored-filters")).toContainText("intent: ");
  await page.getByTestId("ignored-filters").getByRole("link", { name: "从链接中去掉" }).click();
  await expect(page).toHaveURL(/\/analytics$/);
  await expect(page.getByTestId("ignored-filters")).toHaveCount(0);
});

test("the number-search limit and a busy server are said in the reader's language", async ({ page }) => {
  await page.goto("/calls");
  await expect(table(page).locator('[role="row"][data-call-id]').first()).toBeVisible();
  let answer = {
    status: 429,
    headers: { "retry-after": "2400" },
    error: {
      code: "too_many_requests",
      message: "q: too many phone-number searches (30 an hour); try again in 40 min",
    },
  };
  const failing = /\/api\/calls(\/stats)?\?/;
  await page.route(failing, (route) =>
    route.fulfill({
      status: answer.status,
      headers: answer.headers,
      contentType: "application/json",
      body: JSON.stringify({ error: answer.error }),
    }),
  );
  await page.getByRole("searchbox", { name: "搜索" }).fill("13800000000");
  await page.keyboard.press("Enter");
  const alert = page.getByRole("alert").filter({ hasText: "通话列表加载失败" });
  await expect(alert).toContainText("电话号码搜索已达上限（每小时 30 个号码），40 分钟后可以再搜。");

  answer = {
    status: 503,
    headers: { "retry-after": "1" },
    error: {
      code: "busy",
      message: "the server is busy (64 requests are already waiting); try again in a moment",
    },
  };
  await alert.getByRole("button", { name: "重试" }).click();
  await expect(alert).toContainText("服务器正忙", { timeout: 15_000 });
  await page.unroute(failing);
});

test("back from a call, the list is where it was: the same row highlighted and in view, j goes on", async ({
  page,
}) => {
  await page.goto("/calls?sort=durationSec:desc");
  const rows = table(page).locator('[role="row"][data-call-id]');
  await expect(rows.first()).toBeVisible();
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  for (let i = 0; i < 30; i++) await page.keyboard.press("j");
  const current = table(page).locator('[role="row"][aria-current="true"]');
  await expect(current).toHaveAttribute("aria-rowindex", "31");
  const id = await current.getAttribute("data-call-id");
  const scrolled = await table(page).evaluate((element) => element.scrollTop);
  expect(scrolled).toBeGreaterThan(0);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/calls/${id}$`));

  await page.goBack();
  await expect(current).toHaveAttribute("data-call-id", id!);
  await expect.poll(() => table(page).evaluate((element) => element.scrollTop)).toBe(scrolled);
  await page.keyboard.press("j");
  await expect(current).toHaveAttribute("aria-rowindex", "32");
});
