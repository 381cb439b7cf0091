import { renderToStaticMarkup } from "react-dom/server";
import { expect, test } from "vitest";
import GlobalError from "./global-error";

/** The page a failed render falls back to: readable in both languages, with the server's error ID. */

test("says what happened in Chinese and English, and offers a retry and the way back", () => {
  const html = renderToStaticMarkup(<GlobalError error={new Error("boom")} reset={() => {}} />);
  expect(html).toContain("页面出错了");
  expect(html).toContain("Something went wrong");
  expect(html).toMatch(/<button[^>]*>重试 · Try again<\/button>/);
  expect(html).toContain('href="/calls"');
  // A client-side error has no digest: nothing to quote, and the error's own message is never shown.
  expect(html).not.toContain("error-digest");
  expect(html).not.toContain("boom");
});

test("shows the digest the server logged, never the message", () => {
  const error = Object.assign(new Error("SQLITE_CORRUPT at /var/lib/callscope.db"), { digest: "2718281828" });
  const html = renderToStaticMarkup(<GlobalError error={error} reset={() => {}} />);
  expect(html).toMatch(/data-testid="error-digest"[^>]*>2718281828</);
  expect(html).not.toContain("SQLITE_CORRUPT");
});
