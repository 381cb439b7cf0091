import "server-only";
import { createHash } from "node:crypto";
import type { RecordProblem } from "@/lib/vendors/types";
import type { Db } from "./database";

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
export class QuarantineRepository {
  constructor(private readonly db: Db) {}

  add(sourceId: string, problems: RecordProblem[], at = new Date().toISOString()): void {
    const insert = this.db.prepare(
      `INSERT INTO quarantine (source_id, task_id, vendor_call_id, reason, raw, raw_hash, first_seen_at, last_seen_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (source_id, raw_hash) DO UPDATE SET last_seen_at = excluded.last_seen_at,
         seen_count = seen_count + 1, reason = excluded.reason`,
    );
    this.db.transaction(() => {
      for (const problem of problems) {
        const hash = createHash("sha1")
          .update(problem.taskId)
          .update("\u0000")
          .update(problem.raw)
          .digest("hex");
        insert.run(
          sourceId,
          problem.taskId,
          problem.vendorCallId,
          problem.reason.slice(0, 1000),
          problem.raw,
          hash,
          at,
          at,
        );
      }
    })();
  }

  open(sourceId?: string, limit = 200): QuarantinedRecord[] {
    const rows = sourceId
      ? this.db
          .prepare(
            "SELECT * FROM quarantine WHERE resolved_at IS NULL AND source_id = ? ORDER BY id DESC LIMIT ?",
          )
          .all(sourceId, limit)
      : this.db
          .prepare("SELECT * FROM quarantine WHERE resolved_at IS NULL ORDER BY id DESC LIMIT ?")
          .all(limit);
    return (rows as Row[]).map(toRecord);
  }

  openCounts(): Map<string, number> {
    const rows = this.db
      .prepare("SELECT source_id, COUNT(*) AS n FROM quarantine WHERE resolved_at IS NULL GROUP BY source_id")
      .all() as Row[];
    return new Map(rows.map((row) => [row.source_id as string, row.n as number]));
  }

  resolve(id: number, at = new Date().toISOString()): void {
    this.db.prepare("UPDATE quarantine SET resolved_at = ? WHERE id = ?").run(at, id);
  }

  updateReason(id: number, reason: string): void {
    this.db.prepare("UPDATE quarantine SET reason = ? WHERE id = ?").run(reason.slice(0, 1000), id);
  }
}

function toRecord(row: Row): QuarantinedRecord {
  return {
    id: row.id as number,
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
