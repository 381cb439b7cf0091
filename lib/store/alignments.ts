import "server-only";
import type { CallMetrics } from "@/lib/model";
import type { Sql } from "./sql/executor";

/** A recording's second track, next to the full one: the customer's side alone (Tanyi's customerAudioUrl). */
export type FeatureTrack = "full" | "customer";

/**
 * What the audio analysis of a call leaves in the index (SQLite migration 6, PostgreSQL migration 2):
 * the speech features of its recording's tracks, the alignment of its latest transcript, that
 * alignment's metrics mirrored on the call row for the list's filters and sorts, and the background
 * queue's failures.
 */
export interface AlignmentRepository {
  /** The encoded features of one track; an empty buffer: the call has no such track; null: not analysed. */
  features(callId: string, track: FeatureTrack): Promise<Buffer | null>;
  putFeatures(callId: string, track: FeatureTrack, body: Uint8Array): Promise<void>;
  /** The stored alignment (JSON) when it was made for this transcript; null otherwise. */
  get(callId: string, transcriptHash: string): Promise<string | null>;
  /** Stores a call's alignment (replacing an older transcript's) and mirrors its metrics on the call. */
  put(callId: string, transcriptHash: string, body: string, metrics: CallMetrics | null): Promise<void>;
  /** The background analysis failed on this call: counted, so it is given up after a few attempts. */
  recordFailure(callId: string, error: string): Promise<void>;
  /**
   * Answered calls with a recording and a transcript whose audio was never analysed, newest first,
   * skipping those that failed `maxAttempts` times. `exclude`: ids already tried in this pass.
   */
  unanalysed(limit: number, maxAttempts: number, exclude?: readonly string[]): Promise<string[]>;
  /** How the background analysis stands: for the log and the metrics. */
  backlog(maxAttempts: number): Promise<{ analysed: number; pending: number; failed: number }>;
}

export function alignmentRepository(sql: Sql): AlignmentRepository {
  return {
    async features(callId, track) {
      const row = await sql.get<{ body: Buffer }>(
        "SELECT body FROM speech_features WHERE call_id = ? AND track = ?",
        [callId, track],
      );
      return row?.body ?? null;
    },

    async putFeatures(callId, track, body) {
      await sql.run(
        `INSERT INTO speech_features (call_id, track, created_at, body) VALUES (?, ?, ?, ?)
         ON CONFLICT (call_id, track) DO UPDATE SET body = excluded.body, created_at = excluded.created_at`,
        [callId, track, new Date().toISOString(), Buffer.from(body)],
      );
    },

    async get(callId, transcriptHash) {
      const row = await sql.get<{ body: string }>(
        "SELECT body FROM call_alignments WHERE call_id = ? AND transcript_hash = ?",
        [callId, transcriptHash],
      );
      return row?.body ?? null;
    },

    async put(callId, transcriptHash, body, metrics) {
      await sql.tx(async (tx) => {
        await tx.run(
          `INSERT INTO call_alignments (call_id, transcript_hash, created_at, body) VALUES (?, ?, ?, ?)
           ON CONFLICT (call_id) DO UPDATE SET transcript_hash = excluded.transcript_hash,
             created_at = excluded.created_at, body = excluded.body`,
          [callId, transcriptHash, new Date().toISOString(), body],
        );
        await tx.run(
          `UPDATE calls SET robot_latency_median_ms = ?, robot_latency_max_ms = ?, dead_air_max_ms = ?,
             customer_talk_ratio = ?, barge_ins = ?, metrics_hash = ?, analysis_error = NULL,
             revision = revision + 1
           WHERE id = ?`,
          [
            metrics?.robotLatencyMedianMs ?? null,
            metrics?.robotLatencyMaxMs ?? null,
            metrics?.deadAirMaxMs ?? null,
            metrics?.customerTalkRatio ?? null,
            metrics?.bargeIns ?? null,
            transcriptHash,
            callId,
          ],
        );
      });
    },

    async recordFailure(callId, error) {
      await sql.run(
        "UPDATE calls SET analysis_attempts = analysis_attempts + 1, analysis_error = ? WHERE id = ?",
        [error.slice(0, 500), callId],
      );
    },

    async unanalysed(limit, maxAttempts, exclude = []) {
      const skip = exclude.length ? `AND id NOT IN (${exclude.map(() => "?").join(",")})` : "";
      const rows = await sql.all<{ id: string }>(
        `SELECT id FROM calls ${sql.dialect.indexedBy("calls_unanalysed")}
          WHERE metrics_hash IS NULL AND result = 'answered' AND has_recording = 1
            AND transcript_state = 'complete' AND analysis_attempts < ? ${skip}
          ORDER BY started_key DESC LIMIT ?`,
        [maxAttempts, ...exclude, limit],
      );
      return rows.map((row) => row.id);
    },

    async backlog(maxAttempts) {
      // COUNT(*) FILTER: both dialects (SQLite ≥ 3.30).
      const row = await sql.get<{ analysed: number; pending: number; failed: number }>(
        `SELECT COUNT(*) FILTER (WHERE metrics_hash IS NOT NULL) AS analysed,
                COUNT(*) FILTER (WHERE metrics_hash IS NULL AND analysis_attempts < ?) AS pending,
                COUNT(*) FILTER (WHERE metrics_hash IS NULL AND analysis_attempts >= ?) AS failed
           FROM calls WHERE result = 'answered' AND has_recording = 1 AND transcript_state = 'complete'`,
        [maxAttempts, maxAttempts],
      );
      return row!;
    },
  };
}
