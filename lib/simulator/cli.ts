/**
 * `npm run simulator` — the four simulated vendors on their own (CALLSCOPE_SIM_PORT, default 4010),
 * for trying a config file against fake vendors, or for the benchmark (a separate process, like a
 * real vendor). Prints one JSON line with its URL and a `sources` block for callscope.config.json.
 * Faults: POST http://127.0.0.1:PORT/_sim/faults {"mode":"throttle","prefix":"/tanyi","times":5}.
 */
import { simulatedSources, startDemoSimulator } from "./demo";

async function main(): Promise<void> {
  const env = { ...process.env, CALLSCOPE_SIM_PORT: process.env.CALLSCOPE_SIM_PORT ?? "4010" };
  const { simulator, dataset, calls } = await startDemoSimulator(env);
  console.log(
    JSON.stringify({ url: simulator.url, calls, sources: simulatedSources(simulator.url, dataset) }),
  );
  console.error(`simulated vendors on ${simulator.url} (${calls} calls); Ctrl-C to stop`);
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
