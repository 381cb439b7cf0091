import "server-only";

/**
 * The client's address as the nearest proxy saw it: the last x-forwarded-for entry (Next.js appends
 * the socket's address for `next start`; a reverse proxy appends its peer). Earlier entries are
 * whatever the client claimed, so they are not trusted for throttling or the audit log.
 */
export function clientIp(req: { headers: Headers }): string | null {
  const forwarded = req.headers.get("x-forwarded-for");
  const address = forwarded ? forwarded.split(",").at(-1)!.trim() : req.headers.get("x-real-ip");
  // An IPv4 client on a dual-stack socket shows as ::ffff:1.2.3.4: people read it as 1.2.3.4.
  return address ? address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1") : null;
}

export function isHttps(req: Request): boolean {
  const proto = req.headers.get("x-forwarded-proto");
  if (proto) return proto.split(",")[0]!.trim() === "https";
  return new URL(req.url).protocol === "https:";
}

/**
 * State-changing requests from a browser must come from this origin. Browsers send Origin on every
 * cross-origin POST/PATCH; clients without one (curl, scripts) carry no ambient cookie risk.
 */
export function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin) {
    const site = req.headers.get("sec-fetch-site");
    return !site || site === "same-origin" || site === "none";
  }
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
