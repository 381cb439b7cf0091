import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { log } from "@/lib/log";
import { MIGRATIONS } from "./migrations";

export type { Db } from "./sql/sqlite";
type Db = Database.Database;

/**
 * Opens (creating on first run) the SQLite index: WAL so readers never wait for the sync writer,
 * NORMAL sync (durable at checkpoints, safe in WAL), foreign keys on, and every pending migration.
 */
export function openDatabase(file: string): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  db.pragma("cache_size = -65536"); // 64 MB page cache: the list indexes of 100k calls stay hot
  db.pragma("temp_store = MEMORY");
  migrate(db);
  // Calls, transcripts and sessions: readable by this server's user only (files created 0600).
  if (file !== ":memory:") for (const part of ["", "-wal", "-shm"]) privateFile(`${file}${part}`);
  return db;
}

function privateFile(file: string): void {
  try {
    const stat = fs.statSync(file);
    if ((stat.mode & 0o077) !== 0 && (process.getuid === undefined || stat.uid === process.getuid()))
      fs.chmodSync(file, 0o600);
  } catch {
    // not there: nothing to do
  }
}

export function migrate(db: Db): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      migration.backfill?.(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    log.info("database migrated", { version: migration.version, name: migration.name });
  }
}
