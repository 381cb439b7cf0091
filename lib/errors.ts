import type { ZodError, z } from "zod";
import { isQueryError } from "./calls/query";
import { brandError, isErrorKind } from "./error-kind";
import { scrubSecrets } from "./secrets";
import { log } from "./log";

/**
 * One error type, one body (`{ error: { code, message } }`), one handler for every route.
 * Messages are written for the person reading them in the UI; they never carry a secret or a stack.
 */

export const ERROR_STATUS = {
  invalid_query: 400,
  invalid_body: 400,
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  range_not_satisfiable: 416,
  too_many_requests: 429,
  internal: 500,
  // The instance is saturated (its line for index reads is full or too slow): try again shortly.
  busy: 503,
  vendor_error: 502,
  vendor_auth: 502,
  vendor_not_found: 502,
  recording_refused: 502,
  vendor_bad_response: 502,
  // A vendor that failed is a bad gateway whatever the cause (CONTRACT §3); the code says which.
  vendor_throttled: 502,
  vendor_unavailable: 502,
  vendor_timeout: 504,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.headers = options.headers ?? {};
    brandError(this, "AppError");
  }
}

/**
 * An AppError thrown by any bundle's copy of this class (see lib/error-kind.ts): never test with
 * `instanceof AppError`, which fails across Next.js's server bundles.
 */
export function isAppError(value: unknown): value is AppError {
  return isErrorKind(value, "AppError") && (value as AppError).code in ERROR_STATUS;
}

/** zod's error, from whichever bundle's copy of zod threw it (duck-typed: zod has no global brand). */
export function isZodError(value: unknown): value is ZodError {
  return (
    value instanceof Error &&
    /ZodError$/.test(value.name) &&
    Array.isArray((value as { issues?: unknown }).issues)
  );
}

/** A 400 for one query parameter: the message starts with the parameter's name. */
export function invalidQuery(param: string, message: string): AppError {
  return new AppError("invalid_query", `${param}: ${message}`);
}

/** Where a zod failure came from decides its code; the message names every failing field. */
export function fromZod(
  error: ZodError,
  code: "invalid_query" | "invalid_body" | "invalid_request",
): AppError {
  return new AppError(code, describeZodError(error), { cause: error });
}

export function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? formatPath(issue.path) : "(root)"}: ${issue.message}`)
    .join("; ");
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`))
    .join("");
}

/**
 * Check what the server is about to answer against the canonical model. A mismatch is the server's
 * fault (a bad stored value, a bug), never the client's: a 500, logged, not a 400.
 */
export function answerAs<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError("internal", "Internal error. It has been logged; please try again.", {
      cause: result.error,
    });
  }
  return result.data;
}

/** Parse with a schema, turning failure into a 4xx that names the field. */
export function parseOr<T extends z.ZodType>(
  schema: T,
  value: unknown,
  code: "invalid_query" | "invalid_body" | "invalid_request",
): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZod(result.error, code);
  return result.data;
}

export function errorBody(code: string, message: string) {
  return { error: { code, message: scrubSecrets(message) } };
}

/** The one place an error becomes an HTTP answer. Unknown errors are logged and answered without internals. */
export function toErrorResponse(err: unknown): Response {
  const appError = asAppError(err);
  // `busy` is load, not a fault: the line that refuses says so in the log, once in a while (in-line.ts).
  if (appError.status >= 500 && appError.code !== "busy") {
    log.error("request failed", { code: appError.code, error: err instanceof Error ? err : String(err) });
  }
  return Response.json(errorBody(appError.code, appError.message), {
    status: appError.status,
    headers: { "cache-control": "no-store", ...appError.headers },
  });
}

export function asAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  if (isQueryError(err)) return new AppError("invalid_query", err.message, { cause: err });
  if (isZodError(err)) return fromZod(err, "invalid_request");
  return new AppError("internal", "Internal error. It has been logged; please try again.", { cause: err });
}
