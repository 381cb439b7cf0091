import { isErrorKind, brandError } from "@/lib/error-kind";
import { AppError, type ErrorCode } from "@/lib/errors";

/**
 * Every way a vendor can fail, as one typed error. The message is for people ("杭州外呼: signature
 * rejected by the vendor (SignatureDoesNotMatch)") and never includes a credential.
 */
export type VendorErrorKind =
  | "auth" // bad key, bad signature, expired timestamp, wrong account / cloud node
  | "throttled" // rate limited: Throttling.*, isv.BUSINESS_LIMIT_CONTROL, HTTP 429
  | "not_found" // the task or call does not exist at the vendor
  | "bad_response" // HTML error page, truncated JSON, an envelope we cannot read
  | "timeout" // no answer in time
  | "unavailable" // connection refused/reset, 5xx, circuit open
  | "rejected"; // any other error the vendor answered with

const CODE_BY_KIND: Record<VendorErrorKind, ErrorCode> = {
  auth: "vendor_auth",
  throttled: "vendor_throttled",
  not_found: "vendor_not_found",
  bad_response: "vendor_bad_response",
  timeout: "vendor_timeout",
  unavailable: "vendor_unavailable",
  rejected: "vendor_error",
};

export class VendorError extends AppError {
  readonly kind: VendorErrorKind;
  /** The vendor's own error code (`Throttling.User`, `5002`, `HTTP 503`), when it gave one. */
  readonly vendorCode: string | null;
  /** How long the vendor asked us to wait (Retry-After), when it said. */
  readonly retryAfterMs: number | null;

  constructor(
    kind: VendorErrorKind,
    message: string,
    options: { vendorCode?: string | null; retryAfterMs?: number | null; cause?: unknown } = {},
  ) {
    super(CODE_BY_KIND[kind], message, { cause: options.cause });
    this.name = "VendorError";
    this.kind = kind;
    this.vendorCode = options.vendorCode ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
    brandError(this, "VendorError");
  }

  /** Worth another attempt for an idempotent request. */
  get retryable(): boolean {
    return this.kind === "throttled" || this.kind === "unavailable" || this.kind === "timeout";
  }
}

/** A VendorError from any bundle's copy of this class (see lib/error-kind.ts). */
export function isVendorError(value: unknown): value is VendorError {
  return isErrorKind(value, "VendorError");
}

/** `vendor says: 任务不存在 (5002)`: the vendor's words, cut short, with its code. */
export function vendorWords(message: unknown, code: unknown): string {
  const words = typeof message === "string" && message.trim() ? message.trim().slice(0, 200) : "no message";
  return code === undefined || code === null || code === "" ? words : `${words} (${String(code)})`;
}
