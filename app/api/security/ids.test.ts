import { EMPTY_QUERY } from "@/lib/calls/query";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { openStore, type Store } from "@/lib/store";
import { openTestStore } from "@/lib/testing/store";
import { seedCalls } from "@/lib/testing/seed-calls";

/**
 * Finding 7: a call without a vendor id is keyed by task|callee|time. Its public id must not be a
 * plain hash of that, or the masked digits fall to 10⁴ offline guesses against the id.
 */

const seed = seedCalls(1, 5)[0]!;
seed.call.key = `t1|${seed.call.summary.callee}|2026-11-20 09:00:00`;

async function idIn(store: Store): Promise<string> {
  await store.calls.upsert([{ ...seed, from: "list" }]);
  return (await store.calls.list({ ...EMPTY, numbers: "any" }, "Asia/Shanghai")).items[0]!.id;
}

const EMPTY = EMPTY_QUERY;

test("an id cannot be recomputed from the source, task, number and time without the server's key", async () => {
  const a = await openTestStore();
  const b = await openTestStore();
  const id = await idIn(a);
  const plain = createHash("sha256")
    .update(seed.sourceId)
    .update("\u0000")
    .update(seed.call.key)
    .digest("base64url");
  expect(id).not.toBe(plain.slice(0, 22));
  // Guessing the hidden digits: no candidate number's plain hash is the id.
  const callee = seed.call.summary.callee;
  const hits = Array.from(
    { length: 10_000 },
    (_, n) => `${callee.slice(0, 3)}${String(n).padStart(4, "0")}${callee.slice(7)}`,
  )
    .map((number) =>
      createHash("sha256")
        .update(seed.sourceId)
        .update("\u0000")
        .update(seed.call.key.replace(callee, number))
        .digest("base64url")
        .slice(0, 22),
    )
    .filter((candidate) => candidate === id);
  expect(hits).toEqual([]);
  // Another index has another key: another id.
  expect(await idIn(b)).not.toBe(id);
  await a.close();
  await b.close();
});

test("the key is kept with the index: reopened, the same call has the same id", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "callscope-ids-"));
  const file = path.join(dir, "index.db");
  const first = await openStore(file);
  const id = await idIn(first);
  await first.close();
  const again = await openStore(file);
  await again.calls.upsert([{ ...seed, call: { ...seed.call, key: `${seed.call.key}` }, from: "list" }]);
  expect(
    (await again.calls.list({ ...EMPTY, numbers: "any" }, "Asia/Shanghai")).items.map((item) => item.id),
  ).toEqual([id]);
  await again.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
