import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and Node-only modules stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3"],
  typedRoutes: false,
};

export default withNextIntl(nextConfig);
