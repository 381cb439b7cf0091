import type { SimDataset } from "./http-types";
import type { SimCall } from "./types";

/**
 * A dataset with a few hand-made calls appended to their tasks (after the generated ones): how the
 * benchmark gets a 60-minute and a 200 MB recording into the demo without changing the generated data.
 */
export function withExtraCalls(dataset: SimDataset, extras: SimCall[]): SimDataset {
  if (extras.length === 0) return dataset;
  const extrasOf = (taskId: string) => extras.filter((call) => call.taskId === taskId);
  return {
    ...dataset,
    options: dataset.options,
    tasks: dataset.tasks,
    tasksOf: (source) => dataset.tasksOf(source),
    taskCallCount: (taskId) => dataset.taskCallCount(taskId) + extrasOf(taskId).length,
    taskCalls(taskId, offset, limit) {
      const generated = dataset.taskCallCount(taskId);
      const head =
        offset < generated ? dataset.taskCalls(taskId, offset, Math.min(limit, generated - offset)) : [];
      const from = Math.max(0, offset - generated);
      return [...head, ...extrasOf(taskId).slice(from, from + (limit - head.length))];
    },
    callByVendorId: (source, vendorCallId) =>
      extras.find((call) => call.source === source && call.vendorCallId === vendorCallId) ??
      dataset.callByVendorId(source, vendorCallId),
    callByCallee: (taskId, callee) =>
      extras.find((call) => call.taskId === taskId && call.callee === callee) ??
      dataset.callByCallee(taskId, callee),
  };
}
