import "server-only";
import type { Sql } from "./sql/executor";

/** One throttle record: failures counted since `first` (epoch ms), and until when its key waits. */
export interface AttemptRecord {
  failures: number;
  first: number;
  lockedUntil: number;
}

/** What a step wants stored: a record per key (null: forget the key). */
export type AttemptWrites = Map<string, AttemptRecord | null>;

/** The namespace of the advisory locks taken here (PostgreSQL), apart from other users of hashtext locks. */
const LOCK_SPACE = 7_316_002;

/**
 * The sign-in throttle's records, kept in the index so that every instance sharing it counts the
 * same attempts. The policy is the caller's (lib/auth/login-throttle.ts); this holds the records
 * and runs each step of it atomically.
 */
export interface LoginAttemptRepository {
  /**
   * Reads the records of `keys`, hands them to `step` and stores what it returns, as one step that
   * no other step on any of the same keys interleaves with — in this instance or another sharing
   * the index. `step` is synchronous: it decides, it does not wait.
   */
  update<T>(
    keys: readonly string[],
    step: (records: Map<string, AttemptRecord>) => { result: T; writes: AttemptWrites },
  ): Promise<T>;
  /** Forgets records that hold nothing any more: window begun before `staleBefore`, no lock at `now`. */
  prune(staleBefore: number, now: number): Promise<number>;
  /** Keeps the `keep` records whose windows began last, forgetting older ones (a bound, not a policy). */
  trim(keep: number): Promise<number>;
  /** How many records are kept. */
  count(): Promise<number>;
}

export function loginAttemptRepository(sql: Sql): LoginAttemptRepository {
  return {
    update(keys, step) {
      const sorted = [...new Set(keys)].sort();
      return sql.tx(async (tx) => {
        // SQLite's transaction holds the database's write lock from its start (BEGIN IMMEDIATE), in
        // every process. PostgreSQL locks the keys themselves, in one order, so two steps that share
        // a key (every attempt from a client shares its "ip:" key) run one after the other and the
        // second reads what the first wrote; no row need exist yet to be locked.
        if (tx.dialect.name === "postgres")
          await tx.all(
            // The key names the schema: advisory locks are the database's (see write-postgres.ts).
            "SELECT pg_advisory_xact_lock(?, hashtext(current_schema() || ':' || k)) FROM unnest(?::text[]) AS k ORDER BY k",
            [LOCK_SPACE, sorted],
          );
        const rows = await tx.all<{
          key: string;
          failures: number;
          first_at: number;
          locked_until: number;
        }>(
          `SELECT key, failures, first_at, locked_until FROM login_attempts WHERE key IN (${sorted
            .map(() => "?")
            .join(",")})`,
          sorted,
        );
        const records = new Map(
          rows.map((row) => [
            row.key,
            {
              failures: Number(row.failures),
              first: Number(row.first_at),
              lockedUntil: Number(row.locked_until),
            },
          ]),
        );
        const { result, writes } = step(records);
        for (const [key, record] of writes) {
          if (record === null) await tx.runAside("DELETE FROM login_attempts WHERE key = ?", [key]);
          else
            await tx.runAside(
              `INSERT INTO login_attempts (key, failures, first_at, locked_until) VALUES (?, ?, ?, ?)
               ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, first_at = excluded.first_at,
                 locked_until = excluded.locked_until`,
              [key, record.failures, record.first, record.lockedUntil],
            );
        }
        return result;
      });
    },

    async prune(staleBefore, now) {
      return (
        await sql.runAside("DELETE FROM login_attempts WHERE first_at < ? AND locked_until <= ?", [
          staleBefore,
          now,
        ])
      ).changes;
    },

    async trim(keep) {
      return (
        await sql.runAside(
          `DELETE FROM login_attempts
            WHERE first_at < (SELECT first_at FROM login_attempts ORDER BY first_at DESC LIMIT 1 OFFSET ?)`,
          [keep],
        )
      ).changes;
    },

    async count() {
      return (await sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM login_attempts"))!.n;
    },
  };
}
