import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { PATCH as review } from "@/app/api/calls/[id]/review/route";
import { POST as login } from "@/app/api/auth/login/route";
import { metrics } from "@/lib/metrics/registry";
import type { Runtime } from "@/lib/server/runtime";
import { installRuntime } from "@/lib/server/runtime";
import { createTestRuntime, paramsOf, sessionAs } from "@/lib/testing/runtime";

/** Finding 3: a body is counted while it is read, and the read stops at the limit. */

let runtime: Runtime;
beforeAll(async () => {
  runtime = await createTestRuntime();
});
afterAll(async () => {
  await runtime.close();
  installRuntime(null);
});

/** A 50 MB body sent in 1 MB chunks, made as they are pulled; counts how many the server pulled. */
function hugeBody(path: string, method: string, headers: Record<string, string> = {}) {
  const chunk = new Uint8Array(1024 * 1024).fill(0x20);
  const counter = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled === 50) return controller.close();
      counter.pulled++;
      controller.enqueue(chunk);
    },
  });
  const request = new NextRequest(new URL(path, "http://localhost:3000"), {
    method,
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as ConstructorParameters<typeof NextRequest>[1]);
  return { request, counter };
}

describe("finding 3: request bodies are bounded while they are read", () => {
  test("a 50 MB sign-in body without Content-Length is refused after about 64 KB, not read whole", async () => {
    const { request, counter } = hugeBody("/api/auth/login", "POST");
    const response = await login(request, paramsOf({}));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "payload_too_large" } });
    expect(counter.pulled).toBeLessThanOrEqual(2);
  });

  test("a declared Content-Length over the limit is refused before reading", async () => {
    const { request, counter } = hugeBody("/api/auth/login", "POST", {
      "content-length": String(50 * 1024 * 1024),
    });
    const response = await login(request, paramsOf({}));
    expect(response.status).toBe(413);
    expect(counter.pulled).toBeLessThanOrEqual(1);
  });

  test("the review route (signed in) is bounded the same way", async () => {
    const { value } = await sessionAs("supervisor");
    const { request, counter } = hugeBody("/api/calls/x/review", "PATCH", {
      cookie: `callscope_session=${value}`,
    });
    const response = await review(request, paramsOf({ id: "x" }));
    expect(response.status).toBe(413);
    expect(counter.pulled).toBeLessThanOrEqual(2);
  });
});

describe("an upload the client abandons", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env.CALLSCOPE_LOG_LEVEL;
  });

  test("is a 400 invalid_request, counted as one, and no error is logged", async () => {
    process.env.CALLSCOPE_LOG_LEVEL = "debug";
    const written: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    // 7 bytes of the 1000 announced, then the connection drops (Node.js errors the body "aborted").
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"user"'));
      },
      pull(controller) {
        controller.error(new Error("aborted"));
      },
    });
    const request = new NextRequest(new URL("/api/auth/login", "http://localhost:3000"), {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": "1000" },
      body,
      duplex: "half",
    } as ConstructorParameters<typeof NextRequest>[1]);

    const response = await login(request, paramsOf({}));
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("invalid_request");
    expect(error.message).toMatch(/not received whole/);
    expect(written.filter((line) => line.includes('"level":"error"'))).toEqual([]);
    const counted = await metrics().registry.getSingleMetricAsString(
      "callscope_http_request_duration_seconds",
    );
    expect(counted).toMatch(/_count\{route="\/api\/auth\/login",method="POST",status="400"\} 1$/m);
    expect(counted).not.toMatch(/route="\/api\/auth\/login",method="POST",status="500"/);
  });
});
