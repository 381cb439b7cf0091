import "server-only";
import { AlertNotificationRepository } from "./alert-notifications";
import { AlignmentRepository } from "./alignments";
import { AnalyticsRepository } from "./analytics";
import { AnnotationRepository } from "./annotations";
import { AuditRepository } from "./audit";
import { BatchRepository } from "./batches";
import { CallRepository } from "./calls";
import { openDatabase, type Db } from "./database";
import { claimDataset } from "./dataset-marker";
import { PeaksRepository } from "./peaks";
import { QuarantineRepository } from "./quarantine";
import { ReviewRepository } from "./reviews";
import { log } from "@/lib/log";
import { SEARCH_TOKENS_VERSION } from "./search-text";
import { SessionRepository } from "./sessions";
import { SettingsRepository } from "./settings";
import { SyncStateRepository } from "./sync-state";

/**
 * The index behind one small interface: repositories by concern. This is the SQLite implementation;
 * a PostgreSQL one for multi-instance deployments implements the same repositories.
 */
export interface Store {
  calls: CallRepository;
  reviews: ReviewRepository;
  annotations: AnnotationRepository;
  batches: BatchRepository;
  sync: SyncStateRepository;
  quarantine: QuarantineRepository;
  audit: AuditRepository;
  peaks: PeaksRepository;
  alignments: AlignmentRepository;
  settings: SettingsRepository;
  analytics: AnalyticsRepository;
  notifications: AlertNotificationRepository;
  sessions: SessionRepository;
  close(): void;
}

/** Opens the index at `file`; `dataset` ("config" or "demo:<calls>") keeps demo and real calls apart. */
export function openStore(file: string, dataset?: string): Store {
  const db = openDatabase(file);
  try {
    if (dataset) claimDataset(db, dataset, file);
  } catch (err) {
    db.close();
    throw err;
  }
  return storeOn(db);
}

export function storeOn(db: Db): Store {
  const calls = new CallRepository(db);
  const settings = new SettingsRepository(db);
  // An index whose search tokens older code wrote is brought up to date once (whole-number tokens).
  if (settings.get("search_tokens") !== SEARCH_TOKENS_VERSION) {
    const started = Date.now();
    const n = calls.reindexSearch();
    settings.set("search_tokens", SEARCH_TOKENS_VERSION);
    if (n) log.info("search index rebuilt", { calls: n, ms: Date.now() - started });
  }
  return {
    calls,
    reviews: new ReviewRepository(db),
    annotations: new AnnotationRepository(db),
    batches: new BatchRepository(db),
    sync: new SyncStateRepository(db),
    quarantine: new QuarantineRepository(db),
    audit: new AuditRepository(db),
    peaks: new PeaksRepository(db),
    alignments: new AlignmentRepository(db),
    settings,
    analytics: new AnalyticsRepository(db),
    notifications: new AlertNotificationRepository(db),
    sessions: new SessionRepository(db),
    close: () => db.close(),
  };
}
