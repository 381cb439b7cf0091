import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  backgroundAnalysisOn,
  ConfigError,
  databaseLocation,
  databasePath,
  isConfigError,
  loadConfig,
  parseConfig,
  syncLeaseMs,
  wholeNumberFromEnv,
} from "./config";
import { forgetSecretsForTests, scrubSecrets } from "./secrets";

const HASH = "scrypt$16384$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA==";

function contractExample() {
  return {
    sources: [
      {
        id: "hz-robot",
        name: "杭州外呼",
        vendor: "aliyun-dyvms",
        endpoint: "https://dyvmsapi.aliyuncs.com",
        accessKeyId: "env:ALIYUN_AK_ID",
        accessKeySecret: "env:ALIYUN_AK_SECRET",
        taskIds: ["4001112222"],
      },
      {
        id: "aicc",
        vendor: "aliyun-aiccs",
        endpoint: "https://aiccs.aliyuncs.com",
        accessKeyId: "env:ALIYUN_AK_ID",
        accessKeySecret: "env:ALIYUN_AK_SECRET",
        taskIds: ["138000000001"],
      },
      {
        id: "tanyi",
        vendor: "tanyi",
        baseUrl: "https://openapi.tanyibot.com",
        appKey: "env:TANYI_KEY",
        appSecret: "env:TANYI_SECRET",
        tenantSign: "env:TANYI_TENANT",
        taskIds: ["50"],
      },
      {
        id: "agent",
        vendor: "agent-api",
        baseUrl: "https://ai.api.example.cn",
        userId: "4d99d91c-f5d9-49da-88da-758977cc58a9",
        token: "env:AGENT_TOKEN",
        taskIds: ["287e19c4-1966-49d6-8f02-b53ef11c0a55"],
      },
    ],
    timezone: "Asia/Shanghai",
    recordingHosts: ["*.aliyuncs.com"],
    users: [{ username: "lee", role: "supervisor", passwordHash: HASH }],
    database: "file:./data/callscope.db",
  };
}

const ENV = {
  ALIYUN_AK_ID: "LTAI5tExampleKeyId",
  ALIYUN_AK_SECRET: "aliyun-secret-value-123",
  TANYI_KEY: "tanyi-key-1",
  TANYI_SECRET: "tanyi-secret-value-456",
  TANYI_TENANT: "TENANT",
  AGENT_TOKEN: "agent-token-value-789",
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "callscope-config-"));
  forgetSecretsForTests();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(value: unknown): string {
  const file = path.join(dir, "callscope.config.json");
  fs.writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
  return file;
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (isConfigError(err)) return err;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("loading the config file", () => {
  test("the contract's example loads, with env: values read from the environment", () => {
    const file = write(contractExample());
    const loaded = loadConfig({ ...ENV, CALLSCOPE_CONFIG: file });
    expect(loaded.mode).toBe("file");
    const config = loaded.config!;
    expect(config.sources.map((source) => source.vendor)).toEqual([
      "aliyun-dyvms",
      "aliyun-aiccs",
      "tanyi",
      "agent-api",
    ]);
    const dyvms = config.sources[0]!;
    expect(dyvms.vendor === "aliyun-dyvms" && dyvms.accessKeySecret).toBe("aliyun-secret-value-123");
    expect(config.users[0]).toMatchObject({ username: "lee", role: "supervisor" });
    expect(config.recordingHosts).toEqual(["*.aliyuncs.com"]);
    expect(config.syncIntervalMinutes).toBe(5);
  });

  test("the secrets it read are scrubbed from anything logged afterwards", () => {
    loadConfig({ ...ENV, CALLSCOPE_CONFIG: write(contractExample()) });
    expect(scrubSecrets("failed with key aliyun-secret-value-123 and agent-token-value-789")).toBe(
      "failed with key [redacted] and [redacted]",
    );
  });

  test("no file at all means demo mode", () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(loadConfig({}).mode).toBe("demo");
    } finally {
      process.chdir(cwd);
    }
  });

  test("CALLSCOPE_CONFIG pointing at a missing file is an error, not demo mode", () => {
    expect(errorOf(() => loadConfig({ CALLSCOPE_CONFIG: path.join(dir, "nope.json") })).message).toMatch(
      /does not exist/,
    );
  });

  test("CALLSCOPE_DATABASE overrides the database", () => {
    const config = loadConfig({
      ...ENV,
      CALLSCOPE_CONFIG: write(contractExample()),
      CALLSCOPE_DATABASE: "/tmp/x.db",
    }).config!;
    expect(config.database).toBe("/tmp/x.db");
  });
});

describe("a bad file stops start-up with a message naming the field", () => {
  test.each([
    [
      "a bad endpoint",
      (c: ReturnType<typeof contractExample>) =>
        ((c.sources[0] as Record<string, unknown>).endpoint = "not a url"),
      /sources\[0\]\.endpoint: must be an http\(s\) URL/,
    ],
    [
      "an unknown vendor",
      (c: ReturnType<typeof contractExample>) => ((c.sources[1] as Record<string, unknown>).vendor = "acme"),
      /sources\[1\]\.vendor: must be one of/,
    ],
    [
      "no task ids",
      (c: ReturnType<typeof contractExample>) => (c.sources[2]!.taskIds = []),
      /sources\[2\]\.taskIds: list at least one task id/,
    ],
    [
      "a bad time zone",
      (c: ReturnType<typeof contractExample>) => (c.timezone = "Mars/Olympus"),
      /timezone: not an IANA time zone/,
    ],
    [
      "a bad role",
      (c: ReturnType<typeof contractExample>) => ((c.users[0] as Record<string, unknown>).role = "root"),
      /users\[0\]\.role/,
    ],
    [
      "a plain-text password",
      (c: ReturnType<typeof contractExample>) => (c.users[0]!.passwordHash = "hunter2"),
      /users\[0\]\.passwordHash: must be what `npm run user:hash/,
    ],
    [
      "a duplicate source id",
      (c: ReturnType<typeof contractExample>) => (c.sources[3]!.id = "hz-robot"),
      /sources\[3\]\.id: duplicate source id "hz-robot"/,
    ],
    [
      "a source id unfit for URLs",
      (c: ReturnType<typeof contractExample>) => (c.sources[0]!.id = "杭州 robot"),
      /sources\[0\]\.id: letters, digits/,
    ],
  ])("%s", (_name, mutate, message) => {
    const config = contractExample();
    mutate(config);
    expect(errorOf(() => loadConfig({ ...ENV, CALLSCOPE_CONFIG: write(config) })).message).toMatch(message);
  });

  test("an env: reference to a variable that is not set names the field and the variable, not a value", () => {
    const env = { ...ENV, TANYI_SECRET: undefined };
    const message = errorOf(() => loadConfig({ ...env, CALLSCOPE_CONFIG: write(contractExample()) })).message;
    expect(message).toMatch(/sources\[2\]\.appSecret: environment variable TANYI_SECRET is not set/);
  });

  test("invalid JSON says so, with the file", () => {
    const file = write("{ sources: [");
    expect(errorOf(() => loadConfig({ CALLSCOPE_CONFIG: file })).message).toMatch(
      /callscope\.config\.json: not valid JSON/,
    );
  });

  test("sources without users refuse to start unless auth is none", () => {
    const config = { ...contractExample(), users: [] };
    expect(errorOf(() => parseConfig(JSON.stringify(config), "c.json", ENV)).message).toMatch(
      /users: no users are configured.*"auth": "none"/,
    );
    expect(parseConfig(JSON.stringify({ ...config, auth: "none" }), "c.json", ENV).auth).toBe("none");
  });
});

describe("the database value", () => {
  test("a file: URL or a plain path is a SQLite file", () => {
    expect(databasePath("file:./data/x.db")).toBe(path.resolve("data/x.db"));
    expect(databasePath("data/y.db")).toBe(path.resolve("data/y.db"));
    expect(databasePath(":memory:")).toBe(":memory:");
  });

  test("a postgres URL is refused, naming the field and never echoing the password", () => {
    for (const url of [
      "postgres://lee:hunter2@db:5432/cs",
      "postgresql://lee:hunter2@db/cs",
      "mysql://x:hunter2@h/d",
    ]) {
      // errorOf fails the test unless a ConfigError is thrown.
      const error = errorOf(() => databasePath(url));
      expect(error.message).toMatch(/^database/);
      expect(error.message).not.toContain("hunter2");
    }
    expect(fs.existsSync("postgres:")).toBe(false);
  });
});

describe("database selection", () => {
  test("postgres:// and postgresql:// are PostgreSQL; file: and paths SQLite; other schemes refused without the password", () => {
    expect(databaseLocation("postgres://lee:hunter2@db:5432/cs")).toEqual({
      kind: "postgres",
      url: "postgres://lee:hunter2@db:5432/cs",
    });
    expect(databaseLocation("postgresql://lee:hunter2@db/cs").kind).toBe("postgres");
    expect(databaseLocation("file:./data/x.db")).toEqual({ kind: "sqlite", file: path.resolve("data/x.db") });
    expect(databaseLocation(":memory:")).toEqual({ kind: "sqlite", file: ":memory:" });
    for (const bad of ["mysql://x:hunter2@h/d", "postgres://:hunter2@/"]) {
      // errorOf fails the test unless a ConfigError is thrown.
      const error = errorOf(() => databaseLocation(bad));
      expect(error.message).toMatch(/^database/);
      expect(error.message).not.toContain("hunter2");
    }
  });
});

describe("backgroundAnalysis", () => {
  test("a boolean, on unless turned off; anything else names the field", () => {
    expect(parseConfig(JSON.stringify(contractExample()), "c.json", ENV).backgroundAnalysis).toBeUndefined();
    const off = parseConfig(
      JSON.stringify({ ...contractExample(), backgroundAnalysis: false }),
      "c.json",
      ENV,
    );
    expect(off.backgroundAnalysis).toBe(false);
    expect(backgroundAnalysisOn(off, {})).toBe(false);
    const on = parseConfig(JSON.stringify(contractExample()), "c.json", ENV);
    expect(backgroundAnalysisOn(on, {})).toBe(true);
    // The environment turns it off in demo mode too (no config file to say so).
    expect(backgroundAnalysisOn(on, { CALLSCOPE_BACKGROUND_ANALYSIS: "0" })).toBe(false);
    expect(
      errorOf(() =>
        parseConfig(JSON.stringify({ ...contractExample(), backgroundAnalysis: "no" }), "c.json", ENV),
      ).message,
    ).toMatch(/^c\.json: backgroundAnalysis: /);
  });
});

describe("the sync lease (CALLSCOPE_SYNC_LEASE_MS)", () => {
  test("30 s unless set; a whole number of milliseconds from 1 s to 10 min, else the variable is named", () => {
    expect(syncLeaseMs({})).toBe(30_000);
    expect(syncLeaseMs({ CALLSCOPE_SYNC_LEASE_MS: "" })).toBe(30_000);
    expect(syncLeaseMs({ CALLSCOPE_SYNC_LEASE_MS: "3000" })).toBe(3_000);
    for (const bad of ["999", "600001", "2.5e3x", "1500.5", "soon"]) {
      const error = errorOf(() => syncLeaseMs({ CALLSCOPE_SYNC_LEASE_MS: bad }));
      expect(isConfigError(error), bad).toBe(true);
      expect(error.message).toBe(
        `CALLSCOPE_SYNC_LEASE_MS: expected a whole number 1000–600000, got "${bad}"`,
      );
    }
  });
});

test("a whole number from the environment: null unset, else within its bounds or a ConfigError naming it (start-up stops)", () => {
  expect(wholeNumberFromEnv({}, "N", 0, 9)).toBeNull();
  expect(wholeNumberFromEnv({ N: "" }, "N", 0, 9)).toBeNull();
  expect(wholeNumberFromEnv({ N: "9" }, "N", 0, 9)).toBe(9);
  for (const bad of ["-1", "10", "1.5", "nine"]) {
    const error = errorOf(() => wholeNumberFromEnv({ N: bad }, "N", 0, 9));
    expect(isConfigError(error), bad).toBe(true);
    expect(error.message).toBe(`N: expected a whole number 0–9, got "${bad}"`);
  }
});

describe("metricsToken", () => {
  test("is read through env: and scrubbed from logs; a short one is refused", () => {
    const config = parseConfig(
      JSON.stringify({ ...contractExample(), metricsToken: "env:METRICS_TOKEN" }),
      "callscope.config.json",
      { ...ENV, METRICS_TOKEN: "prometheus-scrape-token-1" },
    );
    expect(config.metricsToken).toBe("prometheus-scrape-token-1");
    expect(scrubSecrets("token prometheus-scrape-token-1")).toBe("token [redacted]");
    expect(
      errorOf(() =>
        parseConfig(JSON.stringify({ ...contractExample(), metricsToken: "short" }), "c.json", ENV),
      ).message,
    ).toBe("c.json: metricsToken: at least 16 characters");
  });
});

describe("unknown keys are refused, naming the key and the nearest known one", () => {
  const refused = (patch: (config: ReturnType<typeof contractExample>) => unknown) =>
    errorOf(() => parseConfig(JSON.stringify(patch(contractExample())), "c.json", ENV)).message;

  test("at the top level", () => {
    expect(refused((c) => ({ ...c, syncIntervalMinute: 3 }))).toBe(
      'c.json: syncIntervalMinute: unknown key (did you mean "syncIntervalMinutes"?)',
    );
    expect(refused((c) => ({ ...c, tiemzone: "Asia/Shanghai" }))).toBe(
      'c.json: tiemzone: unknown key (did you mean "timezone"?)',
    );
    expect(refused((c) => ({ ...c, colour: "blue" }))).toMatch(
      /^c\.json: colour: unknown key \(known keys: sources, timezone, .*trustProxy, allowedHosts, .*alerts, metricsToken, backgroundAnalysis\)$/,
    );
  });

  test("in a source, against that vendor's own fields", () => {
    expect(
      refused((c) => {
        const { accessKeyId, ...rest } = c.sources[0] as Record<string, unknown>;
        c.sources[0] = { ...rest, acessKeyId: accessKeyId } as never;
        return c;
      }),
    ).toBe(
      'c.json: sources[0].acessKeyId: unknown key (did you mean "accessKeyId"?); ' +
        "sources[0].accessKeyId: Invalid input: expected string, received undefined",
    );
    expect(
      refused((c) => {
        (c.sources[2] as Record<string, unknown>).tenantSig = "x";
        return c;
      }),
    ).toBe('c.json: sources[2].tenantSig: unknown key (did you mean "tenantSign"?)');
    expect(
      refused((c) => {
        (c.sources[3] as Record<string, unknown>).userid = "x";
        return c;
      }),
    ).toBe('c.json: sources[3].userid: unknown key (did you mean "userId"?)');
    // A Dyvms source has no baseUrl: that is Tanyi's and agent-api's field.
    expect(
      refused((c) => {
        (c.sources[0] as Record<string, unknown>).baseUrl = "https://x.example";
        return c;
      }),
    ).toMatch(/^c\.json: sources\[0\]\.baseUrl: unknown key/);
  });

  test("in users, alerts and their notify", () => {
    expect(refused((c) => ({ ...c, users: [{ ...c.users[0], passwordhash: "x" }] }))).toMatch(
      /users\[0\]\.passwordhash: unknown key \(did you mean "passwordHash"\?\)/,
    );
    expect(refused((c) => ({ ...c, alerts: [{ name: "投诉风险", phrase: ["投诉"] }] }))).toMatch(
      /alerts\[0\]\.phrase: unknown key \(did you mean "phrases"\?\)/,
    );
    expect(
      refused((c) => ({
        ...c,
        alerts: [{ name: "投诉风险", phrases: ["投诉"], notify: { kind: "dingtalk", uri: "https://x" } }],
      })),
    ).toMatch(/alerts\[0\]\.notify\.uri: unknown key \(did you mean "url"\?\)/);
  });

  test("the contract's other keys are accepted: trustProxy, alerts with notify, metricsToken", () => {
    const config = parseConfig(
      JSON.stringify({
        ...contractExample(),
        trustProxy: ["10.0.0.0/8", "127.0.0.1", "::1"],
        alerts: [
          {
            name: "投诉风险",
            phrases: ["投诉", "12315", "骚扰", "别再打"],
            notify: {
              kind: "dingtalk",
              url: "https://oapi.dingtalk.com/robot/send?access_token=x",
              secret: "env:DING",
            },
          },
          { name: "退订", phrases: ["退订"] },
        ],
        metricsToken: "env:METRICS_TOKEN",
      }),
      "c.json",
      { ...ENV, DING: "SECdingtalk-signing-secret", METRICS_TOKEN: "prometheus-scrape-token-1" },
    );
    expect(config.trustProxy).toEqual(["10.0.0.0/8", "127.0.0.1", "::1"]);
    expect(config.alerts?.[0]?.notify).toEqual({
      kind: "dingtalk",
      url: "https://oapi.dingtalk.com/robot/send?access_token=x",
      secret: "SECdingtalk-signing-secret",
    });
    expect(scrubSecrets("sig SECdingtalk-signing-secret")).toBe("sig [redacted]");
    expect(
      refused((c) => ({
        ...c,
        alerts: [{ name: "a", phrases: ["b"], notify: { kind: "slack", url: "https://x" } }],
      })),
    ).toBe("c.json: alerts[0].notify.kind: must be one of dingtalk, wecom, feishu");
    expect(refused((c) => ({ ...c, trustProxy: ["proxy.local"] }))).toMatch(
      /trustProxy\[0\]: an IP address or a CIDR/,
    );
  });
});
