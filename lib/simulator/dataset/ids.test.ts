import { describe, expect, it } from "vitest";
import { SIM_SOURCES } from "@/lib/simulator/types";
import { feistel } from "./feistel";
import { calleeCodec, vendorIdCodec } from "./ids";
import { allCalls, demoDataset } from "./test-fixtures";

const BEYOND_DOUBLES = 2n ** 53n;

describe("feistel", () => {
  it("is a bijection with an inverse, for any key", () => {
    for (const key of [0, 1, 0xdeadbeef]) {
      const perm = feistel(10, key);
      const images = new Set<number>();
      for (let x = 0; x < 100; x++) {
        const y = perm.forward(x);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThan(100);
        expect(perm.inverse(y)).toBe(x);
        images.add(y);
      }
      expect(images.size).toBe(100);
    }
    const big = feistel(1_000_000, 42);
    for (const x of [0, 1, 999_999_999_999, 123_456_789_012]) expect(big.inverse(big.forward(x))).toBe(x);
  });
});

describe("vendor call ids", () => {
  const dataset = demoDataset();
  const calls = allCalls(dataset);

  it("are vendor-shaped and unique per source", () => {
    const shapes = {
      dyvms: /^\d{12}\^\d{12}$/,
      aiccs: /^(\d{14}|\d{19})$/,
      tanyi: /^(\d{9}|\d{16})$/,
      agent: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    };
    for (const source of SIM_SOURCES) {
      const ids = calls.filter((call) => call.source === source).map((call) => call.vendorCallId);
      for (const id of ids) expect(id).toMatch(shapes[source]);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it("include ids beyond 2^53 (AICCS ≈ 1 in 10, Tanyi ≈ 1 in 8) that a double cannot hold", () => {
    for (const [source, share] of [
      ["aiccs", 0.1],
      ["tanyi", 0.125],
    ] as const) {
      // The codec alone, over many indexes, shows the share; the demo shows they occur.
      const codec = vendorIdCodec(source, 20261111);
      let big = 0;
      for (let i = 0; i < 20_000; i++) if (BigInt(codec.encode(i)) > BEYOND_DOUBLES) big++;
      expect(big / 20_000).toBeGreaterThan(share * 0.85);
      expect(big / 20_000).toBeLessThan(share * 1.15);
      const inDemo = calls.filter(
        (call) => call.source === source && BigInt(call.vendorCallId) > BEYOND_DOUBLES,
      );
      expect(inDemo.length).toBeGreaterThan(3);
      for (const call of inDemo) {
        expect(String(Number(call.vendorCallId))).not.toBe(call.vendorCallId); // JSON.parse would corrupt it
        expect(dataset.callByVendorId(source, call.vendorCallId)?.vendorCallId).toBe(call.vendorCallId);
      }
    }
  });

  it("look every call up by its id and by its callee", () => {
    for (const call of calls) {
      expect(dataset.callByVendorId(call.source, call.vendorCallId)).toEqual(call);
      expect(dataset.callByCallee(call.taskId, call.callee)).toEqual(call);
    }
  });

  it("find nothing for ids that are not ours", () => {
    const bigger = demoDataset(20261111, 4000);
    const outside = bigger.callAt("tanyi", 900)!; // same scheme, index past this dataset's 100
    expect(dataset.callByVendorId("tanyi", outside.vendorCallId)).toBeNull();
    expect(dataset.callByCallee(outside.taskId, outside.callee)).toBeNull();
    const other = demoDataset(7).callAt("aiccs", 3)!; // another seed's id
    expect(dataset.callByVendorId("aiccs", other.vendorCallId)).toBeNull();
    const tanyi = calls.find((call) => call.source === "tanyi")!;
    expect(dataset.callByVendorId("aiccs", tanyi.vendorCallId)).toBeNull();
    for (const junk of [
      "",
      "abc",
      "0",
      "9007199254740993",
      "-1",
      "1e9",
      `${tanyi.vendorCallId}0`,
      ` ${tanyi.vendorCallId}`,
    ]) {
      for (const source of SIM_SOURCES) expect(dataset.callByVendorId(source, junk)).toBeNull();
    }
    expect(dataset.callByCallee("no-such-task", tanyi.callee)).toBeNull();
    expect(dataset.callByCallee(tanyi.taskId, "13800000000")).toBeNull();
  });

  it("gives unique callees within a task", () => {
    const codec = calleeCodec(1, "50");
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) seen.add(codec.encode(i).slice(3));
    expect(seen.size).toBe(50_000);
    for (const task of dataset.tasks) {
      const callees = dataset.taskCalls(task.taskId, 0, 1000).map((call) => call.callee);
      expect(new Set(callees).size).toBe(callees.length);
    }
  });
});
