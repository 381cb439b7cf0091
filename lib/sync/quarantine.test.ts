import { afterEach, expect, test } from "vitest";
import { GET as quarantineRoute } from "@/app/api/quarantine/route";
import { GET as sourcesRoute } from "@/app/api/sources/route";
import { EMPTY_QUERY } from "@/lib/calls/query";
import type { SourceConfig } from "@/lib/config";
import type { SourceStatus } from "@/lib/model";
import type { Runtime } from "@/lib/server/runtime";
import { seedCalls } from "@/lib/testing/seed-calls";
import { createTestRuntime, paramsOf, requestAs } from "@/lib/testing/runtime";
import { createVendorHttp } from "@/lib/vendors/http";
import type { RecordOutcome, VendorAdapter } from "@/lib/vendors/types";

let runtime: Runtime;
afterEach(() => runtime.close());

const SOURCE: SourceConfig = {
  id: "t1",
  vendor: "tanyi",
  baseUrl: "https://x.test",
  appKey: "k",
  appSecret: "s-123456",
  tenantSign: "T",
  taskIds: ["50"],
};
const BROKEN = {
  callRecordId: null,
  calledPhoneNumber: null,
  resultStatus: "ANSWERED",
  note: "no id, no phone",
};

/** A vendor whose page has two good records and one this version cannot read; `canRead` models an upgrade. */
function vendor(state: { canRead: boolean }): VendorAdapter {
  const [a, b, c] = seedCalls(3, 5).map((seed) => seed.call);
  const broken = (): RecordOutcome =>
    state.canRead
      ? { ok: true, call: { ...c!, key: "recovered", raw: BROKEN } }
      : {
          ok: false,
          problem: {
            taskId: "50",
            vendorCallId: null,
            reason: "callRecordId and calledPhoneNumber are both missing",
            raw: JSON.stringify(BROKEN),
          },
        };
  return {
    vendor: "tanyi",
    async listCalls() {
      const outcome = broken();
      return {
        calls: [a!, b!, ...(outcome.ok ? [outcome.call] : [])],
        problems: outcome.ok ? [] : [outcome.problem],
        nextCursor: null,
        total: 3,
      };
    },
    getCall: async () => a!,
    reprocess: () => broken(),
  };
}

test("an unreadable record is quarantined raw, counted, shown to admins; its page is indexed; an upgrade reprocesses it", async () => {
  const state = { canRead: false };
  runtime = await createTestRuntime({
    sources: new Map([
      [
        "t1",
        {
          config: SOURCE,
          timezone: "Asia/Shanghai",
          adapter: vendor(state),
          http: createVendorHttp({ label: "t1" }),
        },
      ],
    ]),
  });
  await runtime.sync.sync("t1", "test");
  await runtime.sync.sync("t1", "test"); // seen again: counted, not duplicated
  expect(await runtime.store.calls.count(EMPTY_QUERY, "Asia/Shanghai")).toBe(2);

  const status = (
    (await (
      await sourcesRoute(await requestAs("operator", "/api/sources"), paramsOf({}))
    ).json()) as SourceStatus[]
  )[0]!;
  expect(status.sync.state).toBe("idle");
  expect(status.sync.quarantined).toBe(1);

  expect((await quarantineRoute(await requestAs("supervisor", "/api/quarantine"), paramsOf({}))).status).toBe(
    403,
  );
  const listed = (await (
    await quarantineRoute(await requestAs("admin", "/api/quarantine"), paramsOf({}))
  ).json()) as {
    items: { raw: string; reason: string; seenCount: number }[];
  };
  expect(listed.items).toHaveLength(1);
  expect(JSON.parse(listed.items[0]!.raw)).toEqual(BROKEN);
  expect(listed.items[0]!.reason).toMatch(/callRecordId/);
  expect(listed.items[0]!.seenCount).toBe(2);

  state.canRead = true; // the next version reads it
  await runtime.sync.sync("t1", "test");
  expect(await runtime.store.calls.count(EMPTY_QUERY, "Asia/Shanghai")).toBe(3);
  expect(await runtime.store.quarantine.open("t1")).toHaveLength(0);
});
