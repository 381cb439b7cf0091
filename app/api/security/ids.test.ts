import { EMPTY_QUERY } from "@/lib/calls/query";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { openStore } from "@/lib/store";
import { seedCalls } from "@/lib/testing/seed-calls";

/**
 * Finding 7: a call without a vendor id is keyed by task|callee|time. Its public id must not be a
 * plain hash of that, or the masked digits fall to 10⁴ offline guesses against the id.
 */

const seed = seedCalls(1, 5)[0]!;
seed.call.key = `t1|${seed.call.summary.callee}|2026-11-20 09:00:00`;

function idIn(store: ReturnType<typeof openStore>): string {
  store.calls.upsert([{ ...seed, from: "list" }]);
  return store.calls.list({ ...EMPTY, numbers: "any" }, "Asia/Shanghai").items[0]!.id;
}

const EMPTY = EMPTY_QUERY;

test("an id cannot be recomputed from the source, task, number and time without the server's key", () => {
  const a = openStore(":memory:");
  const b = openStore(":memory:");
  const id = idIn(a);
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
  expect(idIn(b)).not.toBe(id);
  a.close();
  b.close();
});

test("the key is kept with the index: reopened, the same call has the same id", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "callscope-ids-"));
  const file = path.join(dir, "index.db");
  const first = openStore(file);
  const id = idIn(first);
  first.close();
  const again = openStore(file);
  again.calls.upsert([{ ...seed, call: { ...seed.call, key: `${seed.call.key}` }, from: "list" }]);
  expect(
    again.calls.list({ ...EMPTY, numbers: "any" }, "Asia/Shanghai").items.map((item) => item.id),
  ).toEqual([id]);
  again.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
