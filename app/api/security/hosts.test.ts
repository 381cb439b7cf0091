import { afterEach, describe, expect, test } from "vitest";
import { GET as list } from "@/app/api/calls/route";
import { buildHostPolicy, checkUrl, isPrivateAddress } from "@/lib/recording/host-policy";
import type { Runtime } from "@/lib/server/runtime";
import { installRuntime } from "@/lib/server/runtime";
import { createTestRuntime, paramsOf, requestAs } from "@/lib/testing/runtime";

/**
 * Finding 12: without sign-in, only configured host names are served (DNS rebinding); a source's
 * host is trusted for recordings on its own port only; fec0::/10 and IPv4-in-IPv6 are private.
 */

let runtime: Runtime | null = null;
afterEach(async () => {
  await runtime?.close();
  installRuntime(null);
});

const callsAt = async (host: string) =>
  list(await requestAs(null, "/api/calls", { headers: { host } }), paramsOf({})).then((r) => r.status);

describe("finding 12: Host allow-list without sign-in", () => {
  test('with "auth": "none", a rebinding name is refused; localhost names are served', async () => {
    runtime = await createTestRuntime({ open: true });
    expect(await callsAt("attacker.example:3000")).toBe(403);
    expect(await callsAt("127.0.0.1.nip.io:3000")).toBe(403);
    for (const host of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "LOCALHOST"])
      expect(await callsAt(host), host).toBe(200);
  });

  test("allowedHosts replaces the default names", async () => {
    runtime = await createTestRuntime({ open: true, config: { allowedHosts: ["callscope.lan"] } });
    expect(await callsAt("callscope.lan:8080")).toBe(200);
    expect(await callsAt("localhost:3000")).toBe(403);
  });

  test("demo mode checks the host too; a deployment with sign-in does not need to", async () => {
    runtime = await createTestRuntime();
    Object.assign(runtime, { mode: "demo" });
    expect(
      await list(
        await requestAs("operator", "/api/calls", { headers: { host: "evil.example" } }),
        paramsOf({}),
      ).then((r) => r.status),
    ).toBe(403);
    Object.assign(runtime, { mode: "file" });
    expect(
      await list(
        await requestAs("operator", "/api/calls", { headers: { host: "callscope.example.com" } }),
        paramsOf({}),
      ).then((r) => r.status),
    ).toBe(200);
  });
});

describe("finding 12: recording host policy", () => {
  const policy = buildHostPolicy(
    ["http://127.0.0.1:4010/tanyi", "https://openapi.tanyibot.com"],
    ["10.0.0.5:9000", "oss.example.com"],
  );
  const allowed = (url: string) => checkUrl(new URL(url), policy).allowed;

  test("a source's host is trusted on its own port only", () => {
    expect(allowed("http://127.0.0.1:4010/rec.wav")).toBe(true);
    expect(allowed("http://127.0.0.1:22/")).toBe(false);
    expect(allowed("http://127.0.0.1:6379/")).toBe(false);
    expect(allowed("https://openapi.tanyibot.com/rec.wav")).toBe(true);
    expect(allowed("https://openapi.tanyibot.com:8443/admin")).toBe(false);
    expect(allowed("http://10.0.0.5:9000/rec.wav")).toBe(true);
    expect(allowed("http://10.0.0.5:9001/")).toBe(false);
    expect(allowed("http://oss.example.com:8080/rec.wav")).toBe(true); // written without a port: any
  });

  test.each(["fec0::1", "feff::1", "::127.0.0.1", "::7f00:1", "::ffff:7f00:1", "::10.0.0.1", "::8.8.8.8"])(
    "%s is private",
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );
  test.each(["2606:4700::1111", "::ffff:8.8.8.8", "8.8.8.8"])("%s is public", (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );
});
