import { SIM_SOURCES, type SimCall } from "@/lib/simulator/types";
import { createDataset, type SimulatedDataset } from "./create-dataset";

/** Shared by the dataset's tests: the demo-sized dataset and a way to walk all of it. */

export const ANCHOR = Date.UTC(2026, 10, 20, 4, 0, 0); // 2026-11-20 12:00 Asia/Shanghai

export function demoDataset(seed = 20261111, calls = 400): SimulatedDataset {
  return createDataset({ calls, seed, anchor: ANCHOR });
}

export function allCalls(dataset: SimulatedDataset): SimCall[] {
  const out: SimCall[] = [];
  for (const source of SIM_SOURCES)
    for (let i = 0; i < dataset.callCount(source); i++) out.push(dataset.callAt(source, i)!);
  return out;
}
