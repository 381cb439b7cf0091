import { NextResponse, type NextRequest } from "next/server";
import { AppError, toErrorResponse } from "@/lib/errors";

/**
 * A Content-Security-Policy with a fresh nonce per page request: Next.js puts the nonce on its own
 * bootstrap scripts (it reads it from this request header), so no inline script without it runs —
 * no 'unsafe-inline' for scripts. 'strict-dynamic' lets those scripts load the app's chunks. Styles
 * keep 'unsafe-inline' (React style attributes, the waveform's canvas sizing): a style cannot run
 * code. Behind https, HSTS tells browsers never to use plain http here again.
 *
 * Only a header decision: sessions and roles are checked by every page and route themselves.
 *
 * One more thing only this place can do: a path with a bad percent-escape (`/calls/%ZZ`). Next.js
 * decodes path parameters in its router, after this proxy and before any page or route runs, and on
 * a failure answers a plain-text 500 and logs nothing. So such a path never gets that far: the API
 * answers the one error body, a page the app's own not-found page.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const valid = decodes(pathname);
  if (pathname.startsWith("/api/")) {
    // The matcher sends API paths here only when they hold a "%".
    if (valid) return NextResponse.next();
    return toErrorResponse(
      new AppError("invalid_request", "the request path is not valid: it has a bad percent-escape"),
    );
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const policy = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = valid
    ? NextResponse.next({ request: { headers } })
    : NextResponse.rewrite(new URL("/_not-found", request.url), { request: { headers }, status: 404 });
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

/** Whether every segment of a raw path decodes, as Next.js's router will try (`%ZZ`, `%FF` do not). */
function decodes(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
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
    // API paths only when they hold a "%", for the check above: the rest never pay for the proxy.
    { source: "/api/:path(.*%.*)" },
  ],
};
