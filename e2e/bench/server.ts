import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** The production server under test, in demo mode, with its own index and simulator port. */
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
  const result = spawnSyncInherit(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"], {
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: "1",
  });
  if (result !== 0) throw new Error("next build failed");
}

function spawnSyncInherit(command: string, args: string[], env: Record<string, string>): number {
  return spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;
}

export async function startServer(options: { calls: number; port: number; simPort: number; longCalls: string }): Promise<BenchServer> {
  const db = path.resolve(`data/bench/callscope-${options.calls}.db`);
  fs.rmSync(path.dirname(db), { recursive: true, force: true });
  fs.mkdirSync(path.dirname(db), { recursive: true });
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
        CALLSCOPE_DEMO: "1",
        CALLSCOPE_DEMO_CALLS: String(options.calls),
        CALLSCOPE_DEMO_LONG_CALLS: options.longCalls,
        CALLSCOPE_DEMO_RATE_LIMIT: "100000",
        CALLSCOPE_SIM_PORT: String(options.simPort),
        CALLSCOPE_DATABASE: db,
        CALLSCOPE_AUTOSYNC: "0",
        CALLSCOPE_LOG_LEVEL: "warn",
      },
    },
  );
  let log = "";
  child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 600) throw new Error(`server did not start:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const login = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: "admin" }),
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  return {
    url,
    simulatorUrl: `http://127.0.0.1:${options.simPort}`,
    pid: child.pid!,
    cookie,
    rssMb: () => rssOf(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
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
