import "server-only";
import { randomBytes } from "node:crypto";
import type { CallQuery } from "@/lib/calls/query";
import type { Intent, ReviewBatch, ReviewBatchCall, ReviewStatus, StratifyBy } from "@/lib/model";
import { drawSample, type Candidate } from "@/lib/review/sampling";
import type { Db } from "./database";
import { filterSql, pageSql } from "./list-query";

export interface NewBatch {
  name: string;
  /** The normalized query string, as stored and shown. */
  queryString: string;
  query: CallQuery;
  size: number;
  share: number | null;
  stratify: StratifyBy | null;
  seed: number;
}

export interface BatchDetail extends ReviewBatch {
  callIds: string[];
  calls: ReviewBatchCall[];
  byReviewer: { by: string; done: number }[];
}

type Row = Record<string, unknown>;

/** A call counts as done once its review status is anything but unreviewed (CONTRACT.md §3). */
const DONE = "(r.status IS NOT NULL AND r.status <> 'unreviewed')";

/**
 * Review batches: a sample of a query's calls, drawn once and kept in working order with how it was
 * drawn (query, size, stratification, seed). Progress is read from the reviews, never stored, so a
 * call reviewed from the list or another batch counts here too.
 */
export class BatchRepository {
  constructor(private readonly db: Db) {}

  /** Every call the query matches, in the list's order, with the groups a stratified draw uses. */
  candidates(query: CallQuery, timeZone: string, stratify: StratifyBy | null): Candidate[] {
    const filters = filterSql(query, timeZone);
    const page = pageSql({ ...query, cursor: null });
    const rows = this.db
      .prepare(
        `SELECT c.id, c.effective_intent AS intent, c.source_id AS source FROM calls c INDEXED BY ${page.index}
          WHERE ${filters.where} ORDER BY ${page.order}`,
      )
      .all(...filters.params) as Row[];
    return rows.map((row) => ({
      id: row.id as string,
      group: stratify === "source" ? (row.source as string) : ((row.intent as string | null) ?? "none"),
    }));
  }

  /** Draws the sample and records the batch, in one transaction (the sample is of one moment of the index). */
  create(input: NewBatch, timeZone: string, by: string, at = new Date().toISOString()): BatchDetail {
    const id = randomBytes(6).toString("base64url");
    this.db.transaction(() => {
      const candidates = this.candidates(input.query, timeZone, input.stratify);
      const size =
        input.share !== null ? Math.max(1, Math.round((candidates.length * input.share) / 100)) : input.size;
      const ids = drawSample(candidates, size, input.seed, input.stratify !== null);
      this.db
        .prepare(
          `INSERT INTO review_batches (id, name, query, size, share, stratify, seed, matched, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.name,
          input.queryString,
          size,
          input.share,
          input.stratify,
          input.seed,
          candidates.length,
          by,
          at,
        );
      const insert = this.db.prepare(
        "INSERT INTO review_batch_calls (batch_id, position, call_id) VALUES (?, ?, ?)",
      );
      ids.forEach((callId, position) => insert.run(id, position, callId));
    })();
    return this.get(id)!;
  }

  /** Every batch, newest first, with its progress. */
  list(): ReviewBatch[] {
    return (
      this.db
        .prepare(
          `SELECT b.*, COUNT(bc.call_id) AS total, COALESCE(SUM(CASE WHEN ${DONE} THEN 1 ELSE 0 END), 0) AS done
             FROM review_batches b
             LEFT JOIN review_batch_calls bc ON bc.batch_id = b.id
             LEFT JOIN reviews r ON r.call_id = bc.call_id
            GROUP BY b.id ORDER BY b.created_at DESC, b.rowid DESC`,
        )
        .all() as Row[]
    ).map(toBatch);
  }

  get(id: string): BatchDetail | null {
    const batch = this.db.prepare("SELECT * FROM review_batches WHERE id = ?").get(id) as Row | undefined;
    if (!batch) return null;
    const rows = this.db
      .prepare(
        `SELECT bc.call_id, c.callee, c.source_id, c.started_at, c.effective_intent, r.status, r.updated_by, r.updated_at
           FROM review_batch_calls bc
           LEFT JOIN calls c ON c.id = bc.call_id
           LEFT JOIN reviews r ON r.call_id = bc.call_id
          WHERE bc.batch_id = ? ORDER BY bc.position`,
      )
      .all(id) as Row[];
    const calls: ReviewBatchCall[] = rows.map((row) => ({
      id: row.call_id as string,
      callee: (row.callee as string | null) ?? null,
      sourceId: (row.source_id as string | null) ?? null,
      startedAt: (row.started_at as string | null) ?? null,
      intent: (row.effective_intent as Intent | null) ?? null,
      status: ((row.status as ReviewStatus | null) ?? "unreviewed") as ReviewStatus,
      by: (row.status as string | null) && row.status !== "unreviewed" ? (row.updated_by as string) : null,
      at: (row.status as string | null) && row.status !== "unreviewed" ? (row.updated_at as string) : null,
    }));
    const byReviewer = new Map<string, number>();
    for (const call of calls) if (call.by) byReviewer.set(call.by, (byReviewer.get(call.by) ?? 0) + 1);
    const done = calls.filter((call) => call.status !== "unreviewed").length;
    return {
      ...toBatch({ ...batch, total: calls.length, done }),
      callIds: calls.map((call) => call.id),
      calls,
      byReviewer: [...byReviewer]
        .map(([by, n]) => ({ by, done: n }))
        .sort((a, b) => b.done - a.done || a.by.localeCompare(b.by)),
    };
  }

  /**
   * The first call of the batch still unreviewed (and still in the index), in working order; after
   * `after` when given (wrapping round), so "save and next" moves on even past a call left for later.
   * undefined: no such batch; null: every call is done.
   */
  next(id: string, after: string | null = null): string | null | undefined {
    const exists = this.db.prepare("SELECT 1 FROM review_batches WHERE id = ?").get(id);
    if (!exists) return undefined;
    const rows = this.db
      .prepare(
        `SELECT bc.call_id, ${DONE} AS done, c.id IS NOT NULL AS indexed
           FROM review_batch_calls bc
           LEFT JOIN calls c ON c.id = bc.call_id
           LEFT JOIN reviews r ON r.call_id = bc.call_id
          WHERE bc.batch_id = ? ORDER BY bc.position`,
      )
      .all(id) as Row[];
    const start = after === null ? 0 : rows.findIndex((row) => row.call_id === after) + 1;
    for (let k = 0; k < rows.length; k++) {
      const row = rows[(start + k) % rows.length]!;
      if (!row.done && row.indexed && row.call_id !== after) return row.call_id as string;
    }
    return null;
  }
}

function toBatch(row: Row): ReviewBatch {
  return {
    id: row.id as string,
    name: row.name as string,
    query: row.query as string,
    total: row.total as number,
    done: row.done as number,
    createdBy: row.created_by as string,
    createdAt: row.created_at as string,
    size: row.size as number,
    share: (row.share as number | null) ?? null,
    stratify: (row.stratify as StratifyBy | null) ?? null,
    seed: row.seed as number,
    matched: row.matched as number,
  };
}
