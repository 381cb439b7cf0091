import "server-only";
import type { SyncState } from "@/lib/model";
import type { Db } from "./database";

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

export class SyncStateRepository {
  constructor(private readonly db: Db) {}

  get(sourceId: string): SourceSyncRecord {
    const row = this.db.prepare("SELECT * FROM sync_state WHERE source_id = ?").get(sourceId) as
      Row | undefined;
    if (!row)
      return { sourceId, state: "idle", lastSyncedAt: null, lastError: null, runId: null, checkpoint: {} };
    return {
      sourceId,
      state: row.state as SyncState,
      lastSyncedAt: (row.last_synced_at as string | null) ?? null,
      lastError: (row.last_error as string | null) ?? null,
      runId: (row.run_id as number | null) ?? null,
      checkpoint: row.checkpoint
        ? (JSON.parse(row.checkpoint as string) as Record<string, string | null>)
        : {},
    };
  }

  save(record: SourceSyncRecord): void {
    this.db
      .prepare(
        `INSERT INTO sync_state (source_id, state, last_synced_at, last_error, run_id, checkpoint)
         VALUES (@sourceId, @state, @lastSyncedAt, @lastError, @runId, @checkpoint)
         ON CONFLICT (source_id) DO UPDATE SET state = excluded.state, last_synced_at = excluded.last_synced_at,
           last_error = excluded.last_error, run_id = excluded.run_id, checkpoint = excluded.checkpoint`,
      )
      .run({ ...record, checkpoint: JSON.stringify(record.checkpoint) });
  }

  startRun(sourceId: string, reason: string, at: string): number {
    return Number(
      this.db
        .prepare("INSERT INTO sync_runs (source_id, reason, started_at, state) VALUES (?, ?, ?, 'running')")
        .run(sourceId, reason, at).lastInsertRowid,
    );
  }

  updateRun(
    id: number,
    fields: Partial<Pick<SyncRunRecord, "pages" | "calls" | "details" | "problems">>,
  ): void {
    this.db
      .prepare(
        `UPDATE sync_runs SET pages = COALESCE(@pages, pages), calls = COALESCE(@calls, calls),
           details = COALESCE(@details, details), problems = COALESCE(@problems, problems) WHERE id = @id`,
      )
      .run({ id, pages: null, calls: null, details: null, problems: null, ...fields });
  }

  finishRun(id: number, state: SyncRunRecord["state"], at: string, error: string | null = null): void {
    this.db
      .prepare("UPDATE sync_runs SET state = ?, finished_at = ?, error = ? WHERE id = ?")
      .run(state, at, error, id);
  }

  run(id: number): SyncRunRecord | null {
    const row = this.db.prepare("SELECT * FROM sync_runs WHERE id = ?").get(id) as Row | undefined;
    return row ? toRun(row) : null;
  }

  recentRuns(sourceId: string, limit = 10): SyncRunRecord[] {
    return (
      this.db
        .prepare("SELECT * FROM sync_runs WHERE source_id = ? ORDER BY id DESC LIMIT ?")
        .all(sourceId, limit) as Row[]
    ).map(toRun);
  }

  /** Runs left `running` by a process that died: mark them, so the next start resumes from the checkpoint. */
  interruptedSources(at: string): string[] {
    const rows = this.db.prepare("SELECT source_id FROM sync_state WHERE state = 'syncing'").all() as Row[];
    this.db
      .prepare("UPDATE sync_runs SET state = 'interrupted', finished_at = ? WHERE state = 'running'")
      .run(at);
    return rows.map((row) => row.source_id as string);
  }
}

function toRun(row: Row): SyncRunRecord {
  return {
    id: row.id as number,
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
