import type { Store } from "@/lib/store";

/**
 * What call_days and call_alert_days (dated at `offset`) and call_rounds would hold if counted
 * again from the calls, in key order: tests compare it with what the triggers kept (countedRows).
 */
export async function recountedRows(store: Store, offset: number) {
  const days = await store.sql.all(
    // The offset written in: bound, SQLite would take a JS number for a REAL and the day for a fraction.
    `SELECT CASE WHEN started_key > 0 THEN (started_key + ${Math.trunc(offset)}) / 86400000 ELSE -1 END AS day,
            source_id, task_id,
            result, COALESCE(hangup_by, '') AS hangup_by, COALESCE(effective_intent, '') AS effective_intent,
            review_status, COUNT(*) AS n
       FROM calls GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`,
  );
  const rounds = await store.sql.all(
    `SELECT COALESCE(hangup_by, '') AS hangup_by, COALESCE(rounds, -1) AS rounds, COALESCE(last_line, 0) AS last_line,
            source_id, task_id, COALESCE(effective_intent, '') AS effective_intent, review_status, COUNT(*) AS n
       FROM calls WHERE result = 'answered' GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`,
  );
  // The per-alert counts (PostgreSQL's migration 5, SQLite's 10), from call_alerts itself: on
  // PostgreSQL this checks calls.alert_names too. Names sorted by their bytes on both backends.
  const names =
    store.sql.dialect.name === "postgres"
      ? `string_agg(name, chr(31) ORDER BY name COLLATE "C")`
      : "string_agg(name, char(31) ORDER BY name)";
  const alertDays = await store.sql.all(
    `SELECT a.names AS alert_names,
            CASE WHEN started_key > 0 THEN (started_key + ${Math.trunc(offset)}) / 86400000 ELSE -1 END AS day,
            source_id, task_id, result, COALESCE(hangup_by, '') AS hangup_by,
            COALESCE(effective_intent, '') AS effective_intent, review_status, COUNT(*) AS n
       FROM calls c JOIN (SELECT call_seq, ${names} AS names
                            FROM call_alerts GROUP BY call_seq) a ON a.call_seq = c.seq
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`,
  );
  return { days, rounds, alertDays };
}

/**
 * call_days, call_rounds and call_alert_days as kept (zero counts left out, as readers leave them
 * out), in key order.
 */
export async function countedRows(store: Store) {
  return {
    alertDays: await store.sql.all(
      `SELECT alert_names, day, source_id, task_id, result, hangup_by, effective_intent, review_status, n
         FROM call_alert_days WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`,
    ),
    days: await store.sql.all(
      `SELECT day, source_id, task_id, result, hangup_by, effective_intent, review_status, n FROM call_days
        WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6, 7`,
    ),
    rounds: await store.sql.all(
      `SELECT hangup_by, rounds, last_line, source_id, task_id, effective_intent, review_status, n FROM call_rounds
        WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6, 7`,
    ),
  };
}
