import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DELETE as endOne } from "@/app/api/admin/sessions/[id]/route";
import { DELETE as endAll, GET as listSessions } from "@/app/api/admin/sessions/route";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { GET as who } from "@/app/api/auth/session/route";
import { hashPassword } from "@/lib/auth/password";
import type { User, UserDirectory } from "@/lib/auth/users";
import type { Runtime } from "@/lib/server/runtime";
import { installRuntime } from "@/lib/server/runtime";
import { createTestRuntime, paramsOf, requestAs, sessionAs } from "@/lib/testing/runtime";

/** Finding 2: a session is a server-side record; ending it kills every copy of its cookie. */

let runtime: Runtime;
const users = new Map<string, User>();

beforeAll(async () => {
  runtime = await createTestRuntime();
  const base = runtime.users;
  users.set("lee", {
    username: "lee",
    role: "operator",
    name: null,
    passwordHash: await hashPassword("old pw"),
  });
  const directory: UserDirectory = {
    ...base,
    find: (name) => users.get(name) ?? base.find(name),
  };
  Object.assign(runtime, { users: directory });
});
afterAll(async () => {
  await runtime.close();
  installRuntime(null);
});

const withCookie = async (cookie: string, path = "/api/auth/session", method = "GET") =>
  await requestAs(null, path, { method, headers: { cookie: `callscope_session=${cookie}` } });

async function signIn(password = "old pw"): Promise<string> {
  const response = await login(
    await requestAs(null, "/api/auth/login", { method: "POST", body: { username: "lee", password } }),
    paramsOf({}),
  );
  expect(response.status).toBe(200);
  return /callscope_session=([^;]+)/.exec(response.headers.get("set-cookie")!)![1]!;
}

describe("finding 2: sessions end on the server", () => {
  test("after logout, a copy of the old cookie is a 401", async () => {
    const cookie = await signIn();
    expect((await who(await withCookie(cookie), paramsOf({}))).status).toBe(200);
    expect((await logout(await withCookie(cookie, "/api/auth/logout", "POST"), paramsOf({}))).status).toBe(
      200,
    );
    expect((await who(await withCookie(cookie), paramsOf({}))).status).toBe(401);
  });

  test("a password change ends the sessions made with the old password; a removed user's too", async () => {
    const cookie = await signIn();
    const saved = users.get("lee")!;
    users.set("lee", { ...saved, passwordHash: await hashPassword("new pw") });
    expect((await who(await withCookie(cookie), paramsOf({}))).status).toBe(401);
    const fresh = await signIn("new pw");
    users.delete("lee");
    expect((await who(await withCookie(fresh), paramsOf({}))).status).toBe(401);
    users.set("lee", saved);
    // Ended for good: the user coming back does not revive it.
    expect((await who(await withCookie(fresh), paramsOf({}))).status).toBe(401);
  });

  test("a session unused for an hour has ended, though its 12 hours are not over", async () => {
    const stale = await sessionAs("operator", Date.now() - 61 * 60_000);
    expect((await who(await withCookie(stale.value), paramsOf({}))).status).toBe(401);
    const recent = await sessionAs("operator", Date.now() - 59 * 60_000);
    expect((await who(await withCookie(recent.value), paramsOf({}))).status).toBe(200);
  });

  test("an admin sees a user's sessions and ends one, or all of them", async () => {
    const first = await signIn();
    const second = await signIn();
    const listed = (await (
      await listSessions(await requestAs("admin", "/api/admin/sessions?username=lee"), paramsOf({}))
    ).json()) as { items: { id: string; username: string; ip: string | null }[] };
    expect(listed.items.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(listed)).not.toContain(first);
    const newest = listed.items[0]!.id;
    const ended = await endOne(
      await requestAs("admin", `/api/admin/sessions/${newest}`, { method: "DELETE" }),
      paramsOf({ id: newest }),
    );
    expect(ended.status).toBe(204);
    expect((await who(await withCookie(second), paramsOf({}))).status).toBe(401);
    expect((await who(await withCookie(first), paramsOf({}))).status).toBe(200);
    const all = await endAll(
      await requestAs("admin", "/api/admin/sessions?username=lee", { method: "DELETE" }),
      paramsOf({}),
    );
    expect(await all.json()).toMatchObject({ ended: expect.any(Number) });
    expect((await who(await withCookie(first), paramsOf({}))).status).toBe(401);
    expect((await runtime.store.audit.list({ action: "session.end" }))[0]).toMatchObject({
      username: "admin",
      target: "lee",
    });
  });

  test("operators and supervisors may not list or end sessions", async () => {
    for (const role of ["operator", "supervisor"] as const) {
      expect((await listSessions(await requestAs(role, "/api/admin/sessions"), paramsOf({}))).status).toBe(
        403,
      );
      expect(
        (
          await endAll(
            await requestAs(role, "/api/admin/sessions?username=admin", { method: "DELETE" }),
            paramsOf({}),
          )
        ).status,
      ).toBe(403);
    }
  });
});
