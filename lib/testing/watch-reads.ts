import type { Store } from "@/lib/store";

/** Every statement `store` reads through its Sql until stopped. */
export function watchReads(store: Store) {
  const texts: string[] = [];
  const sql = store.sql;
  const { all, get } = { all: sql.all.bind(sql), get: sql.get.bind(sql) };
  sql.all = ((text: string, params?: unknown[], options?: object) => (
    texts.push(text),
    all(text, params, options)
  )) as typeof all;
  sql.get = ((text: string, params?: unknown[], options?: object) => (
    texts.push(text),
    get(text, params, options)
  )) as typeof get;
  return {
    texts,
    /** The statements that name `table` (or any text). */
    of: (table: string) => texts.filter((text) => text.includes(table)),
    stop: () => Object.assign(sql, { all, get }),
  };
}

/**
 * What `read` reads when run right after itself. PostgreSQL's state is the cluster's snapshot:
 * another test file's commit (its own schema, the same server) between the two reads moves it too,
 * and the second read rightly reads again. So up to ten tries, for one that did not read `kept`
 * (a text only a read of the kept result has) again.
 */
export async function readAgain(store: Store, read: () => Promise<void>, kept = "call_days") {
  for (let round = 1; ; round++) {
    await read();
    const reads = watchReads(store);
    await read();
    reads.stop();
    if (reads.of(kept).length === 0 || round === 10) return reads;
  }
}
