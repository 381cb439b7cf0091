import "server-only";
import type { Annotation, AnnotationLabel } from "@/lib/model";
import { ANNOTATION_LABELS } from "@/lib/vocabulary";
import type { Db } from "./database";

export interface NewAnnotation {
  atMs: number | null;
  utterance: number | null;
  label: AnnotationLabel;
  note: string | null;
}

/** An annotation as stored, with its deletion (kept: nothing a reviewer wrote is ever lost). */
export interface StoredAnnotation extends Annotation {
  callId: string;
  deletedBy: string | null;
  deletedAt: string | null;
}

export type LabelCounts = Record<AnnotationLabel, number>;

type Row = Record<string, unknown>;

/** Marks on a call's lines and moments, keyed by the public call id (they survive an index rebuild). */
export class AnnotationRepository {
  constructor(private readonly db: Db) {}

  /** The call's live annotations, in the order they were made. */
  list(callId: string): Annotation[] {
    return (
      this.db
        .prepare("SELECT * FROM annotations WHERE call_id = ? AND deleted_at IS NULL ORDER BY id")
        .all(callId) as Row[]
    ).map((row) => toAnnotation(row));
  }

  add(callId: string, input: NewAnnotation, by: string, at = new Date().toISOString()): Annotation {
    const note = input.note?.trim() ? input.note.trim() : null;
    const id = this.db
      .prepare(
        `INSERT INTO annotations (call_id, at_ms, utterance, label, note, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(callId, input.atMs, input.utterance, input.label, note, by, at).lastInsertRowid;
    return toAnnotation(this.db.prepare("SELECT * FROM annotations WHERE id = ?").get(id) as Row);
  }

  /** A live annotation of that call, or null (unknown, deleted, or another call's). */
  get(callId: string, id: string): StoredAnnotation | null {
    if (!/^\d{1,15}$/.test(id)) return null;
    const row = this.db
      .prepare("SELECT * FROM annotations WHERE id = ? AND call_id = ? AND deleted_at IS NULL")
      .get(Number(id), callId) as Row | undefined;
    return row ? toStored(row) : null;
  }

  /** Marks it deleted (the row stays, with who and when). */
  remove(id: string, by: string, at = new Date().toISOString()): void {
    this.db
      .prepare("UPDATE annotations SET deleted_by = ?, deleted_at = ? WHERE id = ? AND deleted_at IS NULL")
      .run(by, at, Number(id));
  }

  /** Live annotations per label for each of `callIds` (the CSV export's columns). */
  countsFor(callIds: readonly string[]): Map<string, LabelCounts> {
    const counts = new Map<string, LabelCounts>();
    if (callIds.length === 0) return counts;
    const rows = this.db
      .prepare(
        `SELECT call_id, label, COUNT(*) AS n FROM annotations
          WHERE deleted_at IS NULL AND call_id IN (${callIds.map(() => "?").join(",")})
          GROUP BY call_id, label`,
      )
      .all(...callIds) as Row[];
    for (const row of rows) {
      const id = row.call_id as string;
      const entry = counts.get(id) ?? emptyCounts();
      entry[row.label as AnnotationLabel] = row.n as number;
      counts.set(id, entry);
    }
    return counts;
  }
}

export function emptyCounts(): LabelCounts {
  return Object.fromEntries(ANNOTATION_LABELS.map((label) => [label, 0])) as LabelCounts;
}

function toAnnotation(row: Row): Annotation {
  return {
    id: String(row.id),
    atMs: (row.at_ms as number | null) ?? null,
    utterance: (row.utterance as number | null) ?? null,
    label: row.label as AnnotationLabel,
    note: (row.note as string | null) ?? null,
    by: row.created_by as string,
    at: row.created_at as string,
  };
}

function toStored(row: Row): StoredAnnotation {
  return {
    ...toAnnotation(row),
    callId: row.call_id as string,
    deletedBy: (row.deleted_by as string | null) ?? null,
    deletedAt: (row.deleted_at as string | null) ?? null,
  };
}
