import { expect, test } from "vitest";
import { indexTokens, searchDocument } from "./search-text";

test("a search document is its texts' tokens, the same however often a text recurs", () => {
  const line = "您好，这里是利息 13912345670 的客服";
  const long = "价格".repeat(400); // past the memo's length: tokenized each time
  const expected = [line, "", long, line].map(indexTokens).join(" ");
  expect(searchDocument([line, "", long, line])).toBe(expected);
  expect(searchDocument([line, "", long, line])).toBe(expected);
  expect(searchDocument(["利息高"])).toBe("利息 息高 高");
  // Enough distinct texts to fill the memo and start it over: still the same tokens.
  for (let i = 0; i < 20_100; i++) searchDocument([`客户${i}`]);
  expect(searchDocument([line])).toBe(indexTokens(line));
  expect(searchDocument(["客户7"])).toBe(indexTokens("客户7"));
});

test("a number is indexed whole however it is written, never by its parts", () => {
  for (const text of [
    "回拨138、1234、5678",
    "幺三八，一二三四，五六七八",
    "138一二三四5678",
    "١٣٨ ١٢٣٤ ٥٦٧٨",
  ]) {
    const tokens = indexTokens(text).split(" ");
    expect(tokens, text).toContain("ŋ13812345678");
    expect(tokens, text).not.toContain("ŋ1234");
  }
});
