import "server-only";
import path from "node:path";
import { demoUsers, loadUsers, type UserDirectory } from "@/lib/auth/users";
import { sweepSessions } from "@/lib/auth/session";
import { sessionSecret } from "@/lib/auth/session-secret";
import {
  ConfigError,
  DEFAULT_TIMEZONE,
  backgroundAnalysisOn,
  databasePath,
  loadConfig,
  type Config,
  type Env,
  type SourceConfig,
} from "@/lib/config";
import { log } from "@/lib/log";
import { registerSecret } from "@/lib/secrets";
import type { FaultInjector } from "@/lib/simulator/faults";
import type { SimulatorHandle } from "@/lib/simulator/server";
import { openStore, type Store } from "@/lib/store";
import { isDatasetMismatch } from "@/lib/store/dataset-marker";
import { sourceName } from "@/lib/sync/source-name";
import { SyncManager } from "@/lib/sync/sync-manager";
import { createVendorHttp, type VendorHttp } from "@/lib/vendors/http";
import { createAdapter, defaultRatePerSecond } from "@/lib/vendors/index";
import type { VendorAdapter } from "@/lib/vendors/types";
import { buildHostPolicy } from "@/lib/recording/host-policy";
import { AlignmentService } from "@/lib/recording/alignment-service";
import { AnalysisQueue } from "@/lib/recording/analysis-queue";
import { PeaksService } from "@/lib/recording/peaks-service";
import { RecordingService } from "@/lib/recording/recording-service";
import { DetailService } from "./detail-service";
import { applyAlertConfig } from "@/lib/alerts/apply";
import { AlertNotifier } from "@/lib/alerts/notifier";

/**
 * Everything the server holds: config, the index, one adapter and HTTP policy per source, the sync
 * manager and, in demo mode, the simulator it talks to. Created once per process and shared through
 * globalThis, because Next.js bundles instrumentation and each route separately and module state
 * would otherwise exist several times.
 */

export interface SourceRuntime {
  config: SourceConfig;
  timezone: string;
  adapter: VendorAdapter;
  http: VendorHttp;
}

export interface Runtime {
  mode: "demo" | "file";
  config: Config;
  store: Store;
  sources: Map<string, SourceRuntime>;
  sync: SyncManager;
  details: DetailService;
  recordings: RecordingService;
  peaks: PeaksService;
  /** Audio-aligned timing per call, cached in the index. */
  alignments: AlignmentService;
  /** Background analysis of synced calls' recordings (null: turned off). */
  analysis: AnalysisQueue | null;
  users: UserDirectory;
  sessionSecret: Buffer;
  simulator: SimulatorHandle | null;
  /** Demo mode: the simulator's fault injector (vendor outages on demand). */
  faults: FaultInjector | null;
  /** When the demo dataset sizes itself from CALLSCOPE_DEMO_CALLS. */
  demoCalls: number | null;
  /** Sends alert notifications to group robots (absent in route tests that need none). */
  notifier?: AlertNotifier;
  close(): Promise<void>;
}

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

  const file = databasePath(env.CALLSCOPE_DATABASE ?? config.database);
  let store: Store;
  try {
    store = openStore(file, loaded.mode === "demo" ? `demo:${demoCalls}` : "config");
  } catch (err) {
    await simulator?.close();
    if (isDatasetMismatch(err)) throw new ConfigError(err.message);
    throw err;
  }
  const secret = sessionSecret(env, file === ":memory:" ? null : path.dirname(file));
  registerSecret(secret.toString("hex"));
  const swept = sweepSessions(store.sessions, users);
  if (swept) log.info("ended sessions of removed users or changed passwords", { sessions: swept });
  registerSecret(env.SESSION_SECRET);

  const sources = sourceRuntimes(config);
  applyAlertConfig(store, config.alerts);
  const notifier = new AlertNotifier(store, config.alerts, {
    publicUrl: env.CALLSCOPE_PUBLIC_URL || `http://localhost:${env.PORT || 3000}`,
    sourceName: (id) => {
      const source = sources.get(id);
      return source ? sourceName(source.config) : id;
    },
  });

  let analysis: AnalysisQueue | null = null;
  const sync = new SyncManager(store, sources, {
    intervalMs: config.syncIntervalMinutes * 60_000,
    afterRun: () => analysis?.kick(),
  });
  const details = new DetailService(store, sources);
  const recordings = new RecordingService(details, recordingPolicy(config));
  const peaks = new PeaksService(store, recordings);
  const alignments = new AlignmentService(store, details, peaks);
  if (backgroundAnalysisOn(config, env)) analysis = new AnalysisQueue(store, alignments);
  const runtime: Runtime = {
    mode: loaded.mode,
    config,
    store,
    sources,
    sync,
    details,
    recordings,
    peaks,
    alignments,
    analysis,
    users,
    sessionSecret: secret,
    simulator,
    faults,
    demoCalls,
    notifier,
    async close() {
      await analysis?.stop();
      await sync.stop();
      await notifier.stop();
      store.close();
      await simulator?.close();
    },
  };
  if (options.autoSync) {
    sync.start();
    notifier.start();
    // Calls a previous run left unanalysed, while the first syncs fetch new ones.
    analysis?.kick();
  }
  return runtime;
}

/** Recordings may come from each source's own host and the config's recordingHosts. */
export function recordingPolicy(config: Config) {
  const sourceUrls = config.sources.map((source) =>
    "endpoint" in source ? source.endpoint : source.baseUrl,
  );
  return buildHostPolicy(sourceUrls, config.recordingHosts);
}

/** An adapter and its HTTP policy (timeouts, retries, rate limit, breaker) for each configured source. */
export function sourceRuntimes(config: Config): Map<string, SourceRuntime> {
  const sources = new Map<string, SourceRuntime>();
  for (const source of config.sources) {
    const timezone = source.timezone ?? config.timezone ?? DEFAULT_TIMEZONE;
    const http = createVendorHttp({
      label: sourceName(source),
      source: source.id,
      ratePerSecond: source.rateLimitPerSecond ?? defaultRatePerSecond(source),
      timeoutMs: source.timeoutMs,
    });
    sources.set(source.id, {
      config: source,
      timezone,
      adapter: createAdapter(source, timezone, http),
      http,
    });
  }
  return sources;
}
