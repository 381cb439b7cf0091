import "server-only";
import { log } from "@/lib/log";
import { POSTGRES_MIGRATIONS } from "./migrations-postgres";
import { PostgresSql } from "./sql/postgres";

/** The key of the advisory lock migrations run under (any constant; the same in every instance). */
const MIGRATION_LOCK = 7_316_001;

/**
 * Opens the PostgreSQL index: a pool, and every pending migration applied once. Instances started
 * together queue on one advisory lock; the first migrates, the others find nothing left to do.
 */
export async function openPostgres(url: string, options: { schema?: string } = {}): Promise<PostgresSql> {
  const sql = PostgresSql.open(url, options);
  try {
    await migratePostgres(sql);
  } catch (err) {
    await sql.close();
    throw err;
  }
  return sql;
}

export async function migratePostgres(sql: PostgresSql): Promise<void> {
  await sql.session(async (client) => {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
      );
      const done = new Set(
        (await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map(
          (row) => row.version,
        ),
      );
      for (const migration of POSTGRES_MIGRATIONS) {
        if (done.has(migration.version)) continue;
        await client.query("BEGIN");
        try {
          await client.query(migration.sql);
          await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
            migration.version,
            migration.name,
          ]);
          await client.query("COMMIT");
        } catch (err) {
          await client.query("ROLLBACK");
          throw err;
        }
        // Maintenance a transaction cannot hold (VACUUM), once the migration is committed.
        for (const statement of migration.after ?? []) await client.query(statement);
        log.info("database migrated", { version: migration.version, name: migration.name });
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  });
}

/** host:port/db of a URL, for logs: never the user's password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || "localhost"}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return "postgres (unparsable URL)";
  }
}
