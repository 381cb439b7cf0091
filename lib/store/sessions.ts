import "server-only";
import type { Sql } from "./sql/executor";

export interface SessionRow {
  id: string;
  username: string;
  pw: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  ip: string | null;
  userAgent: string | null;
  endedAt: number | null;
  endedReason: string | null;
}

export type EndReason = "logout" | "idle" | "expired" | "password_changed" | "user_removed" | "admin";

type Row = Record<string, unknown>;

/**
 * The columns toRow reads, named: a prepared lookup of `*` would fail ("cached plan must not change
 * result type") once a newer instance's migration added a column.
 */
const COLUMNS =
  "id, username, pw, created_at, last_seen_at, expires_at, ip, user_agent, ended_at, ended_reason";

function toRow(row: Row): SessionRow {
  return {
    id: row.id as string,
    username: row.username as string,
    pw: row.pw as string,
    createdAt: row.created_at as number,
    lastSeenAt: row.last_seen_at as number,
    expiresAt: row.expires_at as number,
    ip: (row.ip as string | null) ?? null,
    userAgent: (row.user_agent as string | null) ?? null,
    endedAt: (row.ended_at as number | null) ?? null,
    endedReason: (row.ended_reason as string | null) ?? null,
  };
}

/**
 * Sign-in sessions, kept in the index so that ending one takes effect at once, everywhere (and in
 * every instance that shares the index). Ended sessions stay a while for the record, then go.
 */
export interface SessionRepository {
  create(input: {
    id: string;
    tokenHash: string;
    username: string;
    pw: string;
    now: number;
    expiresAt: number;
    ip: string | null;
    userAgent: string | null;
  }): Promise<void>;
  byToken(tokenHash: string): Promise<SessionRow | null>;
  touch(id: string, now: number): Promise<void>;
  /** Ends one session; false when it was not open. */
  end(id: string, reason: EndReason, now?: number): Promise<boolean>;
  /** Ends every open session of a user; how many. */
  endAllOf(username: string, reason: EndReason, now?: number): Promise<number>;
  /** Open sessions (not ended; some may have run out and be ended on their next use), newest first. */
  listOpen(username?: string): Promise<SessionRow[]>;
  /** Forgets sessions that ended (or ran out) before `before`. */
  purge(before: number): Promise<number>;
}

export function sessionRepository(sql: Sql): SessionRepository {
  return {
    async create(input) {
      await sql.runAside(
        `INSERT INTO sessions (id, token_hash, username, pw, created_at, last_seen_at, expires_at, ip, user_agent)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          input.id,
          input.tokenHash,
          input.username,
          input.pw,
          input.now,
          input.now,
          input.expiresAt,
          input.ip,
          input.userAgent?.slice(0, 300) ?? null,
        ],
      );
    },

    async byToken(tokenHash) {
      const row = await sql.get(`SELECT ${COLUMNS} FROM sessions WHERE token_hash = ?`, [tokenHash], {
        generic: true,
      });
      return row ? toRow(row) : null;
    },

    async touch(id, now) {
      await sql.runAside("UPDATE sessions SET last_seen_at = ? WHERE id = ? AND ended_at IS NULL", [now, id]);
    },

    async end(id, reason, now = Date.now()) {
      const result = await sql.runAside(
        "UPDATE sessions SET ended_at = ?, ended_reason = ? WHERE id = ? AND ended_at IS NULL",
        [now, reason, id],
      );
      return result.changes > 0;
    },

    async endAllOf(username, reason, now = Date.now()) {
      const result = await sql.runAside(
        "UPDATE sessions SET ended_at = ?, ended_reason = ? WHERE username = ? AND ended_at IS NULL",
        [now, reason, username],
      );
      return result.changes;
    },

    async listOpen(username) {
      const rows = username
        ? await sql.all(
            `SELECT ${COLUMNS} FROM sessions WHERE ended_at IS NULL AND username = ? ORDER BY created_at DESC LIMIT 1000`,
            [username],
          )
        : await sql.all(
            `SELECT ${COLUMNS} FROM sessions WHERE ended_at IS NULL ORDER BY created_at DESC LIMIT 1000`,
          );
      return rows.map(toRow);
    },

    async purge(before) {
      return (await sql.runAside("DELETE FROM sessions WHERE COALESCE(ended_at, expires_at) < ?", [before]))
        .changes;
    },
  };
}
