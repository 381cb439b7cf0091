import "server-only";
import type { Db } from "./database";

export interface AuditEntry {
  id: number;
  at: string;
  username: string | null;
  role: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: Record<string, unknown> | null;
}

export type AuditInput = Omit<AuditEntry, "id" | "at"> & { at?: string };

type Row = Record<string, unknown>;

/** Who did what, when, from where: append-only. */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  append(entry: AuditInput): void {
    this.db
      .prepare(
        "INSERT INTO audit (at, username, role, action, target, ip, user_agent, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(
        entry.at ?? new Date().toISOString(),
        entry.username,
        entry.role,
        entry.action,
        entry.target,
        entry.ip,
        entry.userAgent?.slice(0, 300) ?? null,
        entry.detail ? JSON.stringify(entry.detail) : null,
      );
  }

  list(options: { limit?: number; before?: number; action?: string; username?: string } = {}): AuditEntry[] {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (options.before) {
      clauses.push("id < ?");
      params.push(options.before);
    }
    if (options.action) {
      clauses.push("action = ?");
      params.push(options.action);
    }
    if (options.username) {
      clauses.push("username = ?");
      params.push(options.username);
    }
    const where = clauses.length ? `WHERE ${clauses.join(" AND ")}` : "";
    return (
      this.db
        .prepare(`SELECT * FROM audit ${where} ORDER BY id DESC LIMIT ?`)
        .all(...params, Math.min(options.limit ?? 100, 500)) as Row[]
    ).map((row) => ({
      id: row.id as number,
      at: row.at as string,
      username: (row.username as string | null) ?? null,
      role: (row.role as string | null) ?? null,
      action: row.action as string,
      target: (row.target as string | null) ?? null,
      ip: (row.ip as string | null) ?? null,
      userAgent: (row.user_agent as string | null) ?? null,
      detail: row.detail ? (JSON.parse(row.detail as string) as Record<string, unknown>) : null,
    }));
  }
}
