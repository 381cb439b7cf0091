import { NextRequest } from "next/server";
import { startSession } from "@/lib/auth/session";
import type { User, UserDirectory } from "@/lib/auth/users";
import type { Config, Role } from "@/lib/config";
import { assembleRuntime } from "@/lib/server/assemble-runtime";
import { installedRuntime, installRuntime, type Runtime, type SourceRuntime } from "@/lib/server/runtime";
import { PEER_HEADER, peerStamp } from "@/lib/server/peer";
import type { Store } from "@/lib/store";
import { openTestStore } from "./store";

/**
 * A runtime for route tests: an in-memory index, the given sources, and one user per role
 * (password = username), wired by the server's own assembleRuntime. Installed so route handlers'
 * getRuntime() answers with it.
 */

export const TEST_SECRET = Buffer.alloc(32, 7);

export function testUsers(open = false): UserDirectory {
  const users = new Map<string, User>(
    (["operator", "supervisor", "admin"] as Role[]).map((role) => [
      role,
      { username: role, role, name: null, passwordHash: `scrypt$test-${role}` },
    ]),
  );
  return { find: (name) => users.get(name) ?? null, open, demo: false };
}

/** A config for tests: in-memory index, no users, no periodic sync; `overrides` win. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    sources: [],
    timezone: "Asia/Shanghai",
    recordingHosts: [],
    users: [],
    database: ":memory:",
    syncIntervalMinutes: 0,
    alerts: [],
    ...overrides,
  };
}

export async function createTestRuntime(
  options: {
    store?: Store;
    sources?: Map<string, SourceRuntime>;
    config?: Partial<Config>;
    open?: boolean;
  } = {},
): Promise<Runtime> {
  const store = options.store ?? (await openTestStore());
  const sources = options.sources ?? new Map<string, SourceRuntime>();
  const config = testConfig({
    sources: [...sources.values()].map((source) => source.config),
    ...options.config,
  });
  const runtime = assembleRuntime({
    mode: "file",
    config,
    store,
    sources,
    users: testUsers(options.open),
    sessionSecret: TEST_SECRET,
    // Tests drive syncs themselves: no schedule, and opening the list never starts one.
    syncIntervalMs: 0,
  });
  installRuntime(runtime);
  return runtime;
}

/** A new server-side session for the test user of `role`, in the runtime the routes will use. */
export function sessionAs(
  role: Role,
  now = Date.now(),
): Promise<{ value: string; id: string; expiresAt: number }> {
  const installed = installedRuntime();
  if (!installed) throw new Error("create a test runtime before making requests as a user");
  return startSession(
    { sessions: installed.store.sessions, secret: installed.sessionSecret },
    { username: role, passwordHash: `scrypt$test-${role}` },
    { ip: null, userAgent: "test" },
    now,
  );
}

/** A request as a signed-in user of `role` (or nobody) would send it. */
export async function requestAs(
  role: Role | null,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<NextRequest> {
  const headers = new Headers(init.headers);
  if (role) {
    const { value } = await sessionAs(role);
    headers.set("cookie", `callscope_session=${value}`);
  }
  if (init.body !== undefined) headers.set("content-type", "application/json");
  // Every HTTP/1.1 request names its host; browsers always do.
  if (!headers.has("host")) headers.set("host", "localhost:3000");
  return new NextRequest(new URL(path, "http://localhost:3000"), {
    method: init.method ?? "GET",
    headers,
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === "string"
          ? init.body
          : JSON.stringify(init.body),
  });
}

/** Headers of a request that arrived over a connection from `address` (as the server stamps it). */
export function fromAddress(address: string, encrypted = false): Record<string, string> {
  return { [PEER_HEADER]: peerStamp({ address, encrypted }) };
}

/** The route context Next.js passes: params as a promise. */
export function paramsOf<P>(params: P): { params: Promise<P> } {
  return { params: Promise.resolve(params) };
}
