import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { NextIntlClientProvider } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test, vi } from "vitest";
import { EMPTY_QUERY } from "@/lib/calls/query";
import en from "@/lib/i18n/messages/en.json";
import zh from "@/lib/i18n/messages/zh-CN.json";
import { CreateBatchPanel, drawCount } from "./create-batch-panel";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => {} }) }));

/**
 * The create-batch form repeats the list's total for the filter: when the list estimated it (a common
 * text search with other filters, counted over a sample), the form says "about" too, and so does
 * the number a share of it will draw. The batch itself is drawn from the matches counted exactly.
 */

function render(locale: "en" | "zh-CN", total: number, totalIsEstimate: boolean): string {
  return renderToStaticMarkup(
    <QueryClientProvider client={new QueryClient()}>
      <NextIntlClientProvider locale={locale} messages={locale === "en" ? en : zh} timeZone="Asia/Shanghai">
        <CreateBatchPanel
          query={{ ...EMPTY_QUERY, q: "价格", hangup: ["customer"] }}
          total={total}
          totalIsEstimate={totalIsEstimate}
        />
      </NextIntlClientProvider>
    </QueryClientProvider>,
  );
}

describe("the matches line", () => {
  test("an exact total is said as the number", () => {
    expect(render("en", 52_340, false)).toContain(
      "52,340 calls match the current filter · 20 calls will be drawn at random",
    );
    expect(render("zh-CN", 52_340, false)).toContain("当前筛选共 52,340 通 · 将随机抽取 20 通");
  });

  test("an estimated total is said as about N", () => {
    const html = render("en", 52_340, true);
    expect(html).toContain("About 52,340 calls match the current filter (estimated from a sample)");
    // 20 of about 52,340: there are surely 20 to draw.
    expect(html).toContain("· 20 calls will be drawn at random");
    expect(render("zh-CN", 52_340, true)).toContain("当前筛选约 52,340 通（抽样估算） · 将随机抽取 20 通");
  });
});

describe("drawCount", () => {
  test("a share of an estimate is an estimate; of an exact total, exact", () => {
    expect(drawCount(52_340, true, "share", 5)).toEqual({ n: 2617, exact: false });
    expect(drawCount(52_340, false, "share", 5)).toEqual({ n: 2617, exact: true });
  });

  test("a fixed count is sure unless the estimate is close to it", () => {
    expect(drawCount(52_340, true, "count", 20)).toEqual({ n: 20, exact: true });
    expect(drawCount(30, true, "count", 20)).toEqual({ n: 20, exact: false });
    expect(drawCount(30, false, "count", 50)).toEqual({ n: 30, exact: true });
  });

  test("nothing to say without a total or a positive amount", () => {
    expect(drawCount(null, false, "count", 20)).toBeNull();
    expect(drawCount(100, false, "share", 0)).toBeNull();
    expect(drawCount(0, false, "share", 5)).toEqual({ n: 0, exact: true });
  });
});
