import "server-only";
import { AlertNotificationRepository } from "./alert-notifications";
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
  settings: SettingsRepository;
  analytics: AnalyticsRepository;
  notifications: AlertNotificationRepository;
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
  return {
    calls: new CallRepository(db),
    reviews: new ReviewRepository(db),
    annotations: new AnnotationRepository(db),
    batches: new BatchRepository(db),
    sync: new SyncStateRepository(db),
    quarantine: new QuarantineRepository(db),
    audit: new AuditRepository(db),
    peaks: new PeaksRepository(db),
    settings: new SettingsRepository(db),
    analytics: new AnalyticsRepository(db),
    notifications: new AlertNotificationRepository(db),
    close: () => db.close(),
  };
}
