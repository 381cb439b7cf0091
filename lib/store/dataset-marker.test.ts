import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { EMPTY_QUERY } from "@/lib/calls/query";
import { seedCalls } from "@/lib/testing/seed-calls";
import { DatasetMismatch } from "./dataset-marker";
import { openStore, type Store } from "./index";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "callscope-marker-"));
const file = path.join(dir, "callscope.db");
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Opens the index as `dataset`, runs `work`, closes it. */
async function withStore<T>(dataset: string, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(file, dataset);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

const fill = (dataset: string) =>
  withStore(dataset, async (store) => {
    await store.calls.upsert(
      seedCalls(20).map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
    );
    return (await store.calls.list(EMPTY_QUERY, "Asia/Shanghai")).items[0]!.id;
  });
const count = (dataset: string) =>
  withStore(dataset, (store) => store.calls.count(EMPTY_QUERY, "Asia/Shanghai"));

test("demo calls never mix with a configured deployment's, and a demo never clears real calls", async () => {
  const id = await fill("demo:400");
  await withStore("demo:400", (store) => store.reviews.update(id, { status: "flagged" }, "lee"));
  expect(await count("demo:400")).toBe(20); // the same demo: kept
  expect(await count("demo:1000")).toBe(0); // another demo size makes other calls: cleared
  // Reviews are keyed by the call's public id and survive the clear.
  expect(await withStore("demo:1000", async (store) => (await store.reviews.get(id)).status)).toBe("flagged");
  await fill("demo:1000");
  expect(await count("config")).toBe(0); // a real deployment starts without the fake calls
  await fill("config");
  await expect(openStore(file, "demo:400")).rejects.toThrow(DatasetMismatch);
  expect(await count("config")).toBe(20); // …and the refused demo cleared nothing
});

test("an index from before the marker keeps its calls when a configured server starts on it", async () => {
  await fill("config");
  // What an index written before markers existed (or by a bulk fill) looks like: calls, no marker.
  await withStore("config", (store) => store.sql.run("DELETE FROM settings WHERE key = 'dataset'"));
  await expect(openStore(file, "demo:400")).rejects.toThrow(DatasetMismatch); // may be real: the demo refuses it
  expect(await count("config")).toBe(20); // upgraded in place, nothing cleared
  expect(
    await withStore("config", (store) => store.sql.get("SELECT value FROM settings WHERE key = 'dataset'")),
  ).toEqual({
    value: "config",
  });
});
