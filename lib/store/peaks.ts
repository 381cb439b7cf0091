import "server-only";
import type { Sql } from "./sql/executor";

/** Computed waveform peaks, cached per call and resolution so a recording is decoded once. */
export interface PeaksRepository {
  get(callId: string, resolution: number): Promise<string | null>;
  put(callId: string, resolution: number, body: string): Promise<void>;
}

export function peaksRepository(sql: Sql): PeaksRepository {
  return {
    async get(callId, resolution) {
      const row = await sql.get<{ body: string }>(
        "SELECT body FROM peaks WHERE call_id = ? AND resolution = ?",
        [callId, resolution],
      );
      return row?.body ?? null;
    },
    async put(callId, resolution, body) {
      await sql.run(
        `INSERT INTO peaks (call_id, resolution, created_at, body) VALUES (?, ?, ?, ?)
         ON CONFLICT (call_id, resolution) DO UPDATE SET body = excluded.body, created_at = excluded.created_at`,
        [callId, resolution, new Date().toISOString(), body],
      );
    },
  };
}
