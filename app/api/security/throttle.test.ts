import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { hashPassword } from "@/lib/auth/password";
import type { Runtime } from "@/lib/server/runtime";
import { installRuntime } from "@/lib/server/runtime";
import { createTestRuntime, fromAddress, paramsOf, requestAs } from "@/lib/testing/runtime";
import { openSharedTestStores } from "@/lib/testing/store";

/** Finding 8: the sign-in throttle cannot be raced, and nobody can lock a user out from elsewhere. */

let runtime: Runtime;
let hash: string;
/** "racer", "victim" and "shared" are admins whose password is "right one". */
function withUsers(target: Runtime): Runtime {
  const base = target.users;
  return Object.assign(target, {
    users: {
      ...base,
      find: (name: string) =>
        ["racer", "victim", "shared"].includes(name)
          ? { username: name, role: "admin", name: null, passwordHash: hash }
          : base.find(name),
    },
  });
}
beforeAll(async () => {
  hash = await hashPassword("right one");
  runtime = withUsers(await createTestRuntime());
});
afterAll(async () => {
  await runtime.close();
  installRuntime(null);
});

const attempt = async (username: string, password: string, ip: string) =>
  login(
    await requestAs(null, "/api/auth/login", {
      method: "POST",
      body: { username, password },
      headers: fromAddress(ip),
    }),
    paramsOf({}),
  );

describe("finding 8: sign-in throttle", () => {
  test("20 guesses sent at once: only the first 5 are heard, the rest wait", async () => {
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        attempt("racer", `guess-${i}`, "203.0.113.20").then((r) => r.status),
      ),
    );
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(15);
  });

  test("failures from one client do not lock the user out from another", async () => {
    for (let i = 0; i < 8; i++) await attempt("victim", `wrong-${i}`, "203.0.113.30");
    expect((await attempt("victim", "right one", "203.0.113.30")).status).toBe(429);
    expect((await attempt("victim", "right one", "198.51.100.31")).status).toBe(200);
  });

  test("one client guessing many names is slowed too", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await attempt(`name-${i}`, "x", "203.0.113.40")).status);
    expect(statuses.at(-1)).toBe(429);
  });

  test("two instances on one index share the count: failures on one lock the client out of the other", async () => {
    const [a, b] = await openSharedTestStores(2);
    const one = withUsers(await createTestRuntime({ store: a }));
    const two = withUsers(await createTestRuntime({ store: b }));
    try {
      const on = async (instance: Runtime, password: string) => {
        installRuntime(instance);
        return (await attempt("shared", password, "203.0.113.50")).status;
      };
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push(await on(i % 2 ? two : one, `wrong-${i}`));
      expect(statuses).toEqual([401, 401, 401, 401, 401]);
      // Even the right password waits now, on either instance: the count is the index's, not a process's.
      expect(await on(one, "right one")).toBe(429);
      expect(await on(two, "right one")).toBe(429);
      // And it is the index's: an instance on another index (in this very process) has counted nothing.
      const elsewhere = withUsers(await createTestRuntime());
      try {
        expect(await on(elsewhere, "right one")).toBe(200);
      } finally {
        await elsewhere.close();
      }
    } finally {
      await one.close();
      await two.close();
      installRuntime(runtime);
    }
  });
});
