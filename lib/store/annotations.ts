import "server-only";
import type { Annotation, AnnotationLabel } from "@/lib/model";
import { ANNOTATION_LABELS } from "@/lib/vocabulary";
import type { Sql } from "./sql/executor";

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
export interface AnnotationRepository {
  /** The call's live annotations, in the order they were made. */
  list(callId: string): Promise<Annotation[]>;
  add(callId: string, input: NewAnnotation, by: string, at?: string): Promise<Annotation>;
  /** A live annotation of that call, or null (unknown, deleted, or another call's). */
  get(callId: string, id: string): Promise<StoredAnnotation | null>;
  /** Marks it deleted (the row stays, with who and when). */
  remove(id: string, by: string, at?: string): Promise<void>;
  /** Live annotations per label for each of `callIds` (the CSV export's columns). */
  countsFor(callIds: readonly string[]): Promise<Map<string, LabelCounts>>;
}

export function annotationRepository(sql: Sql): AnnotationRepository {
  return {
    async list(callId) {
      const rows = await sql.all(
        "SELECT * FROM annotations WHERE call_id = ? AND deleted_at IS NULL ORDER BY id",
        [callId],
      );
      return rows.map((row) => toAnnotation(row));
    },

    async add(callId, input, by, at = new Date().toISOString()) {
      const note = input.note?.trim() ? input.note.trim() : null;
      const id = await sql.insertId(
        `INSERT INTO annotations (call_id, at_ms, utterance, label, note, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [callId, input.atMs, input.utterance, input.label, note, by, at],
      );
      return toAnnotation((await sql.get("SELECT * FROM annotations WHERE id = ?", [id]))!);
    },

    async get(callId, id) {
      if (!/^\d{1,15}$/.test(id)) return null;
      const row = await sql.get(
        "SELECT * FROM annotations WHERE id = ? AND call_id = ? AND deleted_at IS NULL",
        [Number(id), callId],
      );
      return row ? toStored(row) : null;
    },

    async remove(id, by, at = new Date().toISOString()) {
      await sql.run(
        "UPDATE annotations SET deleted_by = ?, deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
        [by, at, Number(id)],
      );
    },

    async countsFor(callIds) {
      const counts = new Map<string, LabelCounts>();
      if (callIds.length === 0) return counts;
      const rows = await sql.all(
        `SELECT call_id, label, COUNT(*) AS n FROM annotations
          WHERE deleted_at IS NULL AND call_id IN (${callIds.map(() => "?").join(",")})
          GROUP BY call_id, label`,
        callIds,
      );
      for (const row of rows) {
        const id = row.call_id as string;
        const entry = counts.get(id) ?? emptyCounts();
        entry[row.label as AnnotationLabel] = row.n as number;
        counts.set(id, entry);
      }
      return counts;
    },
  };
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
