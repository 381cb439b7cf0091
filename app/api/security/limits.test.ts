import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PATCH as review } from "@/app/api/calls/[id]/review/route";
import { POST as login } from "@/app/api/auth/login/route";
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
