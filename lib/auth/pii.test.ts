import { expect, test } from "vitest";
import { findNumbers, maskNumbers } from "./pii";

test.each([
  ["改拨 13912345670", "改拨 139****5670"],
  ["(0571)88996676", "(057*)****6676"],
  ["88996676", "******76"],
  ["138.0013.8000", "138.****.8000"],
  ["138/1234/5678", "138/****/5678"],
  ["１３９１２３４５６７０", "１３９****５６７０"],
  ["2026-11-20 13912345670", "2026-11-20 139****5670"],
  ["13912345670 2026-11-20 15:09:13", "139****5670 2026-11-20 15:09:13"],
  ["2026年11月20日13912345670", "2026年11月20日139****5670"],
  ["身份证11010119900307123X号", "身份证110***********123X号"],
  ["卡号 6222 0212 3456 7890 123", "卡号 622* **** **** ***0 123"],
  ["+86 139 1234 5670", "+86 1** **** 5670"],
  ["幺三九一二三四五六七零", "幺三九****五六七零"],
])("%s → %s", (text, masked) => {
  expect(maskNumbers(text)).toBe(masked);
});

test("dates, times, prices and round counts stay as written", () => {
  for (const text of ["2022-09-29 15:09:13", "价格 2000 元，第2轮", "2026/11/20", "利率 3.85%"])
    expect(maskNumbers(text)).toBe(text);
});

test("a 100,000-character run of digits and separators is one number (no backtracking blow-up)", () => {
  expect(findNumbers("1-".repeat(50_000))).toHaveLength(1);
});
