import "server-only";
import type { Db } from "./database";

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
export class SessionRepository {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      insert: db.prepare(
        `INSERT INTO sessions (id, token_hash, username, pw, created_at, last_seen_at, expires_at, ip, user_agent)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      byToken: db.prepare("SELECT * FROM sessions WHERE token_hash = ?"),
      touch: db.prepare("UPDATE sessions SET last_seen_at = ? WHERE id = ? AND ended_at IS NULL"),
      end: db.prepare("UPDATE sessions SET ended_at = ?, ended_reason = ? WHERE id = ? AND ended_at IS NULL"),
      endUser: db.prepare(
        "UPDATE sessions SET ended_at = ?, ended_reason = ? WHERE username = ? AND ended_at IS NULL",
      ),
      open: db.prepare("SELECT * FROM sessions WHERE ended_at IS NULL ORDER BY created_at DESC LIMIT 1000"),
      openOf: db.prepare(
        "SELECT * FROM sessions WHERE ended_at IS NULL AND username = ? ORDER BY created_at DESC LIMIT 1000",
      ),
      purge: db.prepare("DELETE FROM sessions WHERE COALESCE(ended_at, expires_at) < ?"),
    };
  }

  create(input: {
    id: string;
    tokenHash: string;
    username: string;
    pw: string;
    now: number;
    expiresAt: number;
    ip: string | null;
    userAgent: string | null;
  }): void {
    this.statements.insert.run(
      input.id,
      input.tokenHash,
      input.username,
      input.pw,
      input.now,
      input.now,
      input.expiresAt,
      input.ip,
      input.userAgent?.slice(0, 300) ?? null,
    );
  }

  byToken(tokenHash: string): SessionRow | null {
    const row = this.statements.byToken.get(tokenHash) as Row | undefined;
    return row ? toRow(row) : null;
  }

  touch(id: string, now: number): void {
    this.statements.touch.run(now, id);
  }

  /** Ends one session; false when it was not open. */
  end(id: string, reason: EndReason, now = Date.now()): boolean {
    return this.statements.end.run(now, reason, id).changes > 0;
  }

  /** Ends every open session of a user; how many. */
  endAllOf(username: string, reason: EndReason, now = Date.now()): number {
    return this.statements.endUser.run(now, reason, username).changes;
  }

  /** Open sessions (not ended; some may have run out and be ended on their next use), newest first. */
  listOpen(username?: string): SessionRow[] {
    const rows = (username ? this.statements.openOf.all(username) : this.statements.open.all()) as Row[];
    return rows.map(toRow);
  }

  /** Forgets sessions that ended (or ran out) before `before`. */
  purge(before: number): number {
    return this.statements.purge.run(before).changes;
  }
}
