import "server-only";
import { isConfigError } from "@/lib/config";
import { limitHeapGrowth } from "./heap";
import { getRuntime } from "./runtime";

export async function boot(): Promise<void> {
  try {
    limitHeapGrowth();
    const runtime = await getRuntime();
    const sources = [...runtime.sources.values()].map(
      (source) => `${source.config.id} (${source.config.vendor})`,
    );
    console.log(
      `Callscope: ${runtime.mode === "demo" ? `demo mode, ${runtime.demoCalls} simulated calls` : "configured"}; sources: ${sources.join(", ") || "none"}`,
    );
    if (runtime.users.open)
      console.warn('Callscope: "auth": "none" — anyone who can reach this server can see every call.');
  } catch (err) {
    if (isConfigError(err)) {
      console.error(`\nCallscope cannot start: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
