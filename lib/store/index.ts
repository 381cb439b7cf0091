import "server-only";
import { AuditRepository } from "./audit";
import { CallRepository } from "./calls";
import { openDatabase, type Db } from "./database";
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
  sync: SyncStateRepository;
  quarantine: QuarantineRepository;
  audit: AuditRepository;
  peaks: PeaksRepository;
  settings: SettingsRepository;
  close(): void;
}

export function openStore(file: string): Store {
  return storeOn(openDatabase(file));
}

export function storeOn(db: Db): Store {
  return {
    calls: new CallRepository(db),
    reviews: new ReviewRepository(db),
    sync: new SyncStateRepository(db),
    quarantine: new QuarantineRepository(db),
    audit: new AuditRepository(db),
    peaks: new PeaksRepository(db),
    settings: new SettingsRepository(db),
    close: () => db.close(),
  };
}
