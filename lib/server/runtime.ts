import "server-only";
import path from "node:path";
import { demoUsers, loadUsers, type UserDirectory } from "@/lib/auth/users";
import { sweepSessions } from "@/lib/auth/session";
import { sessionSecret, sharedSessionSecret } from "@/lib/auth/session-secret";
import {
  ConfigError,
  DEFAULT_TIMEZONE,
  backgroundAnalysisOn,
  databaseLocation,
  loadConfig,
  syncLeaseMs,
  type Config,
  type Env,
} from "@/lib/config";
import { log } from "@/lib/log";
import { registerSecret } from "@/lib/secrets";
import type { FaultInjector } from "@/lib/simulator/faults";
import type { SimulatorHandle } from "@/lib/simulator/server";
import { openStore, type Store } from "@/lib/store";
import { isDatasetMismatch } from "@/lib/store/dataset-marker";
import { describePostgresUrl } from "@/lib/store/database-postgres";
import { sourceName } from "@/lib/sync/source-name";
import { createVendorHttp } from "@/lib/vendors/http";
import { createAdapter, defaultRatePerSecond, VENDOR_PLUGINS } from "@/lib/vendors/index";
import type { VendorRegistry } from "@/lib/vendors/plugin";
import { applyAlertConfig } from "@/lib/alerts/apply";
import { assembleRuntime, type Runtime, type SourceRuntime } from "./assemble-runtime";
import { AlertNotifier } from "@/lib/alerts/notifier";
import { indexReadsAtOnce } from "./in-line";

/**
 * The server's runtime, made from the environment: the config file (or demo mode and its simulator),
 * the index, the users, the session secret and one adapter and HTTP policy per source, handed to
 * assembleRuntime (lib/server/assemble-runtime.ts), which wires the services. Created once per process
 * and shared through globalThis, because Next.js bundles instrumentation and each route separately
 * and module state would otherwise exist several times.
 */

export type { Runtime, SourceRuntime } from "./assemble-runtime";
export { recordingPolicy } from "./assemble-runtime";

export interface RuntimeOptions {
  env?: Env;
  /** Start syncing and the schedule right away (the server does; tests usually drive syncs themselves). */
  autoSync?: boolean;
}

const KEY = Symbol.for("callscope.runtime");
type Holder = { [KEY]?: Promise<Runtime> };

export function getRuntime(): Promise<Runtime> {
  const holder = globalThis as Holder;
  holder[KEY] ??= createRuntime({ autoSync: process.env.CALLSCOPE_AUTOSYNC !== "0" });
  return holder[KEY];
}

/** For tests: make `getRuntime()` answer with this one (or forget it with null). */
export function installRuntime(runtime: Runtime | null): void {
  const holder = globalThis as Holder;
  if (runtime) holder[KEY] = Promise.resolve(runtime);
  else delete holder[KEY];
  installed = runtime;
}

let installed: Runtime | null = null;

/** For tests: the runtime last installed, synchronously (to make sessions in it). */
export function installedRuntime(): Runtime | null {
  return installed;
}

export async function createRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const env = options.env ?? process.env;
  const loaded = loadConfig(env);
  const leaseMs = syncLeaseMs(env);
  const indexReads = indexReadsAtOnce(env);
  let config: Config;
  let simulator: SimulatorHandle | null = null;
  let faults: FaultInjector | null = null;
  let demoCalls: number | null = null;
  let users: UserDirectory;

  if (loaded.mode === "demo") {
    // Imported lazily: a configured deployment never loads the simulator or its voice clips.
    const { startDemo } = await import("@/lib/simulator/demo");
    const demo = await startDemo(env);
    simulator = demo.simulator;
    faults = demo.faults;
    config = demo.config;
    demoCalls = demo.calls;
    users = demoUsers();
    log.info("demo mode: no config file, serving the built-in vendor simulator", {
      simulator: demo.simulator.url,
      calls: demo.calls,
    });
  } else {
    config = loaded.config;
    users = loadUsers(config);
  }

  const location = databaseLocation(env.CALLSCOPE_DATABASE ?? config.database);
  let store: Store;
  try {
    store = await openStore(
      location.kind === "postgres" ? location.url : location.file,
      loaded.mode === "demo" ? `demo:${demoCalls}` : "config",
    );
    if (location.kind === "postgres")
      log.info("index: PostgreSQL", { at: describePostgresUrl(location.url) });
  } catch (err) {
    await simulator?.close();
    if (isDatasetMismatch(err)) throw new ConfigError(err.message);
    throw err;
  }
  // Several instances on one PostgreSQL share a session secret: SESSION_SECRET, or one kept in the index.
  const secret =
    location.kind === "postgres"
      ? await sharedSessionSecret(env, store)
      : sessionSecret(env, location.file === ":memory:" ? null : path.dirname(location.file));
  registerSecret(secret.toString("hex"));
  const swept = await sweepSessions(store.sessions, users);
  if (swept) log.info("ended sessions of removed users or changed passwords", { sessions: swept });
  registerSecret(env.SESSION_SECRET);

  const sources = sourceRuntimes(config);
  await applyAlertConfig(store, config.alerts);
  const notifier = new AlertNotifier(store, config.alerts, {
    publicUrl: env.CALLSCOPE_PUBLIC_URL || `http://localhost:${env.PORT || 3000}`,
    sourceName: (id) => {
      const source = sources.get(id);
      return source ? sourceName(source.config) : id;
    },
  });

  const runtime = assembleRuntime({
    mode: loaded.mode,
    config,
    store,
    sources,
    users,
    sessionSecret: secret,
    simulator,
    faults,
    demoCalls,
    notifier,
    backgroundAnalysis: backgroundAnalysisOn(config, env),
    syncLeaseMs: leaseMs,
    indexReads,
    // Another instance's run whose instance died is resumed here once its lease runs out.
    syncWatchMs: store.backend === "postgres" ? Math.min(5_000, leaseMs) : 0,
  });
  if (options.autoSync) {
    // A SQLite index is one process's: a lease in it at start is a killed process's, and waiting out
    // its 30 s would leave the cut-short run unresumed (no watcher runs on SQLite).
    if (store.backend === "sqlite") await store.leases.releaseAll();
    await runtime.sync.start();
    notifier.start();
    // Calls a previous run left unanalysed: once the first syncs are over (a call a minute meanwhile).
    runtime.analysis?.kick();
  }
  return runtime;
}

/** An adapter and its HTTP policy (timeouts, retries, rate limit, breaker) for each configured source. */
export function sourceRuntimes(
  config: Config,
  vendors: VendorRegistry = VENDOR_PLUGINS,
): Map<string, SourceRuntime> {
  const sources = new Map<string, SourceRuntime>();
  for (const source of config.sources) {
    const timezone = source.timezone ?? config.timezone ?? DEFAULT_TIMEZONE;
    const http = createVendorHttp({
      label: sourceName(source),
      source: source.id,
      ratePerSecond: source.rateLimitPerSecond ?? defaultRatePerSecond(source, vendors),
      timeoutMs: source.timeoutMs,
    });
    sources.set(source.id, {
      config: source,
      timezone,
      adapter: createAdapter(source, timezone, http, vendors),
      http,
    });
  }
  return sources;
}
