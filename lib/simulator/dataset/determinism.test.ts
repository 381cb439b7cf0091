import { describe, expect, it } from "vitest";
import { recordingFor } from "@/lib/simulator/recording";
import { SIM_SOURCES } from "@/lib/simulator/types";
import { createDataset } from "./create-dataset";
import { allCalls, ANCHOR, demoDataset } from "./test-fixtures";

describe("determinism", () => {
  it("gives byte-identical calls for the same options, whatever the order of access", () => {
    const a = allCalls(demoDataset());
    const b = demoDataset();
    // Walk the second dataset backwards: a call must not depend on what was generated before it.
    for (const call of [...a].reverse())
      expect(JSON.stringify(b.callAt(call.source, call.index))).toBe(JSON.stringify(call));
  });

  it("gives byte-identical recording ranges for the same options", () => {
    const a = demoDataset();
    const b = demoDataset();
    for (const source of SIM_SOURCES) {
      const call = a
        .taskCalls(a.tasksOf(source)[0]!.taskId, 0, 50)
        .find((c) => c.recording && c.lines.length > 4)!;
      const twin = b.callByVendorId(source, call.vendorCallId)!;
      const ra = recordingFor(call);
      const rb = recordingFor(twin);
      expect(rb.size).toBe(ra.size);
      for (const [start, end] of [
        [0, 99],
        [1000, 9999],
        [ra.size - 5000, ra.size - 1],
      ] as const) {
        expect(rb.read(start, end).equals(ra.read(start, end))).toBe(true);
      }
    }
  });

  it("changes with the seed", () => {
    const a = allCalls(demoDataset(1));
    const b = allCalls(demoDataset(2));
    const sameIds = a.filter((call, i) => call.vendorCallId === b[i]!.vendorCallId).length;
    const sameCallees = a.filter((call, i) => call.callee === b[i]!.callee).length;
    const sameResults = a.filter((call, i) => call.result === b[i]!.result).length;
    const sameTalk = a.filter((call, i) => call.talkMs === b[i]!.talkMs).length;
    expect(sameIds).toBe(0);
    expect(sameCallees).toBeLessThan(5);
    expect(sameResults).toBeLessThan(a.length * 0.8);
    expect(sameTalk).toBeLessThan(a.length * 0.7); // unanswered calls all have 0
  });

  it("keeps tasks and task ids whatever the seed (demo configuration names them)", () => {
    const a = createDataset({ seed: 1, anchor: ANCHOR });
    const b = createDataset({ seed: 99, anchor: ANCHOR });
    expect(b.tasks).toEqual(a.tasks);
  });

  it("serves a task's calls in slices that agree with direct access", () => {
    const dataset = demoDataset();
    for (const task of dataset.tasks) {
      const all = dataset.taskCalls(task.taskId, 0, 1000);
      expect(all.length).toBe(dataset.taskCallCount(task.taskId));
      expect(dataset.taskCalls(task.taskId, 7, 5)).toEqual(all.slice(7, 12));
      expect(dataset.taskCalls(task.taskId, all.length - 2, 10)).toEqual(all.slice(-2));
      expect(dataset.taskCalls(task.taskId, all.length + 5, 10)).toEqual([]);
    }
  });
});
