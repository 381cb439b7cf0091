import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { request, type APIRequestContext } from "@playwright/test";

/**
 * A production server of its own for a spec that must kill or restart it (the shared one from
 * playwright.config.ts must stay up for the other specs). Demo mode, on its own port and index file.
 */
export interface OwnServer {
  url: string;
  child: ChildProcess;
  /** Everything it printed, for failure messages. */
  output(): string;
}

export async function startOwnServer(port: number, env: Record<string, string>): Promise<OwnServer> {
  let output = "";
  const child = spawn(
    process.execPath,
    [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      env: { ...process.env, CALLSCOPE_DEMO: "1", NEXT_TELEMETRY_DISABLED: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    const up = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return { url, child, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill("SIGKILL");
  throw new Error(`the server did not come up on ${url}:\n${output}`);
}

/** Resolves once the process has exited (killed or not). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** An API client signed in as `role` (demo accounts: the password is the username). */
export async function signedInApi(url: string, role = "admin"): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: url });
  const response = await api.post("/api/auth/login", { data: { username: role, password: role } });
  if (!response.ok()) throw new Error(`sign-in as ${role} failed: HTTP ${response.status()}`);
  return api;
}
