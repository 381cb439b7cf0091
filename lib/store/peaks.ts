import "server-only";
import type { Db } from "./database";

/** Computed waveform peaks, cached per call and resolution so a recording is decoded once. */
export class PeaksRepository {
  constructor(private readonly db: Db) {}

  get(callId: string, resolution: number): string | null {
    const row = this.db
      .prepare("SELECT body FROM peaks WHERE call_id = ? AND resolution = ?")
      .get(callId, resolution) as { body: string } | undefined;
    return row?.body ?? null;
  }

  put(callId: string, resolution: number, body: string): void {
    this.db
      .prepare(
        `INSERT INTO peaks (call_id, resolution, created_at, body) VALUES (?, ?, ?, ?)
         ON CONFLICT (call_id, resolution) DO UPDATE SET body = excluded.body, created_at = excluded.created_at`,
      )
      .run(callId, resolution, new Date().toISOString(), body);
  }
}
