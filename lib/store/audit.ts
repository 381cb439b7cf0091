import "server-only";
import type { Sql } from "./sql/executor";

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

/** Who did what, when, from where: append-only. */
export interface AuditRepository {
  append(entry: AuditInput): Promise<void>;
  list(options?: {
    limit?: number;
    before?: number;
    action?: string;
    username?: string;
  }): Promise<AuditEntry[]>;
}

export function auditRepository(sql: Sql): AuditRepository {
  return {
    async append(entry) {
      await sql.runAside(
        "INSERT INTO audit (at, username, role, action, target, ip, user_agent, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
          entry.at ?? new Date().toISOString(),
          entry.username,
          entry.role,
          entry.action,
          entry.target,
          entry.ip,
          entry.userAgent?.slice(0, 300) ?? null,
          entry.detail ? JSON.stringify(entry.detail) : null,
        ],
      );
    },

    async list(options = {}) {
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
      const rows = await sql.all(`SELECT * FROM audit ${where} ORDER BY id DESC LIMIT ?`, [
        ...params,
        Math.min(options.limit ?? 100, 500),
      ]);
      return rows.map((row) => ({
        id: Number(row.id),
        at: row.at as string,
        username: (row.username as string | null) ?? null,
        role: (row.role as string | null) ?? null,
        action: row.action as string,
        target: (row.target as string | null) ?? null,
        ip: (row.ip as string | null) ?? null,
        userAgent: (row.user_agent as string | null) ?? null,
        detail: row.detail ? (JSON.parse(row.detail as string) as Record<string, unknown>) : null,
      }));
    },
  };
}
