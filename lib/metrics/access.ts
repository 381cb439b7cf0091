import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import type { Session } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

/**
 * Who may scrape: an admin session, or the configured bearer token. The token is compared in
 * constant time (as digests, so its length does not leak either). Nobody else: 401 without a
 * session or with a wrong token, 403 for a signed-in non-admin.
 */
export function metricsAccess(req: Request, session: Session | null, token: string | undefined): void {
  const header = req.headers.get("authorization");
  const bearer = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (bearer !== undefined) {
    if (token && sameSecret(bearer, token)) return;
    throw new AppError("unauthorized", "the metrics token is not valid");
  }
  if (!session) throw new AppError("unauthorized", "sign in as an admin or send the metrics token");
  if (session.role !== "admin")
    throw new AppError("forbidden", "metrics need the admin role or the metrics token");
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
