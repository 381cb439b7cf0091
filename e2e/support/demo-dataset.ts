import { execFile } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import path from "node:path";

/**
 * How many calls the demo's vendors hold for CALLSCOPE_DEMO_CALLS = `calls`: the simulator's dataset
 * is deterministic, built here the way demo mode builds it (in a tsx child: the simulator's modules
 * are ESM that Playwright's loader cannot take).
 */
export async function demoDatasetSize(calls: number): Promise<number> {
  const script = `
    import { createDataset } from "./lib/simulator/dataset";
    import { DEMO_ANCHOR, DEMO_SEED, longCalls } from "./lib/simulator/demo-data";
    import { withExtraCalls } from "./lib/simulator/extra-calls";
    const dataset = withExtraCalls(createDataset({ calls: ${calls}, seed: DEMO_SEED, anchor: DEMO_ANCHOR }), longCalls(undefined));
    console.log(String(dataset.tasks.reduce((sum, task) => sum + dataset.taskCallCount(task.taskId), 0)));
  `;
  // Inside the checkout, where tsx finds the project's tsconfig (its "@/" paths).
  fs.mkdirSync(path.resolve("data"), { recursive: true });
  const dir = fs.mkdtempSync(path.resolve("data/dataset-size-"));
  const file = path.join(dir, "dataset-size.mts");
  try {
    fs.writeFileSync(file, script.replaceAll("./lib/", `${path.resolve("lib")}/`));
    // Without Playwright's own NODE_OPTIONS (its TypeScript loader), which the child would inherit.
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const { stdout: out } = await promisify(execFile)(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), file],
      { encoding: "utf8", env },
    );
    const size = Number(
      out
        .trim()
        .split("\n")
        .at(-1)
        ?.replace(/\x1b\[[0-9;]*m/g, ""),
    );
    if (!Number.isInteger(size) || size < calls)
      throw new Error(`cannot read the dataset's size from: ${out}`);
    return size;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
