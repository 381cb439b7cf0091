import "server-only";
import type { UserDirectory } from "@/lib/auth/users";
import type { AlertNotifier } from "@/lib/alerts/notifier";
import { CallsService } from "@/lib/calls/calls-service";
import { DetailService } from "@/lib/calls/detail-service";
import type { Config, SourceConfig } from "@/lib/config";
import { AlignmentService } from "@/lib/recording/alignment-service";
import { AnalysisQueue } from "@/lib/recording/analysis-queue";
import { buildHostPolicy } from "@/lib/recording/host-policy";
import { PeaksService } from "@/lib/recording/peaks-service";
import { RecordingService } from "@/lib/recording/recording-service";
import type { FaultInjector } from "@/lib/simulator/faults";
import type { SimulatorHandle } from "@/lib/simulator/server";
import type { Store } from "@/lib/store";
import { SyncManager } from "@/lib/sync/sync-manager";
import type { VendorHttp } from "@/lib/vendors/http";
import { sourceBaseUrl } from "@/lib/vendors/index";
import type { VendorAdapter } from "@/lib/vendors/types";
import { DEFAULT_INDEX_READS, Line } from "./in-line";

/**
 * The one place the server's services are wired together. The server (lib/server/runtime.ts) and the
 * route tests (lib/testing/runtime.ts) differ only in what they hand in: where the config, the index,
 * the sources and the users come from.
 */

export interface SourceRuntime {
  config: SourceConfig;
  timezone: string;
  adapter: VendorAdapter;
  http: VendorHttp;
}

/** What the routes and pages reach the server's state through (getRuntime()). */
export interface Runtime {
  mode: "demo" | "file";
  config: Config;
  store: Store;
  sources: Map<string, SourceRuntime>;
  sync: SyncManager;
  /** The call list (list, stats, neighbors, export) in the deployment's time zone. */
  calls: CallsService;
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
  /** The line list pages, summary bars and analytics wait in (in-line.ts). */
  indexReads: Line;
  close(): Promise<void>;
}

/** What the services are built from; everything else in a Runtime is made here. */
export interface RuntimeDeps {
  mode: "demo" | "file";
  config: Config;
  store: Store;
  sources: Map<string, SourceRuntime>;
  users: UserDirectory;
  sessionSecret: Buffer;
  simulator?: SimulatorHandle | null;
  faults?: FaultInjector | null;
  demoCalls?: number | null;
  notifier?: AlertNotifier;
  /** Analyse synced calls' recordings in the background (route tests drive the analysis themselves). */
  backgroundAnalysis?: boolean;
  /** Between background syncs (0: none, and no stale syncs); default the config's syncIntervalMinutes. */
  syncIntervalMs?: number;
  /** How often to look for runs of instances that died (0: never; several instances on PostgreSQL). */
  syncWatchMs?: number;
  /** How long a sync lease holds without renewal (default 30 s; CALLSCOPE_SYNC_LEASE_MS). */
  syncLeaseMs?: number;
  /** Bulk index reads served at once (default 4; CALLSCOPE_INDEX_READS). */
  indexReads?: number;
}

export function assembleRuntime(deps: RuntimeDeps): Runtime {
  const { config, store, sources, notifier } = deps;
  const simulator = deps.simulator ?? null;
  let analysis: AnalysisQueue | null = null;
  const sync = new SyncManager(store, sources, {
    intervalMs: deps.syncIntervalMs ?? config.syncIntervalMinutes * 60_000,
    watchMs: deps.syncWatchMs ?? 0,
    ...(deps.syncLeaseMs !== undefined ? { leaseMs: deps.syncLeaseMs } : {}),
    afterRun: () => analysis?.kick(),
  });
  const details = new DetailService(store, sources);
  const recordings = new RecordingService(details, recordingPolicy(config));
  const peaks = new PeaksService(store, recordings);
  const alignments = new AlignmentService(store, details, peaks);
  if (deps.backgroundAnalysis)
    analysis = new AnalysisQueue(store, alignments, { busy: () => sync.syncingAny() });
  return {
    mode: deps.mode,
    config,
    store,
    sources,
    sync,
    calls: new CallsService(store, config.timezone),
    details,
    recordings,
    peaks,
    alignments,
    analysis,
    users: deps.users,
    sessionSecret: deps.sessionSecret,
    simulator,
    faults: deps.faults ?? null,
    demoCalls: deps.demoCalls ?? null,
    ...(notifier ? { notifier } : {}),
    indexReads: new Line(deps.indexReads ?? DEFAULT_INDEX_READS),
    async close() {
      await analysis?.stop();
      await sync.stop();
      await notifier?.stop();
      await store.close();
      await simulator?.close();
    },
  };
}

/** Recordings may come from each source's own host and the config's recordingHosts. */
export function recordingPolicy(config: Config) {
  return buildHostPolicy(
    config.sources.map((source) => sourceBaseUrl(source)),
    config.recordingHosts,
  );
}
