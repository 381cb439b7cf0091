import { AppError } from "@/lib/errors";
import { route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/**
 * Any /api path no other route serves: the one error body, where Next.js would answer its HTML 404
 * page. Next.js tries static segments, then parameters, and an optional catch-all last, so this
 * never stands in for a real route.
 */
const unknown = route("public", ({ req }) => {
  throw new AppError("not_found", `no API at ${req.nextUrl.pathname}`);
});

export const GET = unknown;
export const POST = unknown;
export const PUT = unknown;
export const PATCH = unknown;
export const DELETE = unknown;
export const OPTIONS = unknown;
