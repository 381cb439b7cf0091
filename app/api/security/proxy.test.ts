import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { parseConfig } from "@/lib/config";
import type { Runtime } from "@/lib/server/runtime";
import { installRuntime } from "@/lib/server/runtime";
import { createTestRuntime, fromAddress, paramsOf, requestAs } from "@/lib/testing/runtime";

/** Finding 5: X-Forwarded-For is believed only from the configured trustProxy addresses. */

let runtime: Runtime;
beforeAll(async () => {
  runtime = await createTestRuntime();
});
afterAll(async () => {
  await runtime.close();
  installRuntime(null);
});

async function failedSignInFrom(headers: Record<string, string>): Promise<string | null> {
  await login(
    await requestAs(null, "/api/auth/login", {
      method: "POST",
      body: { username: `u${Math.random()}`, password: "x" },
      headers,
    }),
    paramsOf({}),
  );
  return (await runtime.store.audit.list({ action: "auth.login_failed", limit: 1 }))[0]!.ip;
}

describe("finding 5: forwarded addresses", () => {
  test("by default a client's own X-Forwarded-For is ignored: the audit log has the connection's address", async () => {
    Object.assign(runtime.config, { trustProxy: undefined });
    expect(await failedSignInFrom({ ...fromAddress("198.51.100.9"), "x-forwarded-for": "1.2.3.4" })).toBe(
      "198.51.100.9",
    );
    // A forged stamp is no address at all, never the one it claims.
    expect(
      await failedSignInFrom({ "x-callscope-peer": "guess 1.2.3.4 tcp", "x-forwarded-for": "1.2.3.4" }),
    ).toBe(null);
  });

  test("from a trusted proxy, the first address right of it that no trusted proxy vouches for", async () => {
    Object.assign(runtime.config, { trustProxy: ["10.0.0.0/8", "fd00::1"] });
    const viaProxy = fromAddress("10.0.0.5");
    expect(await failedSignInFrom({ ...viaProxy, "x-forwarded-for": "1.2.3.4, 203.0.113.9" })).toBe(
      "203.0.113.9",
    );
    expect(await failedSignInFrom({ ...viaProxy, "x-forwarded-for": "203.0.113.9, 10.0.0.7" })).toBe(
      "203.0.113.9",
    );
    expect(await failedSignInFrom({ ...fromAddress("fd00::1"), "x-forwarded-for": "2001:db8::5" })).toBe(
      "2001:db8::5",
    );
    // An untrusted peer naming a trusted proxy's client changes nothing.
    expect(await failedSignInFrom({ ...fromAddress("203.0.113.50"), "x-forwarded-for": "1.2.3.4" })).toBe(
      "203.0.113.50",
    );
    Object.assign(runtime.config, { trustProxy: undefined });
  });

  test("the config takes addresses and CIDR blocks, and names a bad entry", () => {
    const config = parseConfig(
      JSON.stringify({ trustProxy: ["127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"] }),
      "c.json",
      {},
    );
    expect(config.trustProxy).toHaveLength(4);
    expect(() => parseConfig(JSON.stringify({ trustProxy: ["10.0.0.0/33"] }), "c.json", {})).toThrow(
      /trustProxy\[0\]/,
    );
    expect(() => parseConfig(JSON.stringify({ trustProxy: ["proxy.local"] }), "c.json", {})).toThrow(
      /trustProxy\[0\]/,
    );
  });
});

describe("X-Forwarded-Host and the same-origin check of changes", () => {
  afterEach(() => {
    Object.assign(runtime.config, { trustProxy: undefined });
  });

  /** Sign-out (a change) from a browser page, over a connection from `peer`. */
  const signOut = async (peer: string, headers: Record<string, string>) =>
    (
      await logout(
        await requestAs("operator", "/api/auth/logout", {
          method: "POST",
          headers: { ...fromAddress(peer), ...headers },
        }),
        paramsOf({}),
      )
    ).status;

  test("without trustProxy, a client naming its own origin as the forwarded host is refused", async () => {
    expect(await signOut("198.51.100.9", { origin: "http://evil.com", "x-forwarded-host": "evil.com" })).toBe(
      403,
    );
  });

  test("with trustProxy, only a configured proxy's X-Forwarded-Host is believed", async () => {
    Object.assign(runtime.config, { trustProxy: ["10.0.0.0/8"] });
    const viaProxy = {
      host: "10.0.0.2:3000",
      origin: "https://callscope.example.com",
      "x-forwarded-host": "callscope.example.com",
    };
    expect(await signOut("10.0.0.5", viaProxy)).toBe(200);
    expect(await signOut("203.0.113.50", viaProxy)).toBe(403);
    expect(await signOut("203.0.113.50", { origin: "http://evil.com", "x-forwarded-host": "evil.com" })).toBe(
      403,
    );
  });
});
