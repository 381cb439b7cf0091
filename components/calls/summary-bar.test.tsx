import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { expect, test } from "vitest";
import { EMPTY_QUERY } from "@/lib/calls/query";
import type { CallStats } from "@/lib/queries/calls";
import en from "@/lib/i18n/messages/en.json";
import zh from "@/lib/i18n/messages/zh-CN.json";
import { SummaryBar } from "./summary-bar";

/** The summary bar says when its figures are estimates (a common text search, counted over a sample). */

const stats: CallStats = {
  total: 167_455,
  answered: 167_455,
  byResult: { answered: 167_455 },
  byIntent: { A: 8_000, none: 16_000 },
};

function render(locale: "en" | "zh-CN", value: CallStats): string {
  return renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={locale === "en" ? en : zh} timeZone="Asia/Shanghai">
      <SummaryBar
        stats={value}
        loading={false}
        failed={false}
        query={EMPTY_QUERY}
        onResult={() => {}}
        onIntent={() => {}}
      />
    </NextIntlClientProvider>,
  );
}

const totalOf = (html: string) => /data-testid="summary-total"[^>]*>([^<]*)</.exec(html)?.[1];

test("an exact total is shown as the number", () => {
  expect(totalOf(render("en", stats))).toBe("167,455");
  expect(totalOf(render("zh-CN", stats))).toBe("167,455");
});

test("an estimated total is shown as about N, and says how it was estimated", () => {
  const estimated = { ...stats, total: 52_340, estimate: { sampled: 10_012, matches: 167_455 } };
  const html = render("en", estimated);
  expect(totalOf(html)).toBe("about 52,340");
  expect(html).toContain("counted over a sample of 10,012 of the 167,455 calls the text matches");
  expect(totalOf(render("zh-CN", estimated))).toBe("约 52,340");
});

test("an estimate over a sample of the calls says so, and every count it shows is about", () => {
  const estimated: CallStats = {
    ...stats,
    total: 186_112,
    alerting: 97_280,
    byAlert: { 投诉风险: 60_000 },
    estimate: { sampled: 2_908, matches: 186_112, basis: "calls" },
  };
  const html = render("en", estimated);
  expect(totalOf(html)).toBe("about 186,112");
  expect(html).toContain("Estimated: 2,908 matching calls in a fixed sample of the calls, scaled up");
  expect(html).not.toContain("the text matches");
  expect(/data-testid="summary-alerts"[^]*?tabular-nums[^>]*>([^<]*)</.exec(html)?.[1]).toBe("about 97,280");
  expect(html).toContain("No intent about 16,000");
  // The bars' labels too (what a pointer or a screen reader is told).
  expect(html).toContain('title="Answered about 167,455 (90.0%)"');
  expect(html).toContain('title="A about 8,000"');
  const zhHtml = render("zh-CN", estimated);
  expect(totalOf(zhHtml)).toBe("约 186,112");
  expect(zhHtml).toContain("固定的通话样本中有 2,908 通符合筛选");
});
