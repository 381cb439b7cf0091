/**
 * `npm run sim:timing` — how wrong the text-length estimate is on the demo's calls (line starts
 * against the simulator's true starts). Sized like demo mode (CALLSCOPE_DEMO_CALLS, default 400).
 */
import { demoDataset } from "@/lib/simulator/demo-data";
import { estimateErrorOf, type StartErrorSummary } from "./estimate-error";

const row = (name: string, s: StartErrorSummary) =>
  `${name.padEnd(16)} ${String(s.calls).padStart(6)} calls ${String(s.lines).padStart(7)} lines  ` +
  `median ${String(s.medianMs).padStart(6)} ms  p90 ${String(s.p90Ms).padStart(6)} ms  ` +
  `worst ${String(s.worstMs).padStart(7)} ms  within 500 ms ${(s.within500 * 100).toFixed(1)} %`;

const { all, usual } = estimateErrorOf(demoDataset(process.env));
console.log("text-length estimate vs true line starts (demo dataset)");
console.log(row("calls ≤ 5 min", usual));
console.log(row("all calls", all));
