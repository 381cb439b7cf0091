import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as dailyRoute } from "@/app/api/analytics/daily/route";
import { GET as dropoffRoute } from "@/app/api/analytics/dropoff/route";
import { GET as agreementRoute } from "@/app/api/analytics/intent-agreement/route";
import { DELETE as endSessions, GET as adminSessions } from "@/app/api/admin/sessions/route";
import { GET as auditRoute } from "@/app/api/audit/route";
import { DELETE as deleteAnnotation } from "@/app/api/calls/[id]/annotations/[annotationId]/route";
import { GET as annotations, POST as annotate } from "@/app/api/calls/[id]/annotations/route";
import { GET as batchNext } from "@/app/api/review-batches/[id]/next/route";
import { GET as batch } from "@/app/api/review-batches/[id]/route";
import { GET as batches, POST as createBatch } from "@/app/api/review-batches/route";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { GET as neighbors } from "@/app/api/calls/[id]/neighbors/route";
import { GET as peaks } from "@/app/api/calls/[id]/peaks/route";
import { GET as recording } from "@/app/api/calls/[id]/recording/route";
import { PATCH as review } from "@/app/api/calls/[id]/review/route";
import { GET as detail } from "@/app/api/calls/[id]/route";
import { GET as list } from "@/app/api/calls/route";
import { GET as stats } from "@/app/api/calls/stats/route";
import { GET as metrics } from "@/app/api/metrics/route";
import { GET as openapi } from "@/app/api/openapi.json/route";
import { GET as quarantine } from "@/app/api/quarantine/route";
import { GET as sources } from "@/app/api/sources/route";
import { POST as sync } from "@/app/api/sources/[id]/sync/route";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { EMPTY_QUERY } from "@/lib/calls/query";
import type { Role } from "@/lib/config";
import type { CallDetail, CallList } from "@/lib/model";
import { fromAddress, paramsOf, requestAs, sessionAs } from "@/lib/testing/runtime";
import { startSimulatedRuntime } from "@/lib/testing/simulated-runtime";

let env: Awaited<ReturnType<typeof startSimulatedRuntime>>;
let callId = "";
let callee = "";

beforeAll(async () => {
  env = await startSimulatedRuntime({ calls: 20 });
  await env.runtime.sync.syncAll("test");
  const answered = (
    await env.runtime.store.calls.list(
      { ...EMPTY_QUERY, source: ["hz-robot"], result: ["answered"], limit: 1 },
      "Asia/Shanghai",
    )
  ).items[0]!;
  callId = answered.id;
  callee = answered.callee;
});
afterAll(() => env.close());

type Who = Role | null;

/** A batch to read, drawn on first use. */
let drawn: string | null = null;
async function batchId(): Promise<string> {
  drawn ??= (
    await env.runtime.store.batches.create(
      {
        name: "access",
        queryString: "",
        query: EMPTY_QUERY,
        size: 3,
        share: null,
        stratify: null,
        seed: 1,
      },
      "Asia/Shanghai",
      "supervisor",
    )
  ).id;
  return drawn;
}
type Call = (who: Who) => Promise<Response>;

const ROUTES: Record<string, { call: Call; allowed: Who[] }> = {
  "GET /api/calls": {
    call: async (who) => list(await requestAs(who, "/api/calls"), paramsOf({})),
    allowed: ["operator", "supervisor", "admin"],
  },
  "GET /api/analytics/dropoff": {
    call: async (who) => dropoffRoute(await requestAs(who, "/api/analytics/dropoff"), paramsOf({})),
    allowed: ["operator", "supervisor", "admin"],
  },
  "GET /api/analytics/intent-agreement": {
    call: async (who) =>
      agreementRoute(await requestAs(who, "/api/analytics/intent-agreement"), paramsOf({})),
    allowed: ["supervisor", "admin"],
  },
  "GET /api/analytics/daily": {
    call: async (who) => dailyRoute(await requestAs(who, "/api/analytics/daily"), paramsOf({})),
    allowed: ["operator", "supervisor", "admin"],
  },
  "GET /api/calls/stats": {
    call: async (who) => stats(await requestAs(who, "/api/calls/stats"), paramsOf({})),
    allowed: ["operator", "supervisor", "admin"],
  },
  "GET /api/calls/{id}": {
    call: async (who) => detail(await requestAs(who, `/api/calls/${callId}`), paramsOf({ id: callId })),
    allowed: ["operator", "supervisor", "admin"],
  },
  "GET /api/calls/{id}/recording": {
    call: async (who) =>
      recording(
        await requestAs(who, `/api/calls/${callId}/recording`, { headers: { range: "bytes=0-9" } }),
        paramsOf({ id: callId }),
      ),
    allowed: ["operator", "supervisor", "admin"],
  },
  "GET /api/calls/{id}/peaks": {
    call: async (who) => peaks(await requestAs(who, `/api/calls/${callId}/peaks`), paramsOf({ id: callId })),
    allowed: ["operator", "supervisor", "admin"],
  },
  "GET /api/calls/{id}/neighbors": {
    call: async (who) =>
      neighbors(await requestAs(who, `/api/calls/${callId}/neighbors`), paramsOf({ id: callId })),
    allowed: ["operator", "supervisor", "admin"],
  },
  "PATCH /api/calls/{id}/review": {
    call: async (who) =>
      review(
        await requestAs(who, `/api/calls/${callId}/review`, {
          method: "PATCH",
          body: { status: "reviewed" },
        }),
        paramsOf({ id: callId }),
      ),
    allowed: ["supervisor", "admin"],
  },
  "GET /api/calls/{id}/annotations": {
    call: async (who) =>
      annotations(await requestAs(who, `/api/calls/${callId}/annotations`), paramsOf({ id: callId })),
    allowed: ["operator", "supervisor", "admin"],
  },
  "POST /api/calls/{id}/annotations": {
    call: async (who) =>
      annotate(
        await requestAs(who, `/api/calls/${callId}/annotations`, {
          method: "POST",
          body: { utterance: 0, label: "good" },
        }),
        paramsOf({ id: callId }),
      ),
    allowed: ["supervisor", "admin"],
  },
  "DELETE /api/calls/{id}/annotations/{annotationId} (an admin's own)": {
    call: async (who) => {
      // A fresh annotation by an admin each time: only its author or an admin may delete it.
      const annotation = await env.runtime.store.annotations.add(
        callId,
        { atMs: 0, utterance: null, label: "note", note: null },
        "admin",
      );
      return deleteAnnotation(
        await requestAs(who, `/api/calls/${callId}/annotations/${annotation.id}`, { method: "DELETE" }),
        paramsOf({ id: callId, annotationId: annotation.id }),
      );
    },
    allowed: ["admin"],
  },
  "GET /api/review-batches": {
    call: async (who) => batches(await requestAs(who, "/api/review-batches"), paramsOf({})),
    allowed: ["operator", "supervisor", "admin"],
  },
  "POST /api/review-batches": {
    call: async (who) =>
      createBatch(
        await requestAs(who, "/api/review-batches", {
          method: "POST",
          body: { name: "抽检", query: "result=answered", size: 2 },
        }),
        paramsOf({}),
      ),
    allowed: ["supervisor", "admin"],
  },
  "GET /api/review-batches/{id}": {
    call: async (who) => {
      const id = await batchId();
      return batch(await requestAs(who, `/api/review-batches/${id}`), paramsOf({ id }));
    },
    allowed: ["operator", "supervisor", "admin"],
  },
  "GET /api/review-batches/{id}/next": {
    call: async (who) => {
      const id = await batchId();
      return batchNext(await requestAs(who, `/api/review-batches/${id}/next`), paramsOf({ id }));
    },
    allowed: ["operator", "supervisor", "admin"],
  },
  "GET /api/sources": {
    call: async (who) => sources(await requestAs(who, "/api/sources"), paramsOf({})),
    allowed: ["operator", "supervisor", "admin"],
  },
  "POST /api/sources/{id}/sync": {
    call: async (who) =>
      sync(await requestAs(who, "/api/sources/tanyi/sync", { method: "POST" }), paramsOf({ id: "tanyi" })),
    allowed: ["admin"],
  },
  "GET /api/audit": {
    call: async (who) => auditRoute(await requestAs(who, "/api/audit"), paramsOf({})),
    allowed: ["admin"],
  },
  "GET /api/admin/sessions": {
    call: async (who) => adminSessions(await requestAs(who, "/api/admin/sessions"), paramsOf({})),
    allowed: ["admin"],
  },
  "DELETE /api/admin/sessions?username=": {
    call: async (who) =>
      endSessions(
        await requestAs(who, "/api/admin/sessions?username=nobody", { method: "DELETE" }),
        paramsOf({}),
      ),
    allowed: ["admin"],
  },
  "GET /api/quarantine": {
    call: async (who) => quarantine(await requestAs(who, "/api/quarantine"), paramsOf({})),
    allowed: ["admin"],
  },
  "GET /api/metrics": {
    call: async (who) => metrics(await requestAs(who, "/api/metrics"), paramsOf({})),
    allowed: ["admin"],
  },
  "GET /api/openapi.json": {
    call: async (who) => openapi(await requestAs(who, "/api/openapi.json"), paramsOf({})),
    allowed: ["operator", "supervisor", "admin"],
  },
};

describe("who may do what", () => {
  const cases = Object.entries(ROUTES).flatMap(([name, route]) =>
    ([null, "operator", "supervisor", "admin"] as Who[]).map(
      (who) =>
        [name, who ?? "nobody", route.allowed.includes(who) ? "allowed" : who ? "403" : "401"] as const,
    ),
  );
  test.each(cases)("%s as %s: %s", async (name, whoName, expected) => {
    const who = whoName === "nobody" ? null : (whoName as Role);
    const response = await ROUTES[name]!.call(who);
    if (expected === "allowed") expect(response.status, await response.clone().text()).toBeLessThan(300);
    else {
      expect(response.status).toBe(Number(expected));
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        expected === "401" ? "unauthorized" : "forbidden",
      );
    }
  });
});

describe("sessions", () => {
  test("a made-up, altered or truncated cookie is no session", async () => {
    const { value } = await sessionAs("operator");
    for (const cookie of [`${value.slice(0, -2)}xx`, value.slice(1), "garbage", `${value}.${value}`]) {
      const response = await list(
        await requestAs(null, "/api/calls", { headers: { cookie: `callscope_session=${cookie}` } }),
        paramsOf({}),
      );
      expect(response.status, cookie).toBe(401);
    }
  });

  test("middleware-bypass headers change nothing: every handler checks the session itself", async () => {
    for (const header of [
      "middleware",
      "middleware:middleware:middleware:middleware:middleware",
      "src/middleware",
      "proxy",
    ]) {
      const response = await list(
        await requestAs(null, "/api/calls", { headers: { "x-middleware-subrequest": header } }),
        paramsOf({}),
      );
      expect(response.status).toBe(401);
    }
  });

  test("an expired session is no session", async () => {
    const { value } = await sessionAs("admin", Date.now() - 13 * 3600_000);
    const response = await list(
      await requestAs(null, "/api/calls", { headers: { cookie: `callscope_session=${value}` } }),
      paramsOf({}),
    );
    expect(response.status).toBe(401);
  });

  test("logout clears the cookie; without a session it is a 401 like every other route", async () => {
    const response = await logout(
      await requestAs("operator", "/api/auth/logout", { method: "POST" }),
      paramsOf({}),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(
      /^callscope_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/,
    );
    const anonymous = await logout(
      await requestAs(null, "/api/auth/logout", { method: "POST" }),
      paramsOf({}),
    );
    expect(anonymous.status).toBe(401);
  });

  test("a state change from another origin is refused", async () => {
    const response = await review(
      await requestAs("admin", `/api/calls/${callId}/review`, {
        method: "PATCH",
        body: { status: "flagged" },
        headers: { origin: "https://evil.example" },
      }),
      paramsOf({ id: callId }),
    );
    expect(response.status).toBe(403);
  });
});

describe("signing in", () => {
  beforeAll(async () => {
    // A real scrypt user for the login route (the test users' hashes are placeholders).
    const hash = await hashPassword("correct horse");
    const users = env.runtime.users;
    Object.assign(env.runtime, {
      users: {
        ...users,
        find: (name: string) =>
          name === "lee" || name === "zhou"
            ? { username: name, role: "supervisor", name: null, passwordHash: hash }
            : users.find(name),
      },
    });
  });

  const attempt = async (password: string, ip = "203.0.113.7", username = "lee") =>
    login(
      await requestAs(null, "/api/auth/login", {
        method: "POST",
        body: { username, password },
        headers: fromAddress(ip),
      }),
      paramsOf({}),
    );

  test("the right password gives an HttpOnly, SameSite=Lax session cookie; Secure behind https", async () => {
    const response = await attempt("correct horse");
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(
      /^callscope_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/,
    );
    const https = await login(
      await requestAs(null, "/api/auth/login", {
        method: "POST",
        body: { username: "lee", password: "correct horse" },
        headers: fromAddress("198.51.100.77", true),
      }),
      paramsOf({}),
    );
    expect(https.headers.get("set-cookie")).toMatch(/; Secure$/);
  });

  test("a wrong password is a 401; a malformed body a 400", async () => {
    expect((await attempt("nope", "198.51.100.1")).status).toBe(401);
    const malformed = await login(
      await requestAs(null, "/api/auth/login", { method: "POST", body: "{not json" }),
      paramsOf({}),
    );
    expect(malformed.status).toBe(400);
  });

  test("password guessing is slowed: after 5 failures from one client even the right password waits, with Retry-After", async () => {
    for (let i = 0; i < 5; i++) expect((await attempt(`guess-${i}`, "192.0.2.50", "zhou")).status).toBe(401);
    const locked = await attempt("correct horse", "192.0.2.50", "zhou");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  test("npm run user:hash prints a hash the server accepts", async () => {
    const hash = execFileSync(process.execPath, ["lib/auth/hash-cli.mjs", "小明的密码"], {
      encoding: "utf8",
    }).trim();
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword("小明的密码", hash)).toBe(true);
    expect(await verifyPassword("wrong", hash)).toBe(false);
  });
});

describe("operators never see a whole phone number", () => {
  test("list, detail and search by the full number", async () => {
    const masked = `${callee.slice(0, 3)}****${callee.slice(-4)}`;
    const page = (await (
      await list(await requestAs("operator", `/api/calls?q=${callee}`), paramsOf({}))
    ).json()) as CallList;
    expect(page.items.map((item) => item.id)).toContain(callId);
    for (const item of page.items) expect(item.callee).not.toBe(callee);
    expect(page.items.find((item) => item.id === callId)!.callee).toBe(masked);
    const call = (await (
      await detail(await requestAs("operator", `/api/calls/${callId}`), paramsOf({ id: callId }))
    ).json()) as CallDetail;
    expect(call.callee).toBe(masked);
    expect(JSON.stringify(call)).not.toContain(callee);
    const supervisor = (await (
      await detail(await requestAs("supervisor", `/api/calls/${callId}`), paramsOf({ id: callId }))
    ).json()) as CallDetail;
    expect(supervisor.callee).toBe(callee);
  });

  test("the audit log records who opened and played what, from where", async () => {
    await detail(
      await requestAs("operator", `/api/calls/${callId}`, { headers: fromAddress("10.1.2.3") }),
      paramsOf({ id: callId }),
    );
    const entries = env.runtime.store.audit.list({ action: "call.open", username: "operator" });
    expect((await entries)[0]).toMatchObject({ target: callId, role: "operator", ip: "10.1.2.3" });
    const plays = env.runtime.store.audit.list({ action: "recording.play" });
    expect((await plays).length).toBeGreaterThan(0);
  });
});
