import "server-only";
import type { Sql } from "./sql/executor";

/** A source's sync lease: who holds it, its fencing token, until when (epoch ms). */
export interface Lease {
  sourceId: string;
  holder: string;
  token: number;
  expiresAt: number;
}

/**
 * One instance syncs a source at a time. A lease is taken when free or run out, and renewed while
 * the run goes on; each taking raises the token, so a run that lost its lease (it stalled past the
 * expiry and another instance took over) is told so on its next renewal or checkpoint, and stops.
 * A lease that ran out while its holder stalled, but that nobody has taken since (the token is
 * unchanged), is still the holder's: renewing it carries on, rather than interrupting a run that
 * no other instance wants to take over.
 */
export interface LeaseRepository {
  /** Takes the source's lease for `holder` until `now + ttlMs`: its token, or null when another holds it. */
  acquire(sourceId: string, holder: string, ttlMs: number, now?: number): Promise<number | null>;
  /** Extends the lease taken with `token`, even if it ran out meanwhile; false when another took it since. */
  renew(sourceId: string, token: number, ttlMs: number, now?: number): Promise<boolean>;
  release(sourceId: string, token: number): Promise<void>;
  /** The lease as it stands (it may have run out). */
  get(sourceId: string): Promise<Lease | null>;
  /**
   * Lets every lease go: for an index only one process uses (SQLite), whose leases at start-up can
   * only be a dead process's, which must not keep this one from resuming its runs.
   */
  expireAll(): Promise<void>;
  /** Whether `token` is still the source's current, unexpired lease. */
  holds(sourceId: string, token: number, now?: number): Promise<boolean>;
  /** Lets every lease go (tokens kept, so a run still holding one finds it lost). */
  releaseAll(): Promise<void>;
}

export function leaseRepository(sql: Sql): LeaseRepository {
  return {
    async acquire(sourceId, holder, ttlMs, now = Date.now()) {
      const row = await sql.get<{ token: number }>(
        `INSERT INTO sync_leases (source_id, holder, token, expires_at) VALUES (?, ?, 1, ?)
         ON CONFLICT (source_id) DO UPDATE SET holder = excluded.holder, token = sync_leases.token + 1,
           expires_at = excluded.expires_at
         WHERE sync_leases.expires_at <= ?
         RETURNING token`,
        [sourceId, holder, now + ttlMs, now],
      );
      return row ? Number(row.token) : null;
    },

    async renew(sourceId, token, ttlMs, now = Date.now()) {
      // The token alone decides: taking the lease raises it, so an unchanged token means nobody did.
      // (A released lease — expires_at 0 — is not renewed: its run has ended.)
      const result = await sql.run(
        "UPDATE sync_leases SET expires_at = ? WHERE source_id = ? AND token = ? AND expires_at > 0",
        [now + ttlMs, sourceId, token],
      );
      return result.changes > 0;
    },

    async expireAll() {
      await sql.run("UPDATE sync_leases SET expires_at = 0 WHERE expires_at > 0");
    },

    async release(sourceId, token) {
      await sql.run("UPDATE sync_leases SET expires_at = 0 WHERE source_id = ? AND token = ?", [
        sourceId,
        token,
      ]);
    },

    async get(sourceId) {
      const row = await sql.get("SELECT * FROM sync_leases WHERE source_id = ?", [sourceId]);
      return row
        ? {
            sourceId,
            holder: row.holder as string,
            token: Number(row.token),
            expiresAt: Number(row.expires_at),
          }
        : null;
    },

    async holds(sourceId, token, now = Date.now()) {
      const row = await sql.get(
        "SELECT 1 AS one FROM sync_leases WHERE source_id = ? AND token = ? AND expires_at > ?",
        [sourceId, token, now],
      );
      return Boolean(row);
    },

    async releaseAll() {
      await sql.run("UPDATE sync_leases SET expires_at = 0");
    },
  };
}
