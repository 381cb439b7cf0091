import "server-only";
import type { CallMetrics } from "@/lib/model";
import type { Db } from "./database";

/** A recording's second track, next to the full one: the customer's side alone (Tanyi's customerAudioUrl). */
export type FeatureTrack = "full" | "customer";

/**
 * What the audio analysis of a call leaves in the index (migration 6): the speech features of its
 * recording's tracks, the alignment of its latest transcript, that alignment's metrics mirrored on the
 * call row for the list's filters and sorts, and the background queue's failures.
 */
export class AlignmentRepository {
  constructor(private readonly db: Db) {}

  /** The encoded features of one track; an empty buffer: the call has no such track; null: not analysed. */
  features(callId: string, track: FeatureTrack): Buffer | null {
    const row = this.db
      .prepare("SELECT body FROM speech_features WHERE call_id = ? AND track = ?")
      .get(callId, track) as { body: Buffer } | undefined;
    return row?.body ?? null;
  }

  putFeatures(callId: string, track: FeatureTrack, body: Uint8Array): void {
    this.db
      .prepare(
        `INSERT INTO speech_features (call_id, track, created_at, body) VALUES (?, ?, ?, ?)
         ON CONFLICT (call_id, track) DO UPDATE SET body = excluded.body, created_at = excluded.created_at`,
      )
      .run(callId, track, new Date().toISOString(), Buffer.from(body));
  }

  /** The stored alignment (JSON) when it was made for this transcript; null otherwise. */
  get(callId: string, transcriptHash: string): string | null {
    const row = this.db
      .prepare("SELECT body FROM call_alignments WHERE call_id = ? AND transcript_hash = ?")
      .get(callId, transcriptHash) as { body: string } | undefined;
    return row?.body ?? null;
  }

  /** Stores a call's alignment (replacing an older transcript's) and mirrors its metrics on the call. */
  put(callId: string, transcriptHash: string, body: string, metrics: CallMetrics | null): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO call_alignments (call_id, transcript_hash, created_at, body) VALUES (?, ?, ?, ?)
           ON CONFLICT (call_id) DO UPDATE SET transcript_hash = excluded.transcript_hash,
             created_at = excluded.created_at, body = excluded.body`,
        )
        .run(callId, transcriptHash, new Date().toISOString(), body);
      this.db
        .prepare(
          `UPDATE calls SET robot_latency_median_ms = ?, robot_latency_max_ms = ?, dead_air_max_ms = ?,
             customer_talk_ratio = ?, barge_ins = ?, metrics_hash = ?, analysis_error = NULL
           WHERE id = ?`,
        )
        .run(
          metrics?.robotLatencyMedianMs ?? null,
          metrics?.robotLatencyMaxMs ?? null,
          metrics?.deadAirMaxMs ?? null,
          metrics?.customerTalkRatio ?? null,
          metrics?.bargeIns ?? null,
          transcriptHash,
          callId,
        );
    })();
  }

  /** The background analysis failed on this call: counted, so it is given up after a few attempts. */
  recordFailure(callId: string, error: string): void {
    this.db
      .prepare("UPDATE calls SET analysis_attempts = analysis_attempts + 1, analysis_error = ? WHERE id = ?")
      .run(error.slice(0, 500), callId);
  }

  /**
   * Answered calls with a recording and a transcript whose audio was never analysed, newest first,
   * skipping those that failed `maxAttempts` times. `exclude`: ids already tried in this pass.
   */
  unanalysed(limit: number, maxAttempts: number, exclude: readonly string[] = []): string[] {
    const skip = exclude.length ? `AND id NOT IN (${exclude.map(() => "?").join(",")})` : "";
    return this.db
      .prepare(
        `SELECT id FROM calls INDEXED BY calls_unanalysed
          WHERE metrics_hash IS NULL AND result = 'answered' AND has_recording = 1
            AND transcript_state = 'complete' AND analysis_attempts < ? ${skip}
          ORDER BY started_key DESC LIMIT ?`,
      )
      .pluck()
      .all(maxAttempts, ...exclude, limit) as string[];
  }

  /** How the background analysis stands: for the log and the metrics. */
  backlog(maxAttempts: number): { analysed: number; pending: number; failed: number } {
    const row = this.db
      .prepare(
        `SELECT COUNT(*) FILTER (WHERE metrics_hash IS NOT NULL) AS analysed,
                COUNT(*) FILTER (WHERE metrics_hash IS NULL AND analysis_attempts < ?) AS pending,
                COUNT(*) FILTER (WHERE metrics_hash IS NULL AND analysis_attempts >= ?) AS failed
           FROM calls WHERE result = 'answered' AND has_recording = 1 AND transcript_state = 'complete'`,
      )
      .get(maxAttempts, maxAttempts) as { analysed: number; pending: number; failed: number };
    return row;
  }
}
