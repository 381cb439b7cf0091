import "server-only";
import { alignmentRepository, type AlignmentRepository } from "./alignments";
import { alertNotificationRepository, type AlertNotificationRepository } from "./alert-notifications";
import { analyticsRepository, type AnalyticsRepository } from "./analytics";
import { annotationRepository, type AnnotationRepository } from "./annotations";
import { auditRepository, type AuditRepository } from "./audit";
import { batchRepository, type BatchRepository } from "./batches";
import { AlertRules, callRepository, type CallRepository } from "./calls";
import { idKeyOf } from "./calls/id-key";
import { upsertPostgres } from "./calls/write-postgres";
import { sqliteCallWriter } from "./calls/write-sqlite";
import { openDatabase } from "./database";
import { describePostgresUrl, openPostgres } from "./database-postgres";
import { claimDataset } from "./dataset-marker";
import { leaseRepository, type LeaseRepository } from "./leases";
import { loginAttemptRepository, type LoginAttemptRepository } from "./login-attempts";
import { numberSearchRepository, type NumberSearchRepository } from "./number-searches";
import { peaksRepository, type PeaksRepository } from "./peaks";
import { quarantineRepository, type QuarantineRepository } from "./quarantine";
import { reviewRepository, type ReviewRepository } from "./reviews";
import { log } from "@/lib/log";
import { SEARCH_TOKENS_VERSION } from "./search-text";
import { sessionRepository, type SessionRepository } from "./sessions";
import { settingsRepository, type SettingsRepository } from "./settings";
import type { Sql } from "./sql/executor";
import { PostgresSql } from "./sql/postgres";
import { SqliteSql } from "./sql/sqlite";
import { SqliteCheckpointer } from "./sql/sqlite-checkpointer";
import { readerCount, SqliteReaders } from "./sql/sqlite-readers";
import { syncStateRepository, type SyncStateRepository } from "./sync-state";

/**
 * The index behind one small interface: async repositories by concern, each a plain interface.
 * Two implementations share the repositories' SQL through `Sql` (sql/executor.ts): SQLite, the
 * embedded default, and PostgreSQL, which several app instances can share.
 */
export interface Store {
  backend: "sqlite" | "postgres";
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
  leases: LeaseRepository;
  /** The sign-in throttle's records (shared by the instances on one index). */
  loginAttempts: LoginAttemptRepository;
  /** Operators' number searches in the current hour (shared by the instances on one index). */
  numberSearches: NumberSearchRepository;
  /** The database itself, for what no repository does (leases, tests). */
  sql: Sql;
  close(): Promise<void>;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}

/**
 * Opens the index at `location`: a `postgres://` / `postgresql://` URL is PostgreSQL, anything else
 * a SQLite file (or ":memory:"); `dataset` ("config" or "demo:<calls>") keeps demo and real calls apart.
 * `schema` (PostgreSQL): work in that schema (tests use a throwaway one per file).
 */
export async function openStore(
  location: string,
  dataset?: string,
  options: { schema?: string } = {},
): Promise<Store> {
  const postgres = isPostgresUrl(location);
  const sql: Sql = postgres ? await openPostgres(location, options) : openSqlite(location);
  try {
    if (dataset) await claimDataset(sql, dataset, postgres ? describePostgresUrl(location) : location);
    return await storeOn(sql);
  } catch (err) {
    await sql.close();
    throw err;
  }
}

/**
 * A SQLite file gets readers and its checkpoints off the event loop (sql/sqlite-readers.ts,
 * sql/sqlite-checkpointer.ts); ":memory:" cannot share its data with them, and no readers (0) means
 * no worker threads at all.
 */
function openSqlite(location: string): SqliteSql {
  const db = openDatabase(location);
  const count = location === ":memory:" ? 0 : readerCount();
  const readers = count ? new SqliteReaders(db.name, count, undefined, new SqliteCheckpointer(db)) : null;
  return new SqliteSql(db, undefined, false, undefined, readers);
}

export async function storeOn(sql: Sql): Promise<Store> {
  const settings = settingsRepository(sql);
  // Read on first write, not at open: a key set in settings before the first call is the one used.
  let idKey: Promise<Buffer> | null = null;
  const key = () => (idKey ??= idKeyOf(settings));
  const alerts = new AlertRules();
  let write: Parameters<typeof callRepository>[1];
  if (sql instanceof SqliteSql) {
    const writer = sqliteCallWriter(sql.db, alerts);
    write = async (inputs, now, alongside) => {
      const k = await key();
      if (!alongside) return sql.exclusive(() => writer.upsert(inputs, now, k));
      // The same synchronous write, in a transaction that holds the write lock across `alongside`.
      return sql.tx(async (tx) => {
        await alongside(tx);
        return writer.upsert(inputs, now, k);
      });
    };
  } else {
    write = async (inputs, now, alongside) =>
      upsertPostgres(sql, await key(), alerts, inputs, now, alongside);
  }
  const calls = callRepository(sql, write, alerts);
  // An index whose search tokens older code wrote is brought up to date once (whole-number tokens).
  if ((await settings.get("search_tokens")) !== SEARCH_TOKENS_VERSION) {
    const started = Date.now();
    const n = await calls.reindexSearch();
    await settings.set("search_tokens", SEARCH_TOKENS_VERSION);
    if (n) log.info("search index rebuilt", { calls: n, ms: Date.now() - started });
  }
  let closing: Promise<void> | null = null;
  return {
    backend: sql instanceof PostgresSql ? "postgres" : "sqlite",
    calls,
    reviews: reviewRepository(sql),
    annotations: annotationRepository(sql),
    batches: batchRepository(sql),
    sync: syncStateRepository(sql),
    quarantine: quarantineRepository(sql),
    audit: auditRepository(sql),
    peaks: peaksRepository(sql),
    alignments: alignmentRepository(sql),
    settings,
    analytics: analyticsRepository(sql),
    notifications: alertNotificationRepository(sql),
    sessions: sessionRepository(sql),
    leases: leaseRepository(sql),
    loginAttempts: loginAttemptRepository(sql),
    numberSearches: numberSearchRepository(sql),
    sql,
    // Once: a runtime closed twice (a test's afterEach, a signal during shutdown) must not end the pool twice.
    close: () => (closing ??= sql.close()),
  };
}
