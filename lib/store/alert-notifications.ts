import "server-only";
import type { Db } from "./database";

/**
 * Alert notifications waiting for, or done with, their group robot. A row is created once per
 * (call, alert) when sync first indexes the call raising it (see CallRepository.applyAlerts), so a
 * call is announced at most once, across restarts; the row then records each attempt.
 */

export interface PendingNotification {
  callId: string;
  alert: string;
  attempts: number;
}

export class AlertNotificationRepository {
  constructor(private readonly db: Db) {}

  due(now: number, limit: number): PendingNotification[] {
    return (
      this.db
        .prepare(
          `SELECT call_id, alert, attempts FROM alert_notifications
            WHERE state = 'pending' AND next_at <= ? ORDER BY next_at LIMIT ?`,
        )
        .all(now, limit) as { call_id: string; alert: string; attempts: number }[]
    ).map((row) => ({ callId: row.call_id, alert: row.alert, attempts: row.attempts }));
  }

  /** The earliest pending attempt, for the notifier's next wake-up. */
  nextDueAt(): number | null {
    const row = this.db
      .prepare("SELECT MIN(next_at) AS at FROM alert_notifications WHERE state = 'pending'")
      .get() as { at: number | null };
    return row.at;
  }

  sent(callId: string, alert: string, at: string): void {
    this.db
      .prepare(
        `UPDATE alert_notifications SET state = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL
          WHERE call_id = ? AND alert = ?`,
      )
      .run(at, callId, alert);
  }

  /** A failed attempt: try again at `nextAt`, or give up (`nextAt` null). */
  failed(callId: string, alert: string, error: string, nextAt: number | null): void {
    this.db
      .prepare(
        `UPDATE alert_notifications SET attempts = attempts + 1, last_error = ?,
                state = CASE WHEN ? IS NULL THEN 'failed' ELSE 'pending' END, next_at = COALESCE(?, next_at)
          WHERE call_id = ? AND alert = ?`,
      )
      .run(error.slice(0, 300), nextAt, nextAt, callId, alert);
  }

  list(): { callId: string; alert: string; state: string; attempts: number; lastError: string | null }[] {
    return (
      this.db
        .prepare(
          "SELECT call_id, alert, state, attempts, last_error FROM alert_notifications ORDER BY created_at",
        )
        .all() as {
        call_id: string;
        alert: string;
        state: string;
        attempts: number;
        last_error: string | null;
      }[]
    ).map((row) => ({
      callId: row.call_id,
      alert: row.alert,
      state: row.state,
      attempts: row.attempts,
      lastError: row.last_error,
    }));
  }
}
