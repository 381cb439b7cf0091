import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as peaks } from "@/app/api/calls/[id]/peaks/route";
import { GET as list } from "@/app/api/calls/route";
import type { CallList } from "@/lib/model";
import { paramsOf, requestAs } from "@/lib/testing/runtime";
import { startSimulatedRuntime } from "@/lib/testing/simulated-runtime";

/**
 * Finding 13: /peaks offers a few fixed resolutions (each new `points` read the whole recording
 * again and stored a row); the list query's number check is linear on long input.
 */

let env: Awaited<ReturnType<typeof startSimulatedRuntime>>;
let id = "";
beforeAll(async () => {
  env = await startSimulatedRuntime({ calls: 8 });
  await env.runtime.sync.syncAll("test");
  const page = (await (
    await list(await requestAs("admin", "/api/calls?result=answered"), paramsOf({}))
  ).json()) as CallList;
  id = page.items.find((item) => item.hasRecording)!.id;
});
afterAll(() => env.close());

describe("finding 13: bounded work per request", () => {
  test("points outside the fixed resolutions is a 400 naming them; a fixed one is served", async () => {
    for (const points of ["1601", "99999", "50", "2.5"]) {
      const response = await peaks(
        await requestAs("operator", `/api/calls/${id}/peaks?points=${points}`),
        paramsOf({ id }),
      );
      expect(response.status, points).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
        /^points: must be one of 1600, 3200/,
      );
    }
    expect(
      (await peaks(await requestAs("operator", `/api/calls/${id}/peaks?points=3200`), paramsOf({ id })))
        .status,
    ).toBe(200);
  });

  test("a 200,000-digit number that ends badly is refused at once (no quadratic backtracking)", async () => {
    const response = await list(
      await requestAs("operator", `/api/calls?roundsMin=${"1".repeat(200_000)}x`),
      paramsOf({}),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/^roundsMin: /);
  }, 10_000);
});
