"use client";

/**
 * What a page shows when rendering it failed outright (the root layout included), instead of
 * Next.js's built-in English page. The locale's providers may be what failed, so the text is in both
 * languages and the styles are inline (globals.css belongs to the layout this replaces). The error's
 * digest is what the server logged: an operator can quote it to whoever runs Callscope.
 */
export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="zh-CN" style={{ colorScheme: "light dark" }}>
      <body style={{ margin: 0, fontFamily: "system-ui, sans-serif" }}>
        <main role="alert" style={{ maxWidth: 420, margin: "96px auto", padding: "0 24px", lineHeight: 1.6 }}>
          <h1 style={{ fontSize: 22, fontWeight: 600, margin: "0 0 8px" }}>
            页面出错了 · Something went wrong
          </h1>
          <p style={{ margin: "0 0 20px", opacity: 0.8 }}>
            请重试；如果仍然出错，请把下面的错误编号告诉管理员。
            <br />
            Try again; if it keeps failing, give your administrator the error ID below.
          </p>
          <p style={{ display: "flex", gap: 12, margin: 0 }}>
            <button
              type="button"
              onClick={reset}
              style={{ font: "inherit", padding: "6px 14px", cursor: "pointer" }}
            >
              重试 · Try again
            </button>
            {/* A full page load, not <Link>: the client app is what just failed. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/calls" style={{ alignSelf: "center" }}>
              返回通话列表 · Back to calls
            </a>
          </p>
          {error.digest ? (
            <p style={{ marginTop: 24, fontSize: 13, opacity: 0.7 }}>
              错误编号 · Error ID: <code data-testid="error-digest">{error.digest}</code>
            </p>
          ) : null}
        </main>
      </body>
    </html>
  );
}
