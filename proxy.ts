import { NextResponse, type NextRequest } from "next/server";

/**
 * A Content-Security-Policy with a fresh nonce per page request: Next.js puts the nonce on its own
 * bootstrap scripts (it reads it from this request header), so no inline script without it runs —
 * no 'unsafe-inline' for scripts. 'strict-dynamic' lets those scripts load the app's chunks. Styles
 * keep 'unsafe-inline' (React style attributes, the waveform's canvas sizing): a style cannot run
 * code. Behind https, HSTS tells browsers never to use plain http here again.
 *
 * Only a header decision: sessions and roles are checked by every page and route themselves.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const policy = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  if (isHttps(request))
    response.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  return response;
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    // The dev server's React tooling evaluates code; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** https as the browser sees it: the URL itself, or a proxy in front that terminated TLS. */
function isHttps(request: NextRequest): boolean {
  return (
    request.nextUrl.protocol === "https:" ||
    request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https"
  );
}

export const config = {
  matcher: [
    {
      // Pages only: API answers are JSON or audio (next.config.mjs gives them a no-script policy).
      source: "/((?!api/|_next/static|_next/image|icon.svg|readme/).*)",
    },
  ],
};
