import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Config, parseConfig } from "@/lib/config";
import { forgetSecretsForTests, scrubSecrets } from "@/lib/secrets";
import { VENDORS } from "@/lib/vocabulary";
import { createVendorHttp } from "./http";
import { createAdapter, defaultRatePerSecond, sourceBaseUrl, sourceSecrets, VENDOR_PLUGINS } from "./index";
import { plugin as fifthVendor } from "./testing/fifth-vendor";

/**
 * The vendor registry: the app's four vendors each own their config, and a fifth is one folder
 * (./testing/fifth-vendor) plus one line in a registry.
 */

const TEST_REGISTRY = [...VENDOR_PLUGINS, fifthVendor] as const;

const FOLDERS = ["aliyun-dyvms", "aliyun-aiccs", "tanyi", "agent-api", "testing/fifth-vendor"] as const;

/** A vendor folder's module (the bundler resolves each pattern at build time: one variable per path segment). */
function load(folder: string, file: string) {
  return folder.startsWith("testing/")
    ? import(`./testing/${folder.slice("testing/".length)}/${file}.ts`)
    : import(`./${folder}/${file}.ts`);
}

describe("the app's registry", () => {
  it("lists the vendors of the browser's word list, in its order", () => {
    expect(VENDOR_PLUGINS.map((plugin) => plugin.id)).toEqual([...VENDORS]);
  });

  it("keeps each vendor's documented request limit", () => {
    const rates = Object.fromEntries(VENDOR_PLUGINS.map((p) => [p.id, p.config.defaults.ratePerSecond]));
    expect(rates).toEqual({ "aliyun-dyvms": 100, "aliyun-aiccs": 100, tanyi: 20, "agent-api": 20 });
  });

  it("names secret and base URL fields that each vendor's schema has", () => {
    for (const plugin of TEST_REGISTRY) {
      const shape = Object.keys(plugin.config.schema.shape);
      for (const field of [...plugin.config.secretFields, plugin.config.baseUrlField]) {
        expect(shape, `${plugin.id}: ${field}`).toContain(field);
      }
      expect(plugin.config.schema.shape.vendor.value).toBe(plugin.id);
    }
  });

  it.each(FOLDERS)("%s exports the same names as every other vendor folder", async (folder) => {
    const [config, client, schema, normalize, index] = await Promise.all(
      ["config", "client", "schema", "normalize", "index"].map((file) => load(folder, file)),
    );
    expect(Object.keys(config)).toEqual(expect.arrayContaining(["VENDOR", "SourceSchema", "config"]));
    expect(typeof client.createAdapter).toBe("function");
    expect(Object.keys(schema)).toEqual(expect.arrayContaining(["Envelope", "CallRecord"]));
    expect(typeof normalize.normalizeRecord).toBe("function");
    expect(typeof normalize.normalizeRecords).toBe("function");
    expect(index.plugin).toMatchObject({ id: config.VENDOR, config: config.config });
    expect(index.plugin.createAdapter).toBe(client.createAdapter);
  });
});

describe("a fifth vendor: one folder plus one registry line", () => {
  const calls = [
    {
      callId: "f-1",
      phone: "13800000001",
      dialledAt: 1_700_000_000,
      talkSeconds: 42,
      outcome: "接通",
      lines: [
        { who: "bot", said: "您好，这里是回访" },
        { who: "human", said: "好的" },
      ],
    },
    { callId: "f-2", phone: "13800000002", dialledAt: 1_700_000_100, talkSeconds: null, outcome: "BUSY" },
    { callId: "f-3", dialledAt: "yesterday" },
  ];
  let server: http.Server;
  let base = "";
  const seenKeys: (string | undefined)[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seenKeys.push(req.headers["x-api-key"] as string | undefined);
      const url = new URL(req.url ?? "/", "http://x");
      const page = Number(url.searchParams.get("page"));
      const body =
        url.pathname === "/v2/tasks/t-9/calls"
          ? {
              ok: true,
              calls: page === 1 ? calls.slice(0, 2) : calls.slice(2),
              nextPage: page === 1 ? 2 : null,
            }
          : { ok: false, error: "no such task" };
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`;
  });
  afterAll(async () => {
    forgetSecretsForTests();
    await new Promise((resolve) => server.close(resolve));
  });

  const file = (source: Record<string, unknown>) =>
    JSON.stringify({
      sources: [{ id: "five", vendor: "fifth-vendor", taskIds: ["t-9"], ...source }],
      auth: "none",
    });

  it("is accepted by the config of a registry that lists it, its key read from the environment", () => {
    const config = parseConfig(
      file({ apiBase: base, apiKey: "env:FIFTH_KEY" }),
      "test.json",
      { FIFTH_KEY: "k-5th-secret" },
      TEST_REGISTRY,
    );
    const [source] = config.sources;
    expect(source).toEqual({
      id: "five",
      vendor: "fifth-vendor",
      taskIds: ["t-9"],
      apiBase: base,
      apiKey: "k-5th-secret",
    });
    expect(scrubSecrets("key k-5th-secret leaked")).toBe("key [redacted] leaked");
    expect(sourceSecrets(source!, TEST_REGISTRY)).toEqual(["k-5th-secret"]);
    expect(sourceBaseUrl(source!, TEST_REGISTRY)).toBe(base);
    expect(defaultRatePerSecond(source!, TEST_REGISTRY)).toBe(7);
  });

  it("has its own fields checked: a typo is refused with the key's path and a guess", () => {
    expect(() =>
      parseConfig(file({ apiBase: base, apiKye: "x-123456" }), "test.json", {}, TEST_REGISTRY),
    ).toThrow(/sources\[0\]\.apiKye: unknown key \(did you mean "apiKey"\?\)/);
    expect(() =>
      parseConfig(file({ apiBase: "ftp://x", apiKey: "x-123456" }), "test.json", {}, TEST_REGISTRY),
    ).toThrow(/sources\[0\]\.apiBase: must be an http\(s\) URL/);
  });

  it("is refused by the app's own config, which names the vendors it has", () => {
    const result = Config.safeParse(JSON.parse(file({ apiBase: base, apiKey: "x-123456" })));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      "must be one of aliyun-dyvms, aliyun-aiccs, tanyi, agent-api, fifth-vendor".replace(
        ", fifth-vendor",
        "",
      ),
    );
    expect(() => parseConfig(file({ apiBase: base, apiKey: "x-123456" }), "test.json", {})).toThrow(
      /sources\[0\]\.vendor/,
    );
  });

  it("gets an adapter that lists, finds and normalizes its calls over HTTP", async () => {
    const config = parseConfig(
      file({ apiBase: base, apiKey: "k-5th-secret" }),
      "test.json",
      {},
      TEST_REGISTRY,
    );
    const source = config.sources[0]!;
    const adapter = createAdapter(
      source,
      "Asia/Shanghai",
      createVendorHttp({ label: "five", maxAttempts: 1 }),
      TEST_REGISTRY,
    );
    expect(adapter.vendor).toBe("fifth-vendor");

    const first = await adapter.listCalls("t-9", null);
    expect(first.nextCursor).toBe("2");
    expect(first.problems).toEqual([]);
    expect(first.calls.map((call) => call.summary)).toEqual([
      expect.objectContaining({
        vendorCallId: "f-1",
        callee: "13800000001",
        startedAt: "2023-11-15T06:13:20+08:00",
        durationSec: 42,
        result: "answered",
        rounds: 2,
      }),
      expect.objectContaining({
        vendorCallId: "f-2",
        result: "busy",
        resultLabel: "BUSY",
        durationSec: null,
      }),
    ]);
    expect(first.calls[0]?.transcript?.map((line) => `${line.speaker}:${line.text}`)).toEqual([
      "robot:您好，这里是回访",
      "customer:好的",
    ]);

    // The unreadable record is reported, not fatal to its page.
    const second = await adapter.listCalls("t-9", first.nextCursor);
    expect(second).toMatchObject({ calls: [], nextCursor: null });
    expect(second.problems).toEqual([
      expect.objectContaining({ taskId: "t-9", reason: expect.stringMatching(/^phone: /) }),
    ]);

    const found = await adapter.getCall(first.calls[1]!.locator);
    expect(found.summary.vendorCallId).toBe("f-2");
    expect(seenKeys.every((key) => key === "k-5th-secret")).toBe(true);

    const again = adapter.reprocess(calls[0], "t-9");
    expect(again.ok && again.call.key).toBe("f-1");
    await expect(adapter.listCalls("nope", null)).rejects.toThrow(/no such task/);
  });

  it("is refused by the app's own registry when asked for an adapter", () => {
    const source = { id: "five", vendor: "fifth-vendor", taskIds: ["t"], apiBase: base, apiKey: "k" };
    expect(() => createAdapter(source, "UTC", createVendorHttp({ label: "five" }))).toThrow(
      /no adapter for vendor fifth-vendor/,
    );
  });
});
