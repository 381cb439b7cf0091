import { describe, expect, test } from "vitest";
import { VendorError } from "./errors";
import { createVendorHttp, httpLevelError, parseRetryAfter, type HttpAnswer } from "./http";

/** A fake fetch answering from a script of statuses (or throwing for "reset"). */
function scripted(script: (number | "reset")[], headers: Record<string, string> = {}) {
  const calls: number[] = [];
  const fetchImpl = (async () => {
    calls.push(Date.now());
    const next = script.shift() ?? 200;
    if (next === "reset")
      throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
    return new Response(next === 200 ? '{"ok":true}' : "<html>busy</html>", { status: next, headers });
  }) as typeof fetch;
  return { fetchImpl, calls };
}

const read = (label: string) => (answer: HttpAnswer) => {
  const error = httpLevelError(answer, label);
  if (error) throw error;
  return JSON.parse(answer.text) as { ok: boolean };
};

const build = () => ({ method: "GET" as const, url: "http://vendor.test/x" });

describe("the per-source HTTP policy", () => {
  test("429 and 5xx are retried with backoff until the vendor answers", async () => {
    const { fetchImpl, calls } = scripted([429, 503, 200]);
    const http = createVendorHttp({ label: "s", fetchImpl, initialDelayMs: 20 });
    await expect(http.request(build, read("s"), { idempotent: true })).resolves.toEqual({ ok: true });
    expect(calls).toHaveLength(3);
  });

  test("Retry-After is honoured", async () => {
    const { fetchImpl, calls } = scripted([429, 200], { "retry-after": "1" });
    const http = createVendorHttp({ label: "s", fetchImpl, initialDelayMs: 1 });
    await http.request(build, read("s"), { idempotent: true });
    expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(950);
  });

  test("it gives up after maxAttempts with the vendor's error", async () => {
    const { fetchImpl, calls } = scripted([503, 503, 503, 503, 503]);
    const http = createVendorHttp({ label: "杭州外呼", fetchImpl, initialDelayMs: 1, maxAttempts: 3 });
    const error = await http
      .request(build, read("杭州外呼"), { idempotent: true })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(VendorError);
    expect((error as VendorError).message).toBe("杭州外呼: the vendor answered HTTP 503");
    expect(calls).toHaveLength(3);
  });

  test("a request that is not idempotent is sent once", async () => {
    const { fetchImpl, calls } = scripted([503, 200]);
    const http = createVendorHttp({ label: "s", fetchImpl, initialDelayMs: 1 });
    await expect(http.request(build, read("s"), { idempotent: false })).rejects.toThrow(/503/);
    expect(calls).toHaveLength(1);
  });

  test("a reset connection is unavailable (retryable), named by its code", async () => {
    const { fetchImpl, calls } = scripted(["reset", 200]);
    const http = createVendorHttp({ label: "s", fetchImpl, initialDelayMs: 1 });
    await expect(http.request(build, read("s"), { idempotent: true })).resolves.toEqual({ ok: true });
    expect(calls).toHaveLength(2);
    const failing = createVendorHttp({
      label: "s",
      fetchImpl: scripted(["reset", "reset"]).fetchImpl,
      maxAttempts: 2,
      initialDelayMs: 1,
    });
    await expect(failing.request(build, read("s"))).rejects.toThrow(
      "s: cannot reach the vendor (ECONNRESET)",
    );
  });

  test("the circuit opens after repeated failures, refuses without calling, and closes again once the vendor recovers", async () => {
    const script: (number | "reset")[] = [503, 503, 503];
    const { fetchImpl, calls } = scripted(script);
    const http = createVendorHttp({
      label: "s",
      fetchImpl,
      maxAttempts: 1,
      breakerThreshold: 3,
      halfOpenAfterMs: 200,
    });
    for (let i = 0; i < 3; i++) await http.request(build, read("s")).catch(() => undefined);
    expect(http.circuitOpen).toBe(true);
    await expect(http.request(build, read("s"))).rejects.toThrow(/paused/);
    expect(calls).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await expect(http.request(build, read("s"))).resolves.toEqual({ ok: true });
    expect(http.circuitOpen).toBe(false);
  });

  test("the rate limiter paces requests", async () => {
    const { fetchImpl, calls } = scripted([]);
    const http = createVendorHttp({ label: "s", fetchImpl, ratePerSecond: 10 });
    await Promise.all(Array.from({ length: 15 }, () => http.request(build, read("s"))));
    // A burst of 10 goes at once; the next 5 wait about 100 ms each.
    expect(calls[14]! - calls[0]!).toBeGreaterThanOrEqual(400);
  });

  test("a vendor that does not answer in time is a timeout, named in seconds", async () => {
    const fetchImpl = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) =>
        init.signal!.addEventListener("abort", () => reject(init.signal!.reason as Error)),
      )) as unknown as typeof fetch;
    const http = createVendorHttp({ label: "s", fetchImpl, timeoutMs: 100, maxAttempts: 1 });
    await expect(http.request(build, read("s"), { idempotent: true })).rejects.toMatchObject({
      kind: "timeout",
      message: "s: the vendor did not answer within 0.1 s",
    });
  });

  test("a caller that gives up while the request is being signed stops it before it is sent", async () => {
    // Signing is async (a token fetched, a key read): an abort in that gap fires before the request
    // listens for it. The vendor here hangs until told to stop, far past the test's own limit.
    const caller = new AbortController();
    const seen: boolean[] = [];
    const fetchImpl = ((_url: string, init: RequestInit) => {
      seen.push(init.signal!.aborted);
      return new Promise((_resolve, reject) => {
        if (init.signal!.aborted) reject(init.signal!.reason as Error);
        init.signal!.addEventListener("abort", () => reject(init.signal!.reason as Error));
      });
    }) as unknown as typeof fetch;
    const signing = async () => {
      caller.abort(new Error("the reader left"));
      await new Promise((resolve) => setTimeout(resolve, 5));
      return build();
    };
    const http = createVendorHttp({ label: "s", fetchImpl, timeoutMs: 60_000, maxAttempts: 1 });
    await expect(
      http.request(signing, read("s"), { idempotent: true, signal: caller.signal }),
    ).rejects.toThrow("the reader left");
    expect(seen).toEqual([true]);
  });

  test("the time this process itself stalled (a blocked event loop, no CPU) is not the vendor's", async () => {
    // The answer is ready 5 ms after the request, but the request's own turn blocks the event loop
    // past the deadline: the deadline's timer then fires before the answer can be read.
    const fetchImpl = ((_url: string, init: RequestInit) => {
      const until = performance.now() + 300;
      while (performance.now() < until);
      return new Promise((resolve, reject) => {
        init.signal!.addEventListener("abort", () => reject(init.signal!.reason as Error));
        setTimeout(() => resolve(new Response('{"ok":true}')), 5);
      });
    }) as unknown as typeof fetch;
    const http = createVendorHttp({ label: "s", fetchImpl, timeoutMs: 100, maxAttempts: 1 });
    await expect(http.request(build, read("s"), { idempotent: true })).resolves.toEqual({ ok: true });
  });

  test("Retry-After parses seconds and HTTP dates", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString(), Date.now())).toBeGreaterThan(3000);
    expect(parseRetryAfter("soon")).toBeNull();
  });
});
