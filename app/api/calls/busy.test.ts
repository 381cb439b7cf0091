import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { GET as dropoff } from "@/app/api/analytics/dropoff/route";
import { GET as list } from "@/app/api/calls/route";
import { GET as stats } from "@/app/api/calls/stats/route";
import { log } from "@/lib/log";
import type { Runtime } from "@/lib/server/assemble-runtime";
import { Line } from "@/lib/server/in-line";
import { createTestRuntime, paramsOf, requestAs } from "@/lib/testing/runtime";

let runtime: Runtime;
beforeAll(async () => {
  runtime = await createTestRuntime();
});
afterAll(() => runtime.close());

test("with the line for index reads full, list, totals and analytics answer 503 busy with Retry-After, logged once as a warning", async () => {
  // One place, taken until the end of the test, and nobody may wait: every bulk read is refused.
  runtime.indexReads = new Line(1, { maxWaiting: 0 });
  let release!: () => void;
  const holding = runtime.indexReads.run(() => new Promise<void>((resolve) => (release = resolve)));
  const errors = vi.spyOn(log, "error");
  const warnings = vi.spyOn(log, "warn");
  try {
    for (const [route, path] of [
      [list, "/api/calls"],
      [stats, "/api/calls/stats"],
      [dropoff, "/api/analytics/dropoff"],
    ] as const) {
      const response = await route(await requestAs("operator", path), paramsOf({}));
      expect(response.status, path).toBe(503);
      expect(response.headers.get("retry-after"), path).toBe("1");
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code, path).toBe("busy");
      expect(body.error.message, path).toMatch(/busy.*try again/);
    }
    expect(errors).not.toHaveBeenCalled();
    // A flood is said once, not once per request.
    expect(warnings.mock.calls.filter(([message]) => /refused/.test(message))).toHaveLength(1);
  } finally {
    release();
    await holding;
    errors.mockRestore();
    warnings.mockRestore();
  }
  // Free again: served.
  expect((await list(await requestAs("operator", "/api/calls"), paramsOf({}))).status).toBe(200);
});
