import "server-only";
import type { Sql } from "./sql/executor";

/**
 * Alert notifications waiting for, or done with, their group robot. A row is created once per
 * (call, alert) when sync first indexes the call raising it (see calls/alerts.ts), so a call is
 * announced at most once, across restarts; the row then records each attempt.
 */

export interface PendingNotification {
  callId: string;
  alert: string;
  attempts: number;
}

export interface AlertNotificationRepository {
  due(now: number, limit: number): Promise<PendingNotification[]>;
  /** The earliest pending attempt, for the notifier's next wake-up. */
  nextDueAt(): Promise<number | null>;
  sent(callId: string, alert: string, at: string): Promise<void>;
  /** A failed attempt: try again at `nextAt`, or give up (`nextAt` null). */
  failed(callId: string, alert: string, error: string, nextAt: number | null): Promise<void>;
  list(): Promise<
    { callId: string; alert: string; state: string; attempts: number; lastError: string | null }[]
  >;
}

export function alertNotificationRepository(sql: Sql): AlertNotificationRepository {
  return {
    async due(now, limit) {
      const rows = await sql.all<{ call_id: string; alert: string; attempts: number }>(
        `SELECT call_id, alert, attempts FROM alert_notifications
          WHERE state = 'pending' AND next_at <= ? ORDER BY next_at LIMIT ?`,
        [now, limit],
      );
      return rows.map((row) => ({ callId: row.call_id, alert: row.alert, attempts: row.attempts }));
    },

    async nextDueAt() {
      const row = await sql.get<{ at: number | null }>(
        "SELECT MIN(next_at) AS at FROM alert_notifications WHERE state = 'pending'",
      );
      return row?.at ?? null;
    },

    async sent(callId, alert, at) {
      await sql.run(
        `UPDATE alert_notifications SET state = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL
          WHERE call_id = ? AND alert = ?`,
        [at, callId, alert],
      );
    },

    async failed(callId, alert, error, nextAt) {
      await sql.run(
        `UPDATE alert_notifications SET attempts = attempts + 1, last_error = ?,
                state = CASE WHEN ? THEN 'failed' ELSE 'pending' END, next_at = COALESCE(?, next_at)
          WHERE call_id = ? AND alert = ?`,
        [error.slice(0, 300), nextAt === null ? 1 : 0, nextAt, callId, alert],
      );
    },

    async list() {
      const rows = await sql.all<{
        call_id: string;
        alert: string;
        state: string;
        attempts: number;
        last_error: string | null;
      }>("SELECT call_id, alert, state, attempts, last_error FROM alert_notifications ORDER BY created_at");
      return rows.map((row) => ({
        callId: row.call_id,
        alert: row.alert,
        state: row.state,
        attempts: row.attempts,
        lastError: row.last_error,
      }));
    },
  };
}
