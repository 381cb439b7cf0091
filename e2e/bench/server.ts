import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes, scryptSync } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** The production server under test, with its own index, and the simulated vendors it talks to. */
export interface BenchServer {
  url: string;
  simulatorUrl: string;
  pid: number;
  cookie: string;
  stop(): Promise<void>;
  rssMb(): number;
}

export const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";

export function ensureBuild(force: boolean): void {
  const buildId = path.resolve(DIST_DIR, "BUILD_ID");
  if (!force && fs.existsSync(buildId)) return;
  console.log(`bench: building (${DIST_DIR}) …`);
  const result = spawnSyncInherit(
    process.execPath,
    [path.resolve("node_modules/next/dist/bin/next"), "build"],
    {
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  );
  if (result !== 0) throw new Error("next build failed");
}

function spawnSyncInherit(command: string, args: string[], env: Record<string, string>): number {
  return spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;
}

const ADMIN_PASSWORD = "bench-admin-password";

/** Waits for a child's first stdout line (the simulator prints its URL and sources as JSON). */
export function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const newline = buffer.indexOf("\n");
      if (newline >= 0) resolve(buffer.slice(0, newline));
    });
    child.once("exit", (code) => reject(new Error(`simulator exited (${code})`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5000).unref();
  });
}

/**
 * The simulated vendors in their own process (as real vendors are elsewhere), and the production
 * server configured from a file pointing at them — the configured path, not demo mode.
 */
export async function startServer(options: {
  calls: number;
  port: number;
  simPort: number;
  longCalls: string;
  /** The index: a PostgreSQL URL, else a new SQLite file under data/bench. */
  database?: string;
  /** How long the server may take to answer /api/health (an index filled beforehand is re-read for alerts). */
  startSeconds?: number;
  /**
   * The config's alerts: an index filled beforehand keeps its alerts only with the ones it was
   * filled with (BENCH_ALERTS); without them the server's start takes every alert away.
   */
  alerts?: { name: string; phrases: string[] }[];
}): Promise<BenchServer> {
  const startedAt = performance.now();
  const dir = path.resolve("data/bench");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });

  const simulator = spawn(
    process.execPath,
    [path.resolve("node_modules/tsx/dist/cli.mjs"), "lib/simulator/cli.ts"],
    {
      stdio: ["ignore", "pipe", "inherit"],
      env: {
        ...process.env,
        CALLSCOPE_SIM_PORT: String(options.simPort),
        CALLSCOPE_DEMO_CALLS: String(options.calls),
        CALLSCOPE_DEMO_LONG_CALLS: options.longCalls,
      },
    },
  );
  const announced = JSON.parse(await firstLine(simulator)) as {
    url: string;
    sources: Record<string, unknown>[];
  };
  const salt = randomBytes(16);
  const key = scryptSync(ADMIN_PASSWORD, salt, 32, { N: 16384, r: 8, p: 1 });
  const config = {
    sources: announced.sources.map((source) => ({ ...source, rateLimitPerSecond: 10_000 })),
    timezone: "Asia/Shanghai",
    users: [
      {
        username: "admin",
        role: "admin",
        passwordHash: `scrypt$16384$8$1$${salt.toString("base64")}$${key.toString("base64")}`,
      },
    ],
    database: options.database ?? path.join(dir, `callscope-${options.calls}.db`),
    syncIntervalMinutes: 0,
    ...(options.alerts ? { alerts: options.alerts } : {}),
  };
  const configFile = path.join(dir, "callscope.config.json");
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));

  const child: ChildProcess = spawn(
    process.execPath,
    [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(options.port), "-H", "127.0.0.1"],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_DIST_DIR: DIST_DIR,
        NEXT_TELEMETRY_DISABLED: "1",
        CALLSCOPE_CONFIG: configFile,
        CALLSCOPE_AUTOSYNC: "0",
        CALLSCOPE_LOG_LEVEL: "warn",
      },
    },
  );
  let log = "";
  child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  const fail = async (message: string): Promise<never> => {
    await stopChild(child);
    await stopChild(simulator);
    throw new Error(message);
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) await fail(`server exited:\n${log}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (performance.now() - startedAt > (options.startSeconds ?? 60) * 1000)
      await fail(`server did not start:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.log(`bench: server up in ${Math.round((performance.now() - startedAt) / 1000)} s`);
  const login = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }),
  });
  if (!login.ok) await fail(`bench sign-in failed: HTTP ${login.status}`);
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  return {
    url,
    simulatorUrl: announced.url,
    pid: child.pid!,
    cookie,
    rssMb: () => rssOf(child.pid!),
    stop: async () => {
      await stopChild(child);
      await stopChild(simulator);
    },
  };
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssOf(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
  } catch {
    return NaN;
  }
}
