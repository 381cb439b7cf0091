import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import { AppError } from "@/lib/errors";
import type { Dialect, ReadOptions, Row, Sql } from "./executor";

export const postgresDialect: Dialect = {
  name: "postgres",
  indexedBy: () => "",
  jsonArray: (column) => `COALESCE(json_agg(${column})::text, '[]')`,
  // COLLATE "C": lower() folds ASCII only, as SQLite's does, whatever the database's locale.
  containsFolded: (haystack, needle) =>
    `strpos(lower(${haystack} COLLATE "C"), lower(${needle} COLLATE "C")) > 0`,
  searchMatch: "c.seq IN (SELECT call_seq FROM calls_search WHERE body @@ ?::tsquery)",
  // A scalar subquery cannot be turned into a join: the planner walks the sort's index and tests
  // each call, stopping at the page's end, and plans no parallel workers for it (their start-up
  // made a page of 机器人 take 0.5 s of 0.02).
  searchProbe: "(SELECT s.body FROM calls_search s WHERE s.call_seq = c.seq) @@ ?::tsquery",
  searchReviewed: "c.seq IN (SELECT call_seq FROM reviewed_search WHERE body @@ ?::tsquery)",
  // ARRAY(…): computed once, before the calls are planned (an IN would be planned as a join).
  searchCollect: "c.seq = ANY(ARRAY(SELECT call_seq FROM calls_search WHERE body @@ ?::tsquery))",
  batchOrder: "b.seq",
};

/** `?` → `$1, $2 …`, outside quoted strings and identifiers; memoized (the SQL texts are few). */
const converted = new Map<string, string>();
export function numbered(sql: string): string {
  let out = converted.get(sql);
  if (out !== undefined) return out;
  let n = 0;
  let quote: string | null = null;
  out = "";
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === "?") {
      out += `$${++n}`;
    } else {
      out += ch;
    }
  }
  if (converted.size > 2000) converted.clear();
  converted.set(sql, out);
  return out;
}

/**
 * A prepared statement's name, from its text: pg prepares a name once per connection, and
 * PostgreSQL's plan cache settles on the generic plan after five runs when it costs no more.
 */
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `callscope_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
}

// Counts (int8) and sums (numeric) as numbers, like SQLite gives them: every count here is far below 2^53.
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as "text");
  },
} as pg.CustomTypesConfig;

type Queryable = pg.Pool | pg.PoolClient;

/** What a transaction wrote so far: aside only (runAside) or the index too. */
interface TxWrites {
  aside: boolean;
  index: boolean;
}

/**
 * A statement that only reads (a SELECT, maybe locking rows): the rest may write. True while no
 * function the app calls from a SELECT writes (none does: its functions are trigger functions);
 * one that did would let a transaction beside a write aside pass for aside only.
 */
const reads = (sql: string) => /^\s*SELECT\b/i.test(sql);

/** Enough for the sign-ins, audit entries and throttle steps between two reads of a busy server. */
const ASIDE_KEPT = 4096;

/**
 * The transactions of each pool that wrote aside only, by id: kept.ts lets the index's state (the
 * snapshot) move past them. A transaction is named here only after it committed, and only when it
 * wrote nothing but aside; another instance's are not known here, so its sign-ins still move the
 * state as any commit does (a kept result is then read again: slower, never wrong).
 */
const asideTransactions = new WeakMap<pg.Pool, Set<number>>();

export function wroteAsideOnly(sql: PostgresSql, xid: number): boolean {
  return asideTransactions.get(sql.poolOf)?.has(xid) ?? false;
}

/**
 * Writes aside whose transaction may have committed before its id is noted here (the answer is
 * still on its way back): a read of the snapshot in between finds an unknown transaction. Under
 * load, with an audited page every 12th, that made kept totals be summed again about once a second.
 */
const asideWrites = new WeakMap<pg.Pool, Set<Promise<unknown>>>();

function inFlightAside<T>(pool: pg.Pool, write: Promise<T>): Promise<T> {
  let pending = asideWrites.get(pool);
  if (!pending) asideWrites.set(pool, (pending = new Set()));
  const settled = write.then(
    () => undefined,
    () => undefined,
  );
  pending.add(settled);
  void settled.then(() => pending.delete(settled));
  return write;
}

/** How long a read waits for writes aside in flight before it takes the index as changed. */
const ASIDE_WAIT_MS = 20;

/** How many writes aside are in flight now. */
export function asideInFlight(sql: PostgresSql): number {
  return asideWrites.get(sql.poolOf)?.size ?? 0;
}

/** Waits (up to ASIDE_WAIT_MS) for the writes aside in flight now to be noted or to fail. */
export async function asideSettled(sql: PostgresSql): Promise<void> {
  const pending = asideWrites.get(sql.poolOf);
  if (!pending || pending.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(pending),
    new Promise((resolve) => (timer = setTimeout(resolve, ASIDE_WAIT_MS))),
  ]);
  clearTimeout(timer);
}

function noteAside(pool: pg.Pool, xid: number): void {
  let known = asideTransactions.get(pool);
  if (!known) asideTransactions.set(pool, (known = new Set()));
  known.add(xid);
  if (known.size > ASIDE_KEPT) known.delete(known.values().next().value!);
}

/**
 * A prepared statement that no longer fits its tables: "cached plan must not change result type"
 * (0A000) after a column's type changed, or a statement the server no longer knows (26000).
 */
const planOutdated = (err: unknown) =>
  typeof err === "object" &&
  err !== null &&
  ["0A000", "26000"].includes((err as { code?: string }).code ?? "");

/** Runs of a transaction PostgreSQL aborts as a deadlock or serialization failure, the first included. */
export const TX_ATTEMPTS = 4;

const isRetryable = (err: unknown) =>
  typeof err === "object" &&
  err !== null &&
  ["40P01", "40001"].includes((err as { code?: string }).code ?? "");

/**
 * PostgreSQL's text cannot hold U+0000 (SQLite's can): a parameter with one would fail the statement
 * with an encoding error, a 500. It is bad input, refused as such, whatever route it came through.
 */
function checked(params: readonly unknown[]): unknown[] {
  const nul = (value: unknown) => typeof value === "string" && value.includes("\u0000");
  for (const value of params)
    if (nul(value) || (Array.isArray(value) && value.some(nul)))
      throw new AppError(
        "invalid_request",
        "text with a NUL character (U+0000) cannot be stored or searched",
      );
  return params as unknown[];
}

/** PostgreSQL behind the async interface: a pool of connections; a transaction holds one of them. */
export class PostgresSql implements Sql {
  readonly dialect = postgresDialect;

  constructor(
    private readonly target: Queryable,
    private readonly pool: pg.Pool,
    /** Inside a transaction (made by tx() for it): what it wrote so far. */
    private readonly writes: TxWrites | null = null,
  ) {}

  /** This one runs inside a transaction (made by tx() for it). */
  get transactional(): boolean {
    return this.writes !== null;
  }

  get poolOf(): pg.Pool {
    return this.pool;
  }

  static open(url: string, options: { max?: number; schema?: string } = {}): PostgresSql {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 10,
      types,
      // No JIT: compiling a count over a million calls costs more (0.1–0.3 s) than the count saves.
      // No parallel workers: the app's reads walk indexes and stop early, and starting two workers
      // cost more than they saved (a 1/64 sample's 15,600 calls: 81 ms with them, 11 ms of work);
      // with them off, stats p95 at a million calls went from 83 to 54 ms, analytics unchanged.
      // A throwaway schema per test file: every connection of the pool looks there first.
      options: `-c jit=off -c max_parallel_workers_per_gather=0${options.schema ? ` -c search_path=${options.schema}` : ""}`,
    });
    // An idle connection the server drops (restart, failover) must not crash the process.
    pool.on("error", () => undefined);
    return new PostgresSql(pool, pool);
  }

  async all<T = Row>(sql: string, params: readonly unknown[] = [], options: ReadOptions = {}): Promise<T[]> {
    if (this.writes && !reads(sql)) this.writes.index = true;
    const text = numbered(sql);
    if (options.generic)
      try {
        return (await this.target.query({ name: statementName(text), text, values: checked(params) }))
          .rows as T[];
      } catch (err) {
        // Prepared before a newer instance's migration changed a column's type: once more, unprepared
        // (the pool drops the connection that failed; inside a transaction, tx() drops it).
        if (!planOutdated(err) || this.writes) throw err;
      }
    return (await this.target.query(text, checked(params))).rows as T[];
  }

  async get<T = Row>(
    sql: string,
    params: readonly unknown[] = [],
    options?: ReadOptions,
  ): Promise<T | undefined> {
    return (await this.all<T>(sql, params, options))[0];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<{ changes: number }> {
    if (this.writes) this.writes.index = true;
    const result = await this.target.query(numbered(sql), checked(params));
    return { changes: result.rowCount ?? 0 };
  }

  /** The write names its transaction (alone, it is one): noted once committed, for kept.ts. */
  async runAside(sql: string, params: readonly unknown[] = []): Promise<{ changes: number }> {
    if (this.writes) {
      this.writes.aside = true;
      const result = await this.target.query(numbered(sql), checked(params));
      return { changes: result.rowCount ?? 0 };
    }
    // One row back, however many the write changed (a purge deletes thousands). Its id is read
    // once the write is done; none is taken when no row changed.
    const write = async () => {
      const result = await this.target.query<{ changes: number; aside_xid: number | null }>(
        `WITH w AS (${numbered(sql)} RETURNING 1)
         SELECT COUNT(*) AS changes, txid_current_if_assigned() AS aside_xid FROM w`,
        checked(params),
      );
      const { changes, aside_xid } = result.rows[0]!;
      if (aside_xid !== null) noteAside(this.pool, Number(aside_xid));
      return { changes: Number(changes) };
    };
    return inFlightAside(this.pool, write());
  }

  async insertId(sql: string, params: readonly unknown[] = []): Promise<number> {
    const row = await this.get<{ id: number }>(`${sql} RETURNING id`, params);
    return Number(row!.id);
  }

  /**
   * A transaction PostgreSQL aborted as a deadlock victim (40P01) or a serialization failure (40001)
   * is run again from the start, up to TX_ATTEMPTS times in all: two writers adding to the same
   * count rows (migration 5's triggers) in different statements can deadlock, and the loser's work
   * is still to be done. `work` must therefore do nothing outside the database it cannot repeat.
   */
  async tx<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    if (this.writes) return work(this);
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken: unknown;
      try {
        await client.query("BEGIN");
        const writes: TxWrites = { aside: false, index: false };
        const result = await work(new PostgresSql(client, this.pool, writes));
        const xid =
          writes.aside && !writes.index
            ? (await client.query<{ xid: number | null }>("SELECT txid_current_if_assigned() AS xid"))
                .rows[0]!.xid
            : null;
        if (xid !== null)
          await inFlightAside(
            this.pool,
            client.query("COMMIT").then(() => noteAside(this.pool, Number(xid))),
          );
        else await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch((failed: unknown) => (broken = failed));
        // A connection whose prepared statement no longer fits its table is not handed out again.
        if (planOutdated(err)) broken = err;
        if (attempt >= TX_ATTEMPTS || !isRetryable(err)) throw err;
      } finally {
        client.release(broken as Error | undefined);
      }
      // A little apart, so that the two victims of one deadlock do not meet again at once.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }

  /** One connection for a while (an advisory lock is held by a session, not by the pool). */
  async session<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await work(client);
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
