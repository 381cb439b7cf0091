import { expect as baseExpect, test, type APIRequestContext } from "@playwright/test";
import { signIn, waitForIndex } from "./support/auth";

/** Pages here open one after another (a call, the next, the batch): on a busy 2-core machine one can take 20 s. */
const expect = baseExpect.configure({ timeout: 30_000 });

/**
 * The review workflow as a quality team uses it: a sampled batch drawn from a filtered list and
 * worked through with "save and next"; annotations on a line and a moment, seen on the waveform;
 * an operator reading them without being able to change them.
 */

interface Detail {
  id: string;
  hasRecording: boolean;
  transcript: { text: string; startMs: number | null; endMs: number | null }[];
}

/** An answered PCM call with at least four timed lines (PCM plays in every browser). */
async function annotatableCall(request: APIRequestContext): Promise<Detail> {
  const list = await request.get("/api/calls?result=answered&roundsMin=2&limit=100&source=hz-robot,agent");
  const { items } = (await list.json()) as { items: { id: string; hasRecording: boolean }[] };
  for (const item of items.filter((candidate) => candidate.hasRecording)) {
    const detail = (await (await request.get(`/api/calls/${item.id}`)).json()) as Detail;
    if (detail.transcript.length >= 4 && detail.transcript.slice(0, 4).every((line) => line.startMs !== null))
      return detail;
  }
  throw new Error("no answered call with a timed transcript in the demo data");
}

// Each test walks a whole workflow (several pages, two users): more than the default minute on a busy machine.
test.describe.configure({ timeout: 240_000 });

test.beforeEach(async ({ page }) => {
  await signIn(page, "supervisor");
  await waitForIndex(page, 50);
});

test("a supervisor draws a batch from a filtered list and works through it with save and next", async ({
  page,
}) => {
  const filter = "result=answered&source=tanyi&review=unreviewed";
  const matching = (await (await page.request.get(`/api/calls?${filter}&limit=500`)).json()) as {
    items: { id: string }[];
    total: number;
  };
  expect(matching.total).toBeGreaterThanOrEqual(3);

  await page.goto(`/calls?${filter}`);
  await page.getByRole("button", { name: "创建审核批次" }).click();
  const form = page.getByRole("dialog", { name: "从当前筛选创建审核批次" });
  await form.getByLabel("名称").fill("探意接通抽检");
  await form.getByRole("spinbutton").fill("3");
  await expect(form).toContainText(`当前筛选共 ${matching.total} 通`);
  await expect(form).toContainText("将随机抽取 3 通");
  await form.getByRole("button", { name: "创建" }).click();

  await page.waitForURL(/\/reviews\/[A-Za-z0-9_-]+$/);
  const batchId = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { name: "探意接通抽检" })).toBeVisible();
  await expect(page.getByTestId("batch-progress")).toHaveText("0 / 3");
  const batch = (await (await page.request.get(`/api/review-batches/${batchId}`)).json()) as {
    callIds: string[];
    query: string;
  };
  expect(batch.callIds).toHaveLength(3);
  const ids = matching.items.map((item) => item.id);
  for (const id of batch.callIds) expect(ids).toContain(id);

  await page.getByRole("button", { name: "开始审核" }).click();
  const bar = page.getByRole("region", { name: "审核批次" });
  for (let n = 1; n <= 3; n++) {
    await page.waitForURL(new RegExp(`/calls/${batch.callIds[n - 1]}\\?batch=${batchId}$`));
    await expect(bar.getByTestId("batch-position")).toHaveText(`第 ${n} / 3 通`);
    await expect(bar.getByTestId("batch-done")).toHaveText(`已完成 ${n - 1}/3`);
    // The bar's button for the first two calls, the key for the last.
    if (n < 3) await bar.getByRole("button", { name: /保存并下一通/ }).click();
    else {
      await expect(page.getByRole("radiogroup", { name: "状态" })).toBeVisible();
      await page.locator("body").press("s");
    }
  }

  await page.waitForURL(new RegExp(`/reviews/${batchId}$`));
  await expect(page.getByTestId("batch-progress")).toHaveText("3 / 3");
  await expect(page.getByRole("status")).toHaveText(/本批次已全部审核/);
  await expect(page.getByRole("button", { name: /开始审核|继续审核/ })).toHaveCount(0);
  expect((await page.request.get(`/api/review-batches/${batchId}/next`)).status()).toBe(204);

  await page.goto("/reviews");
  const row = page.getByRole("row").filter({ hasText: "探意接通抽检" });
  await expect(row).toContainText("3 / 3");
  await expect(row.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "3");
});

test("annotations on a line and a moment show on the waveform; an operator reads them only", async ({
  page,
  browser,
}) => {
  const call = await annotatableCall(page.request);
  const second = call.transcript[1]!;
  // Open at 0:06, between lines or on one: the moment annotation is made there.
  await page.goto(`/calls/${call.id}?t=6`);
  const lines = page.getByRole("list", { name: "对话" }).getByRole("listitem");
  await expect(page.locator("[data-testid=waveform] canvas").first()).toBeVisible();

  // A line: its "annotate" button, a label, a note with a phone number in it.
  await lines.nth(1).hover();
  await lines.nth(1).getByRole("button", { name: "+ 标注此句" }).click();
  const editor = lines.nth(1).getByRole("form", { name: "添加标注" });
  await editor.getByText("识别错误").click();
  await editor.getByPlaceholder("说明（可选）").fill("把“利率”听成了“立律”，客户回拨 13812345678");
  await editor.getByRole("button", { name: "添加标注" }).click();
  await expect(lines.nth(1).locator("[data-annotation=asr_error]")).toContainText("识别错误");

  // A moment: the panel's "mark this moment" at the play head.
  const panel = page.getByRole("region", { name: /^标注/ });
  await panel.getByRole("button", { name: /标注当前时刻/ }).click();
  await panel.getByText("优秀话术").click();
  await panel.getByRole("button", { name: "添加标注" }).click();
  await expect(panel.getByRole("listitem")).toHaveCount(2);
  await expect(panel.locator("[data-annotation-item=good]")).toContainText("0:06");

  // Both on the waveform; the line's marker sits at the line's start and seeks there.
  const markers = page.locator("[data-marker]");
  await expect(markers).toHaveCount(2);
  await expect(page.locator("[data-marker=asr_error]")).toHaveAttribute("aria-label", /识别错误/);
  await expect(page.locator("[data-marker=good]")).toHaveAttribute("aria-label", /优秀话术，0:06/);
  await page.locator("[data-marker=asr_error]").click();
  await expect(lines.nth(1)).toHaveAttribute("aria-current", "true");
  const slider = page.getByRole("slider", { name: /播放位置|Position/ });
  await expect(slider).toHaveAttribute("aria-valuenow", String(Math.floor(second.startMs! / 1000)));

  // A label key annotates the current line.
  await page.locator("body").press("2");
  await expect(lines.nth(1).locator("[data-annotation=wrong_answer]")).toContainText("答非所问");
  await expect(markers).toHaveCount(3);

  // The list filter finds the call by its annotation.
  const filtered = (await (await page.request.get("/api/calls?annotation=asr_error&limit=500")).json()) as {
    items: { id: string }[];
  };
  expect(filtered.items.map((item) => item.id)).toContain(call.id);

  // An operator: the same marks, the number in the note masked, nothing to change.
  const context = await browser.newContext();
  const operator = await context.newPage();
  await signIn(operator, "operator");
  await operator.goto(`/calls/${call.id}`);
  const operatorLines = operator.getByRole("list", { name: "对话" }).getByRole("listitem");
  await expect(operatorLines.nth(1).locator("[data-annotation=asr_error]")).toContainText("138****5678");
  await expect(operator.locator("[data-marker]")).toHaveCount(3);
  const operatorPanel = operator.getByRole("region", { name: /^标注/ });
  await expect(operatorPanel).toContainText("只有主管可以标注。");
  await expect(operatorPanel).not.toContainText("13812345678");
  await operatorLines.nth(1).hover();
  await expect(operator.getByRole("button", { name: /标注此句|标注当前时刻|删除/ })).toHaveCount(0);
  await context.close();

  // Deleting: the author removes one; it leaves the line and the waveform.
  await lines.nth(1).getByRole("button", { name: "删除标注：答非所问" }).click();
  await expect(lines.nth(1).locator("[data-annotation=wrong_answer]")).toHaveCount(0);
  await expect(markers).toHaveCount(2);
});
