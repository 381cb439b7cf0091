import { createHmac } from "node:crypto";
import { openTestStore } from "@/lib/testing/store";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { EMPTY_QUERY } from "@/lib/calls/query";
import type { AlertConfig } from "@/lib/config";
import type { Store } from "@/lib/store";
import { seedCalls, type SeedCall } from "@/lib/testing/seed-calls";
import { registerSecret } from "@/lib/secrets";
import { applyAlertConfig } from "./apply";
import { AlertNotifier } from "./notifier";

/** A local group robot: records what it is sent, answers as the platform does (or fails on demand). */
interface Received {
  url: string;
  body: Record<string, unknown>;
}
let server: http.Server;
let base = "";
let received: Received[] = [];
let failures = 0;

beforeEach(async () => {
  received = [];
  failures = 0;
  server = http.createServer((req, res) => {
    let data = "";
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => {
      received.push({ url: req.url!, body: JSON.parse(data) as Record<string, unknown> });
      if (failures > 0) {
        failures--;
        res.writeHead(503).end("busy");
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(req.url!.startsWith("/feishu") ? '{"code":0,"msg":"success"}' : '{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  vi.restoreAllMocks();
});

const TOKEN = "robot-access-token-0123456789";
const SECRET = "SECdingtalk-signing-secret-abcdef";

function alertsFor(kind: "dingtalk" | "wecom" | "feishu", secret?: string): AlertConfig[] {
  return [
    {
      name: "价格异议",
      phrases: ["太贵"],
      notify: { kind, url: `${base}/${kind}/send?access_token=${TOKEN}`, ...(secret ? { secret } : {}) },
    },
  ];
}

async function indexed(alerts: AlertConfig[]): Promise<{ store: Store; seeded: SeedCall[] }> {
  const store = await openTestStore();
  await applyAlertConfig(store, alerts);
  const seeded = seedCalls(120, 5);
  await store.calls.upsert(
    seeded.map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
  );
  return { store, seeded };
}

const alerting = (seeded: SeedCall[]) =>
  seeded.filter((seed) => (seed.call.transcript ?? []).some((line) => line.text.includes("太贵")));

async function drain(
  notifier: AlertNotifier,
  store: Store,
  until: () => boolean | Promise<boolean> = () => false,
): Promise<void> {
  for (let i = 0; i < 100 && ((await store.notifications.nextDueAt()) !== null || (await until())); i++) {
    await notifier.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

describe("alert notifications", () => {
  test("DingTalk, signed: one message per newly alerting call, callee masked, a link, valid timestamp+sign", async () => {
    const alerts = alertsFor("dingtalk", SECRET);
    const { store, seeded } = await indexed(alerts);
    const notifier = new AlertNotifier(store, alerts, {
      publicUrl: "https://cs.example.cn/",
      retryDelaysMs: [],
    });
    await drain(notifier, store);
    const expected = alerting(seeded);
    expect(expected.length).toBeGreaterThan(3);
    expect(received).toHaveLength(expected.length);

    for (const message of received) {
      const url = new URL(message.url, base);
      expect(url.searchParams.get("access_token")).toBe(TOKEN);
      const timestamp = url.searchParams.get("timestamp")!;
      expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(60_000);
      const sign = createHmac("sha256", SECRET).update(`${timestamp}\n${SECRET}`).digest("base64");
      expect(url.searchParams.get("sign")).toBe(sign);
      expect(message.body.msgtype).toBe("text");
    }
    const texts = received.map((message) => (message.body.text as { content: string }).content);
    for (const seed of expected) {
      const callee = seed.call.summary.callee;
      const text = texts.find((content) => content.includes(`${callee.slice(0, 3)}****${callee.slice(-4)}`));
      expect(text, callee).toBeDefined();
      expect(text).not.toContain(callee);
      expect(text).toContain("价格异议");
      expect(text).toContain("太贵");
      expect(text).toMatch(/https:\/\/cs\.example\.cn\/calls\/[A-Za-z0-9_-]{22}/);
    }

    // Synced again, and after a restart (a new notifier on the same index): nothing is sent twice.
    await store.calls.upsert(
      seeded.map(({ sourceId, vendor, call }) => ({
        sourceId,
        vendor,
        call: structuredClone(call),
        from: "list",
      })),
    );
    await drain(new AlertNotifier(store, alerts, { publicUrl: "https://cs.example.cn" }), store);
    expect(received).toHaveLength(expected.length);
    expect((await store.notifications.list()).every((row) => row.state === "sent")).toBe(true);
    store.close();
  });

  test("a failing robot is retried with backoff until it takes the message; the sync never waits for it", async () => {
    const alerts = alertsFor("wecom");
    failures = 2;
    const started = performance.now();
    const { store, seeded } = await indexed(alerts);
    // Indexing only queued the messages: nothing was sent while upserting.
    expect(received).toHaveLength(0);
    expect(performance.now() - started).toBeLessThan(5_000);
    const first = alerting(seeded)[0]!;
    const notifier = new AlertNotifier(store, alerts, {
      publicUrl: "http://x",
      retryDelaysMs: [400, 60, 90],
    });

    const t0 = Date.now();
    await notifier.runOnce(t0);
    const after1 = await store.notifications.list();
    expect(after1.filter((row) => row.state === "pending" && row.attempts === 1)).toHaveLength(2);
    // The first attempts that failed wait for their backoff: a pass right away sends nothing to them.
    const count = received.length;
    await notifier.runOnce(t0);
    expect(received.length).toBe(count);

    await drain(notifier, store, async () =>
      (await store.notifications.list()).some((row) => row.state === "pending"),
    );
    const rows = await store.notifications.list();
    expect(rows.every((row) => row.state === "sent")).toBe(true);
    expect(rows.filter((row) => row.attempts === 2)).toHaveLength(2);
    expect(received.length).toBe(alerting(seeded).length + 2);
    expect(rows.map((row) => row.callId)).toContain(
      (await store.calls.list({ ...EMPTY_QUERY, q: first.call.summary.callee }, "Asia/Shanghai")).items[0]!
        .id,
    );
    store.close();
  });

  test("after the last retry it gives up, keeps the reason, and never logs the URL or secret", async () => {
    const alerts = alertsFor("feishu", SECRET);
    registerSecret(alerts[0]!.notify!.url);
    registerSecret(TOKEN);
    registerSecret(SECRET);
    failures = 1_000;
    const { store } = await indexed(alerts);
    const lines: string[] = [];
    vi.stubEnv("CALLSCOPE_LOG_LEVEL", "debug");
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
    const notifier = new AlertNotifier(store, alerts, { publicUrl: "http://x", retryDelaysMs: [10, 10] });
    await drain(notifier, store);
    vi.unstubAllEnvs();
    const rows = await store.notifications.list();
    expect(rows.length).toBeGreaterThan(0);
    expect(
      rows.every((row) => row.state === "failed" && row.attempts === 3 && row.lastError === "HTTP 503"),
    ).toBe(true);
    expect(lines.length).toBe(rows.length * 3);
    for (const line of lines) {
      expect(line).not.toContain(TOKEN);
      expect(line).not.toContain(SECRET);
      expect(line).not.toContain(base);
    }
    // Feishu's signature is in the body: timestamp in seconds, HMAC keyed by "timestamp\nsecret".
    const body = received[0]!.body;
    const sign = createHmac("sha256", `${body.timestamp as string}\n${SECRET}`)
      .update("")
      .digest("base64");
    expect(body.sign).toBe(sign);
    expect(body.msg_type).toBe("text");
    store.close();
  });
});

describe("re-index on start", () => {
  test("only when the config's alerts changed (fingerprint), and it notifies nobody", async () => {
    const store = await openTestStore();
    const seeded = seedCalls(200, 3);
    await store.calls.upsert(
      seeded.map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
    );
    const alerts = alertsFor("wecom");
    expect(await applyAlertConfig(store, alerts)).toBe(alerting(seeded).length);
    expect(await applyAlertConfig(store, alerts)).toBeNull();
    expect(await store.notifications.list()).toEqual([]);
    const changed = [{ ...alerts[0]!, phrases: ["太贵", "利息"] }];
    const want = seeded.filter((seed) =>
      (seed.call.transcript ?? []).some((line) => /太贵|利息/.test(line.text)),
    ).length;
    expect(await applyAlertConfig(store, changed)).toBe(want);
    store.close();
  });
});
