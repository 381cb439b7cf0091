import "server-only";
import { createHash } from "node:crypto";
import type { RecordProblem } from "@/lib/vendors/types";
import type { Sql } from "./sql/executor";

export interface QuarantinedRecord {
  id: number;
  sourceId: string;
  taskId: string;
  vendorCallId: string | null;
  reason: string;
  raw: string;
  firstSeenAt: string;
  lastSeenAt: string;
  seenCount: number;
  resolvedAt: string | null;
}

type Row = Record<string, unknown>;

/**
 * Vendor records that failed validation, kept raw with the reason. Nothing is lost: a record seen
 * again is counted, not duplicated, and when a newer version of the code can read it, it is
 * reprocessed into the index and marked resolved.
 */
export interface QuarantineRepository {
  add(sourceId: string, problems: RecordProblem[], at?: string): Promise<void>;
  open(sourceId?: string, limit?: number, afterId?: number): Promise<QuarantinedRecord[]>;
  openCounts(): Promise<Map<string, number>>;
  resolve(id: number, at?: string): Promise<void>;
  updateReason(id: number, reason: string): Promise<void>;
}

export function quarantineRepository(sql: Sql): QuarantineRepository {
  return {
    add(sourceId, problems, at = new Date().toISOString()) {
      return sql.tx(async (tx) => {
        for (const problem of problems) {
          const hash = createHash("sha1")
            .update(problem.taskId)
            .update("\u0000")
            .update(problem.raw)
            .digest("hex");
          await tx.run(
            `INSERT INTO quarantine (source_id, task_id, vendor_call_id, reason, raw, raw_hash, first_seen_at, last_seen_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (source_id, raw_hash) DO UPDATE SET last_seen_at = excluded.last_seen_at,
               seen_count = quarantine.seen_count + 1, reason = excluded.reason`,
            [
              sourceId,
              problem.taskId,
              problem.vendorCallId,
              problem.reason.slice(0, 1000),
              problem.raw,
              hash,
              at,
              at,
            ],
          );
        }
      });
    },

    /** Open records, newest first; `afterId` continues below that id (a page at a time). */
    async open(sourceId, limit = 200, afterId) {
      const clauses = ["resolved_at IS NULL"];
      const params: unknown[] = [];
      if (sourceId) {
        clauses.push("source_id = ?");
        params.push(sourceId);
      }
      if (afterId !== undefined) {
        clauses.push("id < ?");
        params.push(afterId);
      }
      const rows = await sql.all(
        `SELECT * FROM quarantine WHERE ${clauses.join(" AND ")} ORDER BY id DESC LIMIT ?`,
        [...params, limit],
      );
      return rows.map(toRecord);
    },

    async openCounts() {
      const rows = await sql.all(
        "SELECT source_id, COUNT(*) AS n FROM quarantine WHERE resolved_at IS NULL GROUP BY source_id",
      );
      return new Map(rows.map((row) => [row.source_id as string, row.n as number]));
    },

    async resolve(id, at = new Date().toISOString()) {
      await sql.run("UPDATE quarantine SET resolved_at = ? WHERE id = ?", [at, id]);
    },

    async updateReason(id, reason) {
      await sql.run("UPDATE quarantine SET reason = ? WHERE id = ?", [reason.slice(0, 1000), id]);
    },
  };
}

function toRecord(row: Row): QuarantinedRecord {
  return {
    id: Number(row.id),
    sourceId: row.source_id as string,
    taskId: row.task_id as string,
    vendorCallId: (row.vendor_call_id as string | null) ?? null,
    reason: row.reason as string,
    raw: row.raw as string,
    firstSeenAt: row.first_seen_at as string,
    lastSeenAt: row.last_seen_at as string,
    seenCount: row.seen_count as number,
    resolvedAt: (row.resolved_at as string | null) ?? null,
  };
}
