import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { filtersOf, parseCallQuery } from "@/lib/calls/query";
import type { Store } from "@/lib/store";
import { BENCH_ALERTS, benchCalls, type BenchCall } from "./bench-calls";
import { BENCH_REVIEWER } from "./bulk-fill";
import { bulkFillPostgres } from "./bulk-fill-postgres";
import { openTestStore, testBackend } from "./store";

/**
 * The PostgreSQL bulk fill must leave the rows a sync of the same calls leaves (upsert of list
 * pages, then the reviews through the review repository), or the PostgreSQL bench measures
 * another index: both ways over the same calls, every table compared, then the list and the
 * analytics. Robot-line ids depend on the order pages add lines, so lines are compared by text.
 * PostgreSQL only (the "postgres" vitest project); bulk-fill.test.ts checks SQLite's fill.
 */

const NOW = "2026-12-01T02:00:00.000Z";
const TZ = "Asia/Shanghai";
let calls: BenchCall[];
let synced: Store;
let filled: Store;

describe.skipIf(testBackend() !== "postgres")(
  "PostgreSQL bulk fill against sync over the same 3,000 calls",
  () => {
    beforeAll(async () => {
      calls = [...benchCalls(3000, 7)];
      synced = await openTestStore();
      synced.calls.configureAlerts(BENCH_ALERTS);
      for (let i = 0; i < calls.length; i += 250) {
        await synced.calls.upsert(
          calls
            .slice(i, i + 250)
            .map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" as const })),
          NOW,
        );
      }
      const ids = (await synced.sql.all<{ id: string }>("SELECT id FROM calls ORDER BY seq")).map(
        (r) => r.id,
      );
      for (const [i, call] of calls.entries())
        if (call.review) await synced.reviews.update(ids[i]!, call.review, BENCH_REVIEWER, NOW);

      filled = await openTestStore();
      // The same call-id key, so both indexes give the calls the same public ids.
      await filled.settings.set("call_id_key", (await synced.settings.get("call_id_key"))!);
      expect(await bulkFillPostgres(filled.sql, calls, BENCH_ALERTS, { now: NOW, batch: 700 })).toBe(
        calls.length,
      );
    }, 120_000);
    afterAll(async () => {
      await synced?.close();
      await filled?.close();
    });

    test.each([
      [
        "calls",
        `SELECT c.*, l.text AS last_line_text FROM calls c LEFT JOIN robot_lines l ON l.id = c.last_line
        ORDER BY c.seq`,
      ],
      ["utterances", "SELECT * FROM utterances ORDER BY call_seq, position"],
      ["robot_lines", "SELECT text FROM robot_lines ORDER BY text"],
      ["call_alerts", "SELECT * FROM call_alerts ORDER BY call_seq, name"],
      ["calls_search", "SELECT source_id, call_seq, body::text AS body FROM calls_search ORDER BY call_seq"],
      [
        "reviewed_search",
        "SELECT source_id, call_seq, body::text AS body FROM reviewed_search ORDER BY call_seq",
      ],
      ["reviews", "SELECT * FROM reviews ORDER BY call_id"],
      ["review_events", "SELECT * FROM review_events ORDER BY id"],
      ["settings", "SELECT * FROM settings ORDER BY key"],
      // The count tables (migration 5): the fill counts once at the end what sync's triggers count as it goes.
      ["rollup_state", "SELECT * FROM rollup_state"],
      ["call_days", "SELECT * FROM call_days WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6, 7"],
      ["call_alert_days", "SELECT * FROM call_alert_days WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8"],
      [
        "call_rounds",
        // By the line's text: the two dictionaries may number the lines differently.
        `SELECT r.hangup_by, r.rounds, l.text AS line_text, r.source_id, r.task_id, r.effective_intent,
                r.review_status, r.n
           FROM call_rounds r LEFT JOIN robot_lines l ON l.id = r.last_line
          WHERE r.n > 0 ORDER BY 1, 2, 3, 4, 5, 6, 7`,
      ],
      [
        "indexes",
        `SELECT indexname, regexp_replace(indexdef, ' ON \\S+\\.', ' ON ') AS def FROM pg_indexes
        WHERE schemaname = current_schema() ORDER BY indexname`,
      ],
      ["the next seq", "SELECT nextval(pg_get_serial_sequence('calls', 'seq')) AS next"],
    ])("%s: identical rows", async (_, text) => {
      const strip = (rows: Record<string, unknown>[]) =>
        rows.map(({ last_line: _, revision: __, ...rest }) => rest);
      const want = strip(await synced.sql.all(text));
      expect(want.length).toBeGreaterThan(0);
      expect(strip(await filled.sql.all(text))).toEqual(want);
    });

    test.each([
      "",
      "source=tanyi-loans",
      "from=2026-11-20&to=2026-11-26",
      "intent=A,B,C",
      "q=%E4%BB%B7%E6%A0%BC",
    ])("%j: the same list, search hits and analytics", async (search) => {
      const query = parseCallQuery(new URLSearchParams(search));
      const filters = filtersOf(query);
      expect(await synced.calls.count(filters, TZ)).toBeGreaterThan(0);
      expect(await filled.calls.list(query, TZ)).toEqual(await synced.calls.list(query, TZ));
      expect(await filled.calls.stats(filters, TZ)).toEqual(await synced.calls.stats(filters, TZ));
      expect(await filled.analytics.dropoff(filters, TZ)).toEqual(
        await synced.analytics.dropoff(filters, TZ),
      );
      expect(await filled.analytics.intentAgreement(filters, TZ)).toEqual(
        await synced.analytics.intentAgreement(filters, TZ),
      );
      expect(await filled.analytics.daily(filters, TZ)).toEqual(await synced.analytics.daily(filters, TZ));
    });
  },
);
