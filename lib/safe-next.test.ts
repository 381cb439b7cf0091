import { expect, test } from "vitest";
import { safeNext } from "./safe-next";

/** Finding 4: `next` after sign-in never leaves the site, however it is spelled. */
test.each([
  "/\t/example.org",
  "/%09/example.org",
  "/\n/example.org",
  "//example.org",
  "/\\example.org",
  "\\\\example.org",
  "https://example.org/calls",
  "javascript:alert(1)",
  " //example.org",
  "/\t\\example.org",
])("%j goes to /calls", (next) => {
  const target = safeNext(decodeURIComponentSafe(next));
  expect(target).toBe("/calls");
  expect(new URL(target, "https://callscope.example").origin).toBe("https://callscope.example");
});

test.each([
  ["/calls?intent=A,B&q=价格", "/calls?intent=A,B&q=%E4%BB%B7%E6%A0%BC"],
  ["/calls/abc#t=12", "/calls/abc#t=12"],
  ["/admin/audit", "/admin/audit"],
])("%j stays on the site: %s", (next, want) => {
  expect(safeNext(next)).toBe(want);
});

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
