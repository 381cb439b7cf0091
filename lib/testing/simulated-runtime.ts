import type { Config } from "@/lib/config";
import type { Runtime } from "@/lib/server/runtime";
import { sourceRuntimes } from "@/lib/server/runtime";
import { SIM_CREDENTIALS } from "@/lib/simulator/credentials";
import { createDataset } from "@/lib/simulator/dataset";
import { SIM_VENDORS, simulatedSources, DEMO_ANCHOR, DEMO_SEED } from "@/lib/simulator/demo";
import type { SimDataset } from "@/lib/simulator/http-types";
import { startSimulator, type SimulatorOptions, type SimulatorHandle } from "@/lib/simulator/server";
import { createTestRuntime, testConfig } from "./runtime";

/**
 * A test runtime whose four sources talk over real HTTP to a simulator of all four vendors
 * (in-memory index). Sync it with `runtime.sync.syncAll("test")`.
 */
export async function startSimulatedRuntime(
  options: {
    calls?: number;
    simulator?: Partial<SimulatorOptions>;
    config?: Partial<Config>;
    /** Applied to every source (e.g. a short timeoutMs for hang tests). */
    source?: { timeoutMs?: number; rateLimitPerSecond?: number };
  } = {},
): Promise<{ runtime: Runtime; simulator: SimulatorHandle; dataset: SimDataset; close(): Promise<void> }> {
  const dataset =
    options.simulator?.dataset ??
    createDataset({ calls: options.calls ?? 40, seed: DEMO_SEED, anchor: DEMO_ANCHOR });
  const simulator = await startSimulator({
    dataset,
    vendors: SIM_VENDORS,
    credentials: SIM_CREDENTIALS,
    ...options.simulator,
  });
  const sources = simulatedSources(simulator.url, dataset).map((source) => ({
    ...source,
    rateLimitPerSecond: 1000,
    ...options.source,
  }));
  const config = testConfig({ sources, ...options.config });
  const runtime = await createTestRuntime({ sources: sourceRuntimes(config), config });
  return {
    runtime,
    simulator,
    dataset,
    async close() {
      await runtime.close();
      await simulator.close();
    },
  };
}
