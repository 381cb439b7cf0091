import { afterAll, expect, test } from "vitest";
import { GET as list } from "@/app/api/calls/route";
import { paramsOf, requestAs } from "@/lib/testing/runtime";
import { startSimulatedRuntime } from "@/lib/testing/simulated-runtime";

const env = await startSimulatedRuntime({ calls: 8 });
afterAll(() => env.close());

test.each([
  ["source=nowhere", /^source: unknown value "nowhere"/],
  ["task=999999", /^task: unknown value "999999"/],
  ["source=tanyi,nowhere", /^source: unknown value "nowhere"/],
  ["deadAirMin=five", /^deadAirMin: "five" is not a number/],
  ["latencyMin=-2", /^latencyMin: must be at least 0/],
  ["sort=deadAir:sideways", /^sort: unknown value "deadAir:sideways"/],
])("%s is a 400 naming the parameter", async (search, message) => {
  const response = await list(await requestAs("operator", `/api/calls?${search}`), paramsOf({}));
  expect(response.status).toBe(400);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("invalid_query");
  expect(body.error.message).toMatch(message);
});

test("configured sources and tasks are accepted", async () => {
  const task = env.runtime.config.sources.find((source) => source.id === "tanyi")!.taskIds[0]!;
  const response = await list(
    await requestAs("operator", `/api/calls?source=tanyi&task=${task}`),
    paramsOf({}),
  );
  expect(response.status).toBe(200);
});
