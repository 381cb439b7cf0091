import "server-only";
import type { Intent, Review, ReviewStatus } from "@/lib/model";
import { UNREVIEWED } from "@/lib/model";
import type { Sql } from "./sql/executor";

export interface ReviewChange {
  status?: ReviewStatus;
  /** null clears a correction. */
  intent?: Intent | null;
  note?: string | null;
}

export interface ReviewEvent {
  status: ReviewStatus;
  intent: Intent | null;
  note: string | null;
  by: string;
  at: string;
  previous: Review | null;
}

type Row = Record<string, unknown>;

/**
 * Reviews are keyed by the public call id (derived, so they survive an index rebuild) and every
 * change is appended to a history. The calls table mirrors status and intent for fast filtering;
 * both are written in one transaction here, and only here.
 */
export interface ReviewRepository {
  get(callId: string): Promise<Review>;
  update(callId: string, change: ReviewChange, by: string, at?: string): Promise<Review>;
  history(callId: string): Promise<ReviewEvent[]>;
}

export function reviewRepository(sql: Sql): ReviewRepository {
  const get = async (db: Sql, callId: string) => {
    const row = await db.get("SELECT * FROM reviews WHERE call_id = ?", [callId]);
    return row ? toReview(row) : UNREVIEWED;
  };
  return {
    get: (callId) => get(sql, callId),

    update(callId, change, by, at = new Date().toISOString()) {
      return sql.tx(async (tx) => {
        // Two reviewers saving one call at once (on two instances): the second builds on the first's
        // change instead of overwriting it. SQLite's transactions are serial already.
        if (tx.dialect.name === "postgres")
          await tx.get("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':review:' || ?))", [
            callId,
          ]);
        const before = await get(tx, callId);
        const next: Review = {
          status: change.status ?? before.status,
          intent: change.intent === undefined ? before.intent : change.intent,
          note: change.note === undefined ? before.note : change.note?.trim() ? change.note.trim() : null,
          by,
          at,
        };
        await tx.run(
          `INSERT INTO reviews (call_id, status, intent, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (call_id) DO UPDATE SET status = excluded.status, intent = excluded.intent,
             note = excluded.note, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
          [callId, next.status, next.intent, next.note, by, at],
        );
        await tx.run(
          `INSERT INTO review_events (call_id, status, intent, note, changed_by, changed_at, previous)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [callId, next.status, next.intent, next.note, by, at, before.by ? JSON.stringify(before) : null],
        );
        // revision: an instance's cached detail of the call is no longer current (DetailService).
        await tx.run(
          "UPDATE calls SET review_status = ?, review_intent = ?, revision = revision + 1 WHERE id = ?",
          [next.status, next.intent, callId],
        );
        return next;
      });
    },

    async history(callId) {
      const rows = await sql.all("SELECT * FROM review_events WHERE call_id = ? ORDER BY id DESC", [callId]);
      return rows.map((row) => ({
        status: row.status as ReviewStatus,
        intent: (row.intent as Intent | null) ?? null,
        note: (row.note as string | null) ?? null,
        by: row.changed_by as string,
        at: row.changed_at as string,
        previous: row.previous ? (JSON.parse(row.previous as string) as Review) : null,
      }));
    },
  };
}

function toReview(row: Row): Review {
  return {
    status: row.status as ReviewStatus,
    intent: (row.intent as Intent | null) ?? null,
    note: (row.note as string | null) ?? null,
    by: (row.updated_by as string | null) ?? null,
    at: (row.updated_at as string | null) ?? null,
  };
}
