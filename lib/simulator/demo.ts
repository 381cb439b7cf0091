import type { Config, Env, SourceConfig } from "@/lib/config";
import { DEFAULT_DATABASE } from "@/lib/defaults";
import type { SimDataset } from "./http-types";
import { SIM_CREDENTIALS } from "./credentials";
import { demoCallCount, demoDataset } from "./demo-data";
import { FaultInjector } from "./faults";
import { startSimulator, type SimulatorHandle } from "./server";
import { agentApiSimVendor } from "./vendors/agent-api";
import { aliyunAiccsSimVendor } from "./vendors/aliyun-aiccs";
import { aliyunDyvmsSimVendor } from "./vendors/aliyun-dyvms";
import type { SimSource } from "./types";
import { tanyiSimVendor } from "./vendors/tanyi";

/**
 * Demo mode: no config file. The simulator starts on a free loopback port and four sources, one per
 * vendor, point at it — so the demo runs the real adapters, signing and paging over real HTTP.
 */

export { DEMO_ANCHOR, DEMO_SEED } from "./demo-data";

export { DEFAULT_DEMO_CALLS, MAX_DEMO_CALLS, demoCallCount } from "./demo-data";

/** One source per vendor, pointing at a simulator, with the credentials it accepts. */
export function simulatedSources(url: string, dataset: SimDataset): SourceConfig[] {
  const tasks = (source: SimSource) => dataset.tasksOf(source).map((task) => task.taskId);
  const { aliyun, tanyi, agent } = SIM_CREDENTIALS;
  return [
    {
      id: "hz-robot",
      name: "杭州外呼",
      vendor: "aliyun-dyvms",
      endpoint: `${url}/aliyun-dyvms`,
      ...aliyun,
      taskIds: tasks("dyvms"),
    },
    {
      id: "aicc",
      name: "智能联络中心",
      vendor: "aliyun-aiccs",
      endpoint: `${url}/aliyun-aiccs`,
      ...aliyun,
      taskIds: tasks("aiccs"),
    },
    {
      id: "tanyi",
      name: "探意外呼",
      vendor: "tanyi",
      baseUrl: `${url}/tanyi`,
      ...tanyi,
      taskIds: tasks("tanyi"),
    },
    {
      id: "agent",
      name: "AI客户联络",
      vendor: "agent-api",
      baseUrl: `${url}/agent`,
      ...agent,
      taskIds: tasks("agent"),
    },
  ];
}

/** The four simulated vendors, as one server mounts them. */
export const SIM_VENDORS = [aliyunDyvmsSimVendor, aliyunAiccsSimVendor, tanyiSimVendor, agentApiSimVendor];

/** The simulator of the demo dataset (sized by CALLSCOPE_DEMO_CALLS), with its fault injector. */
export async function startDemoSimulator(
  env: Env,
): Promise<{ simulator: SimulatorHandle; dataset: SimDataset; calls: number; faults: FaultInjector }> {
  const calls = demoCallCount(env);
  const faults = new FaultInjector();
  const dataset = demoDataset(env);
  const simulator = await startSimulator({
    dataset,
    vendors: SIM_VENDORS,
    credentials: SIM_CREDENTIALS,
    port: env.CALLSCOPE_SIM_PORT ? Number(env.CALLSCOPE_SIM_PORT) : 0,
    intercept: faults.intercept,
  });
  return { simulator, dataset, calls, faults };
}

export async function startDemo(
  env: Env,
): Promise<{ simulator: SimulatorHandle; config: Config; calls: number; faults: FaultInjector }> {
  const { simulator, dataset, calls, faults } = await startDemoSimulator(env);
  const config: Config = {
    // CALLSCOPE_DEMO_RATE_LIMIT lifts the vendors' documented request rates (the benchmark measures
    // Callscope, not the vendors' limits).
    sources: simulatedSources(simulator.url, dataset).map((source) =>
      env.CALLSCOPE_DEMO_RATE_LIMIT
        ? { ...source, rateLimitPerSecond: Number(env.CALLSCOPE_DEMO_RATE_LIMIT) }
        : source,
    ),
    timezone: "Asia/Shanghai",
    recordingHosts: [],
    users: [],
    database: DEFAULT_DATABASE,
    syncIntervalMinutes: 5,
    // What a campaign owner would watch for in the simulated scripts: complaints and "where did you get my number".
    alerts: [
      { name: "投诉风险", phrases: ["投诉", "12315", "骚扰", "别再给我打"] },
      { name: "号码来源", phrases: ["怎么有我电话", "谁给你的号码"] },
    ],
  };
  return { simulator, config, calls, faults };
}
