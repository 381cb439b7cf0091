import { afterEach, expect, test } from "vitest";
import type { Store } from "@/lib/store";
import { openTestStore } from "@/lib/testing/store";

/** The sync lease that several instances sharing one index take turns with (one syncs a source at a time). */

let store: Store | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
});

test("taken when free or run out; each taking raises the token; a holder renews only its own", async () => {
  store = await openTestStore();
  const { leases } = store;
  const a = await leases.acquire("src", "a", 1_000, 10_000);
  expect(a).not.toBeNull();
  expect(await leases.acquire("src", "b", 1_000, 10_500)).toBeNull();
  expect(await leases.renew("src", a!, 1_000, 10_900)).toBe(true);
  expect(await leases.get("src")).toMatchObject({ holder: "a", token: a, expiresAt: 11_900 });
  // Run out, and taken by b: a's token no longer renews.
  const b = await leases.acquire("src", "b", 1_000, 12_000);
  expect(b).toBe(a! + 1);
  expect(await leases.renew("src", a!, 1_000, 12_100)).toBe(false);
  expect(await leases.holds("src", b!, 12_100)).toBe(true);
});

test("a holder that stalled past its lease carries on when nobody took the source meanwhile", async () => {
  store = await openTestStore();
  const { leases } = store;
  const token = await leases.acquire("src", "a", 1_000, 10_000);
  // Its renewal comes 5 s late (a stalled process): the lease ran out, but nobody took it.
  expect(await leases.renew("src", token!, 1_000, 15_000)).toBe(true);
  expect(await leases.acquire("src", "b", 1_000, 15_500)).toBeNull();
  // Released: over, and not renewed by a renewal that arrives after.
  await leases.release("src", token!);
  expect(await leases.renew("src", token!, 1_000, 15_600)).toBe(false);
  expect(await leases.acquire("src", "b", 1_000, 15_600)).toBe(token! + 1);
});

test("expireAll lets every lease go (SQLite's start-up after a crash)", async () => {
  store = await openTestStore();
  const { leases } = store;
  const now = Date.now();
  await leases.acquire("one", "dead", 60_000, now);
  await leases.acquire("two", "dead", 60_000, now);
  expect(await leases.acquire("one", "new", 60_000, now + 1)).toBeNull();
  await leases.expireAll();
  expect(await leases.acquire("one", "new", 60_000, now + 1)).not.toBeNull();
  expect(await leases.acquire("two", "new", 60_000, now + 1)).not.toBeNull();
});
