import { describe, expect, it } from "vitest";
import { SIM_SOURCES } from "@/lib/simulator/types";
import { createDataset } from "./create-dataset";
import { vendorIdCodec } from "./ids";
import { ANCHOR } from "./test-fixtures";

/** 100,000 calls (CALLSCOPE_DEMO_CALLS=100000): nothing is held, lookups stay O(1). */
describe("at 100,000 calls", () => {
  // How fast it builds and generates is the bench's business; here, that it holds no call: 100,000
  // calls kept as objects would take hundreds of MB, the ids decode without an index.
  it("holds no calls, looks up samples both ways, and generates 1,000 calls in order", () => {
    const heapBefore = process.memoryUsage().heapUsed;
    let t = performance.now();
    const dataset = createDataset({ calls: 100_000, seed: 5, anchor: ANCHOR });
    const firstCall = dataset.callByVendorId("tanyi", dataset.callAt("tanyi", 24_999)!.vendorCallId);
    const buildMs = performance.now() - t;
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    expect(firstCall?.index).toBe(24_999);
    expect(heapGrowth).toBeLessThan(32 * 1024 * 1024);

    for (const source of SIM_SOURCES) {
      expect(dataset.callCount(source)).toBe(25_000);
      for (let k = 0; k < 250; k++) {
        const index = (k * 7_919 + 13) % 25_000;
        const call = dataset.callAt(source, index)!;
        expect(dataset.callByVendorId(source, call.vendorCallId)).toEqual(call);
        expect(dataset.callByCallee(call.taskId, call.callee)).toEqual(call);
      }
    }

    t = performance.now();
    const slice = dataset.taskCalls("50", 6_000, 1_000);
    const thousandMs = performance.now() - t;
    expect(slice).toHaveLength(1_000);
    expect(new Set(slice.map((call) => call.vendorCallId)).size).toBe(1_000);
    for (let i = 1; i < slice.length; i++) expect(slice[i]!.dialAt).toBeGreaterThan(slice[i - 1]!.dialAt);

    console.info(
      `100k dataset: index build + first lookup ${buildMs.toFixed(1)} ms, heap +${(heapGrowth / 1e6).toFixed(1)} MB (ids decode, no index); 1,000 calls in ${thousandMs.toFixed(1)} ms`,
    );
  });

  it("keeps vendor call ids unique over a whole source", () => {
    for (const source of SIM_SOURCES) {
      const codec = vendorIdCodec(source, 5);
      const ids = new Set<string>();
      for (let i = 0; i < 25_000; i++) ids.add(codec.encode(i));
      expect(ids.size).toBe(25_000);
    }
  });

  it("has marathon calls throughout, not only in the first block", () => {
    const dataset = createDataset({ calls: 100_000, seed: 5, anchor: ANCHOR });
    const tasks = dataset.tasksOf("agent");
    let marathons = 0;
    for (const task of tasks) {
      for (let offset = 0; offset < dataset.taskCallCount(task.taskId); offset += 2_500) {
        for (const call of dataset.taskCalls(task.taskId, offset, 2_500))
          if (call.talkMs >= 30 * 60_000) marathons++;
      }
    }
    expect(marathons).toBeGreaterThanOrEqual(5);
  });
});
