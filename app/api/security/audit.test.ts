import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as peaks } from "@/app/api/calls/[id]/peaks/route";
import { GET as recording } from "@/app/api/calls/[id]/recording/route";
import { GET as list } from "@/app/api/calls/route";
import type { CallList } from "@/lib/model";
import { paramsOf, requestAs } from "@/lib/testing/runtime";
import { startSimulatedRuntime } from "@/lib/testing/simulated-runtime";

/** Finding 9: every way of taking a recording or the list in bulk leaves an audit entry. */

let env: Awaited<ReturnType<typeof startSimulatedRuntime>>;
let ids: string[] = [];

beforeAll(async () => {
  env = await startSimulatedRuntime({ calls: 16 });
  await env.runtime.sync.syncAll("test");
  const page = (await (
    await list(await requestAs("supervisor", "/api/calls?result=answered&limit=20"), paramsOf({}))
  ).json()) as CallList;
  ids = page.items.filter((item) => item.hasRecording).map((item) => item.id);
  expect(ids.length).toBeGreaterThanOrEqual(2);
});
afterAll(() => env.close());

const entries = async (action: string, target?: string) =>
  (await env.runtime.store.audit.list({ action, username: "operator" })).filter(
    (entry) => !target || entry.target === target,
  );

describe("finding 9: audit gaps", () => {
  test("a suffix range (bytes=-999999999, the whole file) is a recorded play", async () => {
    const id = ids[0]!;
    const response = await recording(
      await requestAs("operator", `/api/calls/${id}/recording`, { headers: { range: "bytes=-999999999" } }),
      paramsOf({ id }),
    );
    expect(response.status).toBeLessThan(300);
    await response.arrayBuffer();
    expect(await entries("recording.play", id)).toHaveLength(1);
  });

  test("a range that skips byte 0 (bytes=1-) is recorded too", async () => {
    const id = ids[1]!;
    const response = await recording(
      await requestAs("operator", `/api/calls/${id}/recording`, { headers: { range: "bytes=1-" } }),
      paramsOf({ id }),
    );
    await response.arrayBuffer();
    expect(await entries("recording.play", id)).toHaveLength(1);
  });

  test("a peaks download is recorded", async () => {
    const id = ids[0]!;
    expect(
      (await peaks(await requestAs("operator", `/api/calls/${id}/peaks`), paramsOf({ id }))).status,
    ).toBe(200);
    expect(await entries("peaks.download", id)).toHaveLength(1);
  });

  test("paging through the list with large pages or a cursor is recorded", async () => {
    const first = (await (
      await list(await requestAs("operator", "/api/calls?limit=5"), paramsOf({}))
    ).json()) as CallList;
    expect(await entries("calls.page")).toHaveLength(0); // a first page of the UI's size is not
    await list(await requestAs("operator", `/api/calls?limit=5&cursor=${first.nextCursor}`), paramsOf({}));
    await list(await requestAs("operator", "/api/calls?limit=500"), paramsOf({}));
    const pages = await entries("calls.page");
    expect(pages).toHaveLength(2);
    expect((await pages)[0]!.detail).toMatchObject({ limit: 500, next: false });
    expect((await pages)[1]!.detail).toMatchObject({ limit: 5, next: true, rows: 5 });
  });
});
