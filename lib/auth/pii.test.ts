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

/**
 * What a reader makes of a text: every way of writing a digit read as 0-9, and what sits between
 * digit groups (spaces, dashes, commas, dots, invisible characters) gone. A masked number must not
 * come back whole from this.
 */
function digitsAsRead(text: string): string {
  const forms = [
    "0０٠〇零⓪",
    "1１١一幺壹①",
    "2２٢二两贰②",
    "3３٣三叁③",
    "4４٤四肆④",
    "5５٥五伍⑤",
    "6６٦六陆⑥",
    "7７٧七柒⑦",
    "8８٨八捌⑧",
    "9９٩九玖⑨",
  ];
  let out = "";
  for (const c of text) {
    const digit = forms.findIndex((form) => form.includes(c));
    out += digit >= 0 ? String(digit) : c;
  }
  return out.replace(/[\s\-–—_·.~,，、/()\u200b-\u200d\u2060\ufeff]/g, "");
}

test.each([
  ["回拨 138 - 1234 - 5678", "13812345678"],
  ["138, 1234, 5678", "13812345678"],
  ["138、1234、5678", "13812345678"],
  ["138_1234_5678", "13812345678"],
  ["138·1234·5678", "13812345678"],
  ["138~1234~5678", "13812345678"],
  ["138-1234-56-78", "13812345678"],
  ["号码幺三八，一二三四，五六七八好吧", "13812345678"],
  ["幺三八 一二三四 五六七八", "13812345678"],
  ["138一二三四5678", "13812345678"],
  ["壹叁捌壹贰叁肆伍陆柒捌", "13812345678"],
  ["١٣٨١٢٣٤٥٦٧٨", "13812345678"],
  ["١٣٨ ١٢٣٤ ٥٦٧٨", "13812345678"],
  ["１３８、１２３４、５６７８", "13812345678"],
  ["①③⑧①②③④⑤⑥⑦⑧", "13812345678"],
  ["卡号 6222 - 0200 - 1234 - 5678 - 901", "6222020012345678901"],
  ["6222、0200、1234、5678、901", "6222020012345678901"],
  ["1，3，8，1，2，3，4，5，6，7，8", "13812345678"],
  ["身份证 110101、19900307、123X", "11010119900307123X"],
  ["138\u200b1234\u200b5678", "13812345678"],
  ["6222\u200b0200\u200b1234\u200b5678\u200b901", "6222020012345678901"],
])("%s is masked however it is written (%s)", (text, number) => {
  expect(digitsAsRead(text)).toContain(number); // the test reads the number the way a person would
  const masked = maskNumbers(text);
  expect(digitsAsRead(masked)).not.toMatch(/\d{11}/);
  expect(findNumbers(text).map((span) => span.digits)).toEqual([number]);
});

test.each([
  ["billAmount 22901.00", "an amount with cents: 5 digits, not 7"],
  ["22666bad-b025-14cc-9123-483ca0de238d", "digits inside a UUID"],
  ["traceId 5f3a9c0e2b7d4e1f8a1234567bc0de11", "digits inside a long hex id"],
])("%s stays as written (%s)", (text) => {
  expect(maskNumbers(text)).toBe(text);
});

test("a number next to another across list punctuation is still its own number (what search indexes)", () => {
  expect(findNumbers("13912345670，138、1234、5678").map((span) => span.digits)).toEqual([
    "13912345670",
    "13812345678",
  ]);
});
