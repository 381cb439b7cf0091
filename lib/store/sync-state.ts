import "server-only";
import type { SyncState } from "@/lib/model";
import type { Sql } from "./sql/executor";

export interface SourceSyncRecord {
  sourceId: string;
  state: SyncState;
  lastSyncedAt: string | null;
  lastError: string | null;
  runId: number | null;
  /** Per-task cursor of the run under way: where to pick up after a crash. */
  checkpoint: Record<string, string | null>;
}

export interface SyncRunRecord {
  id: number;
  sourceId: string;
  reason: string;
  startedAt: string;
  finishedAt: string | null;
  state: "running" | "done" | "error" | "interrupted";
  pages: number;
  calls: number;
  details: number;
  problems: number;
  error: string | null;
}

type Row = Record<string, unknown>;

export interface SyncStateRepository {
  get(sourceId: string): Promise<SourceSyncRecord>;
  save(record: SourceSyncRecord): Promise<void>;
  /**
   * A page is written (run inside its transaction): the run's cursors, where to resume, and its
   * counts so far. The source's row is the one the run's start saved.
   */
  checkpoint(
    sourceId: string,
    runId: number,
    checkpoint: Record<string, string | null>,
    counts: { pages: number; calls: number },
  ): Promise<void>;
  startRun(sourceId: string, reason: string, at: string): Promise<number>;
  updateRun(
    id: number,
    fields: Partial<Pick<SyncRunRecord, "pages" | "calls" | "details" | "problems">>,
  ): Promise<void>;
  finishRun(id: number, state: SyncRunRecord["state"], at: string, error?: string | null): Promise<void>;
  run(id: number): Promise<SyncRunRecord | null>;
  recentRuns(sourceId: string, limit?: number): Promise<SyncRunRecord[]>;
  /** Runs left `running` by a process that died: mark them, so the next start resumes from the checkpoint. */
  interruptedSources(at: string): Promise<string[]>;
}

export function syncStateRepository(sql: Sql): SyncStateRepository {
  return {
    async get(sourceId) {
      const row = await sql.get("SELECT * FROM sync_state WHERE source_id = ?", [sourceId]);
      if (!row)
        return { sourceId, state: "idle", lastSyncedAt: null, lastError: null, runId: null, checkpoint: {} };
      return {
        sourceId,
        state: row.state as SyncState,
        lastSyncedAt: (row.last_synced_at as string | null) ?? null,
        lastError: (row.last_error as string | null) ?? null,
        runId: row.run_id === null || row.run_id === undefined ? null : Number(row.run_id),
        checkpoint: row.checkpoint
          ? (JSON.parse(row.checkpoint as string) as Record<string, string | null>)
          : {},
      };
    },

    async save(record) {
      await sql.run(
        `INSERT INTO sync_state (source_id, state, last_synced_at, last_error, run_id, checkpoint)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (source_id) DO UPDATE SET state = excluded.state, last_synced_at = excluded.last_synced_at,
           last_error = excluded.last_error, run_id = excluded.run_id, checkpoint = excluded.checkpoint`,
        [
          record.sourceId,
          record.state,
          record.lastSyncedAt,
          record.lastError,
          record.runId,
          JSON.stringify(record.checkpoint),
        ],
      );
    },

    async checkpoint(sourceId, runId, checkpoint, counts) {
      await sql.run(
        "UPDATE sync_state SET state = 'syncing', run_id = ?, checkpoint = ? WHERE source_id = ?",
        [runId, JSON.stringify(checkpoint), sourceId],
      );
      await sql.run("UPDATE sync_runs SET pages = ?, calls = ? WHERE id = ?", [
        counts.pages,
        counts.calls,
        runId,
      ]);
    },

    startRun(sourceId, reason, at) {
      return sql.insertId(
        "INSERT INTO sync_runs (source_id, reason, started_at, state) VALUES (?, ?, ?, 'running')",
        [sourceId, reason, at],
      );
    },

    async updateRun(id, fields) {
      await sql.run(
        `UPDATE sync_runs SET pages = COALESCE(?, pages), calls = COALESCE(?, calls),
           details = COALESCE(?, details), problems = COALESCE(?, problems) WHERE id = ?`,
        [fields.pages ?? null, fields.calls ?? null, fields.details ?? null, fields.problems ?? null, id],
      );
    },

    async finishRun(id, state, at, error = null) {
      await sql.run("UPDATE sync_runs SET state = ?, finished_at = ?, error = ? WHERE id = ?", [
        state,
        at,
        error,
        id,
      ]);
    },

    async run(id) {
      const row = await sql.get("SELECT * FROM sync_runs WHERE id = ?", [id]);
      return row ? toRun(row) : null;
    },

    async recentRuns(sourceId, limit = 10) {
      const rows = await sql.all("SELECT * FROM sync_runs WHERE source_id = ? ORDER BY id DESC LIMIT ?", [
        sourceId,
        limit,
      ]);
      return rows.map(toRun);
    },

    async interruptedSources(at) {
      const rows = await sql.all("SELECT source_id FROM sync_state WHERE state = 'syncing'");
      await sql.run("UPDATE sync_runs SET state = 'interrupted', finished_at = ? WHERE state = 'running'", [
        at,
      ]);
      return rows.map((row) => row.source_id as string);
    },
  };
}

function toRun(row: Row): SyncRunRecord {
  return {
    id: Number(row.id),
    sourceId: row.source_id as string,
    reason: row.reason as string,
    startedAt: row.started_at as string,
    finishedAt: (row.finished_at as string | null) ?? null,
    state: row.state as SyncRunRecord["state"],
    pages: row.pages as number,
    calls: row.calls as number,
    details: row.details as number,
    problems: row.problems as number,
    error: (row.error as string | null) ?? null,
  };
}
