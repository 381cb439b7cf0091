import "server-only";
import {
  isBrokenCircuitError,
  ConsecutiveBreaker,
  DelegateBackoff,
  circuitBreaker,
  handleWhen,
  retry,
  wrap,
  type IPolicy,
  type IRetryBackoffContext,
} from "cockatiel";
import { metrics } from "@/lib/metrics/registry";
import { isVendorError, VendorError } from "./errors";
import { RateLimiter } from "./rate-limiter";

/**
 * One HTTP policy per source: timeouts, retries with exponential backoff and full jitter (honouring
 * Retry-After), a rate limiter and a circuit breaker. Adapters hand it a request *builder* (so every
 * attempt is signed afresh: Aliyun nonces must not repeat) and a reader that turns the answer into a
 * value or throws a VendorError saying whether another attempt makes sense.
 */

export interface RequestSpec {
  method: "GET" | "POST";
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export interface RequestOptions {
  /** Safe to send again: list and detail reads are. */
  idempotent?: boolean;
  signal?: AbortSignal;
}

export interface VendorHttp {
  request<T>(
    build: () => RequestSpec | Promise<RequestSpec>,
    read: (answer: HttpAnswer) => T,
    options?: RequestOptions,
  ): Promise<T>;
  /** Whether the breaker currently refuses calls (shown on the source in the UI). */
  readonly circuitOpen: boolean;
}

export interface HttpPolicyOptions {
  /** Name used in messages ("杭州外呼 (hz-robot)"), never a credential. */
  label: string;
  /** Until response headers arrive (covers connect). */
  timeoutMs?: number;
  /** For the whole body once headers arrived. */
  readTimeoutMs?: number;
  maxAttempts?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  ratePerSecond?: number;
  /** Consecutive failed calls (after retries) that open the circuit. */
  breakerThreshold?: number;
  halfOpenAfterMs?: number;
  /** Body cap: a vendor page is never this big; a runaway answer must not eat the heap. */
  maxBodyBytes?: number;
  fetchImpl?: typeof fetch;
  /** The source id metrics are labelled with (omitted: not recorded). */
  source?: string;
}

const DEFAULTS = {
  timeoutMs: 15_000,
  readTimeoutMs: 30_000,
  maxAttempts: 4,
  initialDelayMs: 250,
  maxDelayMs: 8_000,
  ratePerSecond: 100,
  breakerThreshold: 5,
  halfOpenAfterMs: 15_000,
  maxBodyBytes: 64 * 1024 * 1024,
};

export function createVendorHttp(options: HttpPolicyOptions): VendorHttp {
  // Undefined options (a source without `timeoutMs`) must not erase the defaults.
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const o = { ...DEFAULTS, ...given } as typeof DEFAULTS & HttpPolicyOptions;
  const doFetch = options.fetchImpl ?? fetch;
  const limiter = new RateLimiter(o.ratePerSecond);

  const retryPolicy = retry(
    handleWhen((err) => isVendorError(err) && err.retryable),
    {
      maxAttempts: o.maxAttempts - 1,
      backoff: new DelegateBackoff<IRetryBackoffContext<unknown>>((context) => {
        const err = "error" in context.result ? context.result.error : undefined;
        const hinted = isVendorError(err) ? err.retryAfterMs : null;
        // Full jitter: a random delay up to the exponential cap spreads a thundering herd.
        const cap = Math.min(o.maxDelayMs, o.initialDelayMs * 2 ** (context.attempt - 1));
        const jittered = Math.round(Math.random() * cap);
        return hinted !== null ? Math.min(Math.max(hinted, jittered), 60_000) : jittered;
      }),
    },
  );
  // Only failures that say "the vendor is unwell" count towards opening the circuit; a 404 or a bad
  // signature is an answer, not an outage.
  const breaker = circuitBreaker(
    handleWhen((err) => isVendorError(err) && (err.kind === "unavailable" || err.kind === "timeout")),
    { halfOpenAfter: o.halfOpenAfterMs, breaker: new ConsecutiveBreaker(o.breakerThreshold) },
  );
  const policy: IPolicy = wrap(breaker, retryPolicy);
  let open = false;
  breaker.onBreak(() => (open = true));
  breaker.onReset(() => (open = false));

  async function attempt<T>(
    build: () => RequestSpec | Promise<RequestSpec>,
    read: (answer: HttpAnswer) => T,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    await limiter.take(signal);
    const spec = await build();
    const started = performance.now();
    let code = "error";
    try {
      const answer = await send(doFetch, spec, o, signal);
      code = String(answer.status);
      const value = read(answer);
      return value;
    } catch (err) {
      code = isVendorError(err) ? err.kind : signal?.aborted ? "aborted" : "error";
      if (o.source) metrics().vendorErrors.inc({ source: o.source, code });
      throw err;
    } finally {
      if (o.source) {
        const labels = { source: o.source, code };
        metrics().vendorRequests.inc(labels);
        metrics().vendorSeconds.observe(labels, (performance.now() - started) / 1000);
      }
    }
  }

  return {
    get circuitOpen() {
      return open;
    },
    async request(build, read, options = {}) {
      try {
        if (options.idempotent === false) {
          return await breaker.execute(() => attempt(build, read, options.signal), options.signal);
        }
        return await policy.execute(() => attempt(build, read, options.signal), options.signal);
      } catch (err) {
        if (isBrokenCircuitError(err)) {
          throw new VendorError(
            "unavailable",
            `${o.label}: the vendor failed repeatedly; requests are paused for a few seconds before trying again`,
            { vendorCode: "circuit_open", cause: err },
          );
        }
        throw err;
      }
    },
  };
}

async function send(
  doFetch: typeof fetch,
  spec: RequestSpec,
  o: typeof DEFAULTS & HttpPolicyOptions,
  outer: AbortSignal | undefined,
): Promise<HttpAnswer> {
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener("abort", onOuterAbort, { once: true });
  // Given up while the request was being built (signing is async): an abort event that already
  // fired never reaches the listener, and the request would run to its own timeout.
  if (outer?.aborted) controller.abort(outer.reason);
  let phase: "headers" | "body" = "headers";
  const expire = () => controller.abort(new Error("timeout"));
  let timer = deadline(o.timeoutMs, expire);
  try {
    const response = await doFetch(spec.url, {
      method: spec.method,
      headers: spec.headers,
      body: spec.body,
      signal: controller.signal,
      redirect: "error",
    });
    phase = "body";
    timer.clear();
    timer = deadline(o.readTimeoutMs, expire);
    const text = await readCapped(response, o.maxBodyBytes, o.label);
    return { status: response.status, headers: response.headers, text };
  } catch (err) {
    if (outer?.aborted) throw outer.reason ?? err;
    if (isVendorError(err)) throw err;
    if (controller.signal.aborted) {
      const waited = phase === "headers" ? o.timeoutMs : o.readTimeoutMs;
      const seconds = waited < 10_000 ? (waited / 1000).toFixed(1) : String(Math.round(waited / 1000));
      throw new VendorError("timeout", `${o.label}: the vendor did not answer within ${seconds} s`, {
        vendorCode: "timeout",
        cause: err,
      });
    }
    throw new VendorError("unavailable", `${o.label}: cannot reach the vendor (${networkReason(err)})`, {
      vendorCode: "network",
      cause: err,
    });
  } finally {
    timer.clear();
    outer?.removeEventListener("abort", onOuterAbort);
  }
}

/** A timer firing this much after its time was held up by this process, not by what it waits for. */
const STALLED_MS = 50;

/**
 * `expire` once `ms` have passed while this process could watch. A timer that fires late fired after
 * the event loop was blocked (a long synchronous write, cold-start work) or the process got no CPU:
 * meanwhile the vendor's answer could not be read — nor written, by a simulator in this process —
 * so that time is given back before expiring (at most `ms` in all: a vendor that hangs while this
 * process starves still times out). Under CPU load a 400 ms timeout expired this way with the
 * answer on its way (lib/sync/faults.test.ts: two throttled attempts, then two "timeouts").
 */
function deadline(ms: number, expire: () => void): { clear(): void } {
  let due = performance.now() + ms;
  let givenBack = 0;
  let timer: NodeJS.Timeout;
  const check = () => {
    const now = performance.now();
    const late = Math.min(now - due, ms - givenBack);
    if (late <= STALLED_MS) return expire();
    givenBack += late;
    due = now + late;
    timer = setTimeout(check, late);
  };
  timer = setTimeout(check, ms);
  return { clear: () => clearTimeout(timer) };
}

async function readCapped(response: Response, maxBytes: number, label: string): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new VendorError("bad_response", `${label}: the vendor's answer exceeded ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
}

/** A short, credential-free reason: `ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`, … */
function networkReason(err: unknown): string {
  let current: unknown = err;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return err instanceof Error ? err.message.slice(0, 80) : "network error";
}

/** Seconds or an HTTP date, as Retry-After allows; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

/**
 * The HTTP-level verdict shared by all vendors, before any envelope is read: 429 and 5xx are retryable,
 * an HTML page where JSON was expected is garbage. Returns null when the body should be read as JSON.
 */
export function httpLevelError(answer: HttpAnswer, label: string): VendorError | null {
  const retryAfterMs = parseRetryAfter(answer.headers.get("retry-after"));
  if (answer.status === 429) {
    return new VendorError("throttled", `${label}: the vendor is rate limiting requests (HTTP 429)`, {
      vendorCode: "HTTP 429",
      retryAfterMs,
    });
  }
  if (answer.status >= 500) {
    return new VendorError("unavailable", `${label}: the vendor answered HTTP ${answer.status}`, {
      vendorCode: `HTTP ${answer.status}`,
      retryAfterMs,
    });
  }
  return null;
}
