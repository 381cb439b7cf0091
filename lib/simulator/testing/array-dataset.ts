import type { SimDataset } from "../http-types";
import type { SimCall, SimSource, SimTask } from "../types";

/** A dataset over a fixed array of calls: for tests that want exact, hand-made records. */
export function arrayDataset(calls: SimCall[], tasks?: SimTask[]): SimDataset {
  const allTasks =
    tasks ??
    [...new Map(calls.map((call) => [call.taskId, call])).values()].map((call) => ({
      source: call.source,
      taskId: call.taskId,
      name: `task ${call.taskId}`,
      industry: call.industry,
    }));
  const byTask = (taskId: string) => calls.filter((call) => call.taskId === taskId);
  return {
    options: { calls: calls.length, seed: 0, anchor: 0 },
    tasks: allTasks,
    tasksOf: (source: SimSource) => allTasks.filter((task) => task.source === source),
    taskCallCount: (taskId) => byTask(taskId).length,
    taskCalls: (taskId, offset, limit) => byTask(taskId).slice(offset, offset + limit),
    callByVendorId: (source, vendorCallId) =>
      calls.find((call) => call.source === source && call.vendorCallId === vendorCallId) ?? null,
    callByCallee: (taskId, callee) =>
      calls.find((call) => call.taskId === taskId && call.callee === callee) ?? null,
  };
}
