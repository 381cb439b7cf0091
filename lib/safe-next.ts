/**
 * Where to go after signing in: `next` resolved against this site's origin, kept only if it stays
 * on it. Browsers drop tabs and newlines and read `\` as `/`, so `/\t/example.org` and `/\example.org`
 * mean `//example.org` — another site. Resolving with the URL parser (which does the same) and
 * comparing origins, instead of looking at the first characters, catches every such spelling.
 * Client-safe: the login page and its form both use it.
 */
const BASE = "http://callscope.invalid";

export function safeNext(next: string | string[] | null | undefined, fallback = "/calls"): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Never back to the sign-in page itself (a loop), nor to a path the parser could read twice.
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/login") ? path : fallback;
}
