import "server-only";
import { randomBytes } from "node:crypto";
import type { CallQuery } from "@/lib/calls/query";
import type { Intent, ReviewBatch, ReviewBatchCall, ReviewStatus, StratifyBy } from "@/lib/model";
import { drawSample, type Candidate } from "@/lib/review/sampling";
import type { Sql } from "./sql/executor";
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
export interface BatchRepository {
  /**
   * Draws the sample from every call the query matches, then records the batch in one transaction
   * (a call deleted in between drops out of it).
   */
  create(input: NewBatch, timeZone: string, by: string, at?: string): Promise<BatchDetail>;
  /** Every batch, newest first, with its progress. */
  list(): Promise<ReviewBatch[]>;
  get(id: string): Promise<BatchDetail | null>;
  /**
   * The first call of the batch still unreviewed (and still in the index), in working order; after
   * `after` when given (wrapping round), so "save and next" moves on even past a call left for later.
   * undefined: no such batch; null: every call is done.
   */
  next(id: string, after?: string | null): Promise<string | null | undefined>;
}

export function batchRepository(sql: Sql): BatchRepository {
  /**
   * Every call the query matches, in the list's order, by seq (the candidate's id here), with the
   * groups a stratified draw uses: all from the sort's covering index. Reading each match's public
   * id from its row cost a row read per match (167,000 for q=价格 at a million calls).
   */
  const candidates = async (
    query: CallQuery,
    timeZone: string,
    stratify: StratifyBy | null,
  ): Promise<Candidate[]> => {
    const filters = filterSql(query, timeZone, sql.dialect);
    const page = pageSql({ ...query, cursor: null });
    const rows = await sql.all(
      `SELECT c.seq, c.effective_intent AS intent, c.source_id AS source FROM calls c ${sql.dialect.indexedBy(page.index)}
        WHERE ${filters.where} ORDER BY ${page.order}`,
      filters.params,
    );
    return rows.map((row) => ({
      id: String(row.seq),
      group: stratify === "source" ? (row.source as string) : ((row.intent as string | null) ?? "none"),
    }));
  };

  /** The public ids of `seqs`, in that order; a call no longer indexed is left out. */
  const idsOf = async (seqs: string[]): Promise<string[]> => {
    const ids = new Map<string, string>();
    for (let from = 0; from < seqs.length; from += 500) {
      const chunk = seqs.slice(from, from + 500).map(Number);
      const rows = await sql.all<{ seq: number | string; id: string }>(
        `SELECT seq, id FROM calls WHERE seq IN (${chunk.map(() => "?").join(",")})`,
        chunk,
      );
      for (const row of rows) ids.set(String(row.seq), row.id);
    }
    return seqs.flatMap((seq) => ids.get(seq) ?? []);
  };

  const get = async (id: string): Promise<BatchDetail | null> => {
    const batch = await sql.get("SELECT * FROM review_batches WHERE id = ?", [id]);
    if (!batch) return null;
    const rows = await sql.all(
      `SELECT bc.call_id, c.callee, c.source_id, c.started_at, c.effective_intent, r.status, r.updated_by, r.updated_at
         FROM review_batch_calls bc
         LEFT JOIN calls c ON c.id = bc.call_id
         LEFT JOIN reviews r ON r.call_id = bc.call_id
        WHERE bc.batch_id = ? ORDER BY bc.position`,
      [id],
    );
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
  };

  return {
    async create(input, timeZone, by, at = new Date().toISOString()) {
      const id = randomBytes(6).toString("base64url");
      // Drawn before the transaction: on SQLite a read inside one runs on the main connection, and
      // drawing from q=价格's 167,000 matches at a million calls held the event loop for seconds.
      const found = await candidates(input.query, timeZone, input.stratify);
      const size =
        input.share !== null ? Math.max(1, Math.round((found.length * input.share) / 100)) : input.size;
      const ids = await idsOf(drawSample(found, size, input.seed, input.stratify !== null));
      await sql.tx(async (tx) => {
        await tx.run(
          `INSERT INTO review_batches (id, name, query, size, share, stratify, seed, matched, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            id,
            input.name,
            input.queryString,
            size,
            input.share,
            input.stratify,
            input.seed,
            found.length,
            by,
            at,
          ],
        );
        // A few hundred rows at a time: one statement per chunk, not one round trip per call.
        for (let from = 0; from < ids.length; from += 300) {
          const chunk = ids.slice(from, from + 300);
          await tx.run(
            `INSERT INTO review_batch_calls (batch_id, position, call_id) VALUES ${chunk.map(() => "(?, ?, ?)").join(", ")}`,
            chunk.flatMap((callId, k) => [id, from + k, callId]),
          );
        }
      });
      return (await get(id))!;
    },

    async list() {
      const rows = await sql.all(
        `SELECT b.*, COUNT(bc.call_id) AS total, COALESCE(SUM(CASE WHEN ${DONE} THEN 1 ELSE 0 END), 0) AS done
           FROM review_batches b
           LEFT JOIN review_batch_calls bc ON bc.batch_id = b.id
           LEFT JOIN reviews r ON r.call_id = bc.call_id
          GROUP BY b.id ORDER BY b.created_at DESC, ${sql.dialect.batchOrder} DESC`,
      );
      return rows.map(toBatch);
    },

    get,

    async next(id, after = null) {
      const exists = await sql.get("SELECT 1 AS one FROM review_batches WHERE id = ?", [id]);
      if (!exists) return undefined;
      const rows = await sql.all(
        `SELECT bc.call_id, CASE WHEN ${DONE} THEN 1 ELSE 0 END AS done,
                CASE WHEN c.id IS NOT NULL THEN 1 ELSE 0 END AS indexed
           FROM review_batch_calls bc
           LEFT JOIN calls c ON c.id = bc.call_id
           LEFT JOIN reviews r ON r.call_id = bc.call_id
          WHERE bc.batch_id = ? ORDER BY bc.position`,
        [id],
      );
      const start = after === null ? 0 : rows.findIndex((row) => row.call_id === after) + 1;
      for (let k = 0; k < rows.length; k++) {
        const row = rows[(start + k) % rows.length]!;
        if (!row.done && row.indexed && row.call_id !== after) return row.call_id as string;
      }
      return null;
    },
  };
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
