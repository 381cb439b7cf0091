import "server-only";
import type { Intent, Review, ReviewStatus } from "@/lib/model";
import { UNREVIEWED } from "@/lib/model";
import type { Db } from "./database";

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
export class ReviewRepository {
  constructor(private readonly db: Db) {}

  get(callId: string): Review {
    const row = this.db.prepare("SELECT * FROM reviews WHERE call_id = ?").get(callId) as Row | undefined;
    return row ? toReview(row) : UNREVIEWED;
  }

  update(callId: string, change: ReviewChange, by: string, at = new Date().toISOString()): Review {
    return this.db.transaction(() => {
      const before = this.get(callId);
      const next: Review = {
        status: change.status ?? before.status,
        intent: change.intent === undefined ? before.intent : change.intent,
        note: change.note === undefined ? before.note : change.note?.trim() ? change.note.trim() : null,
        by,
        at,
      };
      this.db
        .prepare(
          `INSERT INTO reviews (call_id, status, intent, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (call_id) DO UPDATE SET status = excluded.status, intent = excluded.intent,
             note = excluded.note, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        )
        .run(callId, next.status, next.intent, next.note, by, at);
      this.db
        .prepare(
          `INSERT INTO review_events (call_id, status, intent, note, changed_by, changed_at, previous)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(callId, next.status, next.intent, next.note, by, at, before.by ? JSON.stringify(before) : null);
      this.db
        .prepare("UPDATE calls SET review_status = ?, review_intent = ? WHERE id = ?")
        .run(next.status, next.intent, callId);
      return next;
    })();
  }

  history(callId: string): ReviewEvent[] {
    return (
      this.db.prepare("SELECT * FROM review_events WHERE call_id = ? ORDER BY id DESC").all(callId) as Row[]
    ).map((row) => ({
      status: row.status as ReviewStatus,
      intent: (row.intent as Intent | null) ?? null,
      note: (row.note as string | null) ?? null,
      by: row.changed_by as string,
      at: row.changed_at as string,
      previous: row.previous ? (JSON.parse(row.previous as string) as Review) : null,
    }));
  }
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
