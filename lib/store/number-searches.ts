import "server-only";
import type { Sql } from "./sql/executor";

/** The namespace of the advisory locks taken here (PostgreSQL). */
const LOCK_SPACE = 7_316_003;

/**
 * Which numbers each operator searched in the current window and when, kept in the index so that
 * every instance sharing it counts the same searches (the limit is lib/server/number-search.ts's).
 */
export interface NumberSearchRepository {
  /**
   * Forgets `username`'s searches from `windowStart` or before, hands the rest (number → when) to
   * `step`, and records the numbers it returns in `add` as searched at `now` — one step that no
   * other step for the same user interleaves with, in this instance or another. `step` is synchronous.
   */
  update<T>(
    username: string,
    windowStart: number,
    now: number,
    step: (searched: Map<string, number>) => { result: T; add: readonly string[] },
  ): Promise<T>;
  /** Forgets every search from `before` or earlier (users who stopped searching keep no rows). */
  prune(before: number): Promise<number>;
  /** Forgets every search (tests). */
  clear(): Promise<void>;
}

export function numberSearchRepository(sql: Sql): NumberSearchRepository {
  return {
    update(username, windowStart, now, step) {
      return sql.tx(async (tx) => {
        // SQLite: the transaction holds the write lock from its start. PostgreSQL: the user's lock,
        // so a second step of the same user (on any instance) reads what the first added.
        if (tx.dialect.name === "postgres")
          await tx.get("SELECT pg_advisory_xact_lock(?, hashtext(current_schema() || ':' || ?))", [
            LOCK_SPACE,
            username,
          ]);
        await tx.runAside("DELETE FROM number_searches WHERE username = ? AND searched_at <= ?", [
          username,
          windowStart,
        ]);
        const rows = await tx.all<{ number: string; searched_at: number }>(
          "SELECT number, searched_at FROM number_searches WHERE username = ?",
          [username],
        );
        const { result, add } = step(new Map(rows.map((row) => [row.number, Number(row.searched_at)])));
        for (const number of new Set(add))
          await tx.runAside(
            `INSERT INTO number_searches (username, number, searched_at) VALUES (?, ?, ?)
             ON CONFLICT (username, number) DO UPDATE SET searched_at = excluded.searched_at`,
            [username, number, now],
          );
        return result;
      });
    },

    async prune(before) {
      return (await sql.runAside("DELETE FROM number_searches WHERE searched_at <= ?", [before])).changes;
    },

    async clear() {
      await sql.runAside("DELETE FROM number_searches");
    },
  };
}
