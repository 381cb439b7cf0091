import { execFileSync } from "node:child_process";
import path from "node:path";

/** One line of a demo call as it really is in the recording (lib/simulator/timing/true-lines.ts). */
export interface TrueLine {
  speaker: "robot" | "customer";
  text: string;
  startMs: number;
  endMs: number;
  interrupted: boolean;
}

/**
 * The true line timings of a demo call, from the simulator's deterministic dataset, built in a tsx
 * child (the simulator's modules are ESM that Playwright's loader cannot take) with the same
 * CALLSCOPE_DEMO_* environment as the server under test. Throws when the demo has no such call.
 */
export function demoTrueLines(call: { sourceId: string; vendorCallId: string | null }): TrueLine[] {
  if (!call.vendorCallId) throw new Error(`call of ${call.sourceId} has no vendor call id`);
  // Without Playwright's own NODE_OPTIONS (its TypeScript loader), which the child would inherit.
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const out = execFileSync(
    process.execPath,
    [
      path.resolve("node_modules/tsx/dist/cli.mjs"),
      path.resolve("lib/simulator/timing/true-lines-cli.ts"),
      call.sourceId,
      call.vendorCallId,
    ],
    { encoding: "utf8", env },
  );
  const lines = JSON.parse(out.trim().split("\n").at(-1) ?? "null") as TrueLine[] | null;
  if (!lines) throw new Error(`no demo call ${call.sourceId}/${call.vendorCallId}`);
  return lines;
}
