// Starts the production build for the e2e specs: demo mode, a fresh index each run.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const port = process.argv[2] ?? "3100";
// E2E_DATABASE gives a run its own index file (runs on different ports must not share, or delete, one).
const dataDir = process.env.E2E_DATABASE
  ? path.dirname(path.resolve(process.env.E2E_DATABASE))
  : path.resolve("data/e2e");
const database = process.env.E2E_DATABASE
  ? path.resolve(process.env.E2E_DATABASE)
  : path.join(dataDir, "callscope.db");
if (!process.env.E2E_DATABASE) fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(database + suffix, { force: true });

const child = spawn(
  process.execPath,
  [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", port, "-H", "127.0.0.1"],
  {
    stdio: "inherit",
    env: {
      ...process.env,
      CALLSCOPE_DEMO: "1",
      CALLSCOPE_DATABASE: database,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
