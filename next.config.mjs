import createNextIntlPlugin from "next-intl/plugin";

// Messages are precompiled at build time, so the browser gets no ICU message parser (~12 KB gzipped).
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: {
    messages: { path: "./lib/i18n/messages", format: "json", locales: "infer", precompile: true },
  },
});

/**
 * Security headers on every answer. Pages get their Content-Security-Policy from proxy.ts (a nonce
 * per request, no 'unsafe-inline' scripts); everything else — API answers, static files — gets a
 * policy that runs no script at all.
 */
const NO_SCRIPT_CSP =
  "default-src 'none'; media-src 'self'; img-src 'self'; style-src 'self'; frame-ancestors 'none'";

const SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // NEXT_DIST_DIR lets several builds (e.g. a benchmark beside a dev server) share one checkout.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and Node-only modules stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "mpg123-decoder"],
  typedRoutes: false,
  turbopack: {
    resolveAlias: {
      // TanStack Store (under the list's table) imports the React 16/17 shim of useSyncExternalStore;
      // React 19 has the hook, so the plain build drops the shim's fallback from the list route's JS.
      "use-sync-external-store/shim/with-selector": "use-sync-external-store/with-selector",
    },
  },
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: NO_SCRIPT_CSP }] },
    ];
  },
};

export default withNextIntl(nextConfig);
