import type { SimCredentials } from "./http-types";

/**
 * The only keys the simulator accepts. They are demo values, not secrets: demo mode configures its
 * four sources with them, and tests use them to prove a wrong key is refused the vendor's way.
 */
export const SIM_CREDENTIALS: SimCredentials = {
  aliyun: { accessKeyId: "LTAI5tSimulatorDemoKey", accessKeySecret: "SimulatorDemoSecretNotForProduction" },
  tanyi: { appKey: "sim-tanyi-app-key", appSecret: "sim-tanyi-app-secret-0001", tenantSign: "SIMTENANT" },
  agent: { userId: "4d99d91c-f5d9-49da-88da-758977cc58a9", token: "sim-agent-token-0123456789abcdef" },
};
