import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Env } from "@/lib/config";
import { log } from "@/lib/log";

/**
 * The key that signs session cookies: SESSION_SECRET when set; otherwise generated once and kept
 * (mode 600) in the data folder, so sessions survive restarts without anyone managing a secret.
 */
export function sessionSecret(env: Env, dataDir: string | null): Buffer {
  const configured = env.SESSION_SECRET;
  if (configured) {
    if (configured.length < 32) throw new Error("SESSION_SECRET must be at least 32 characters");
    return Buffer.from(configured, "utf8");
  }
  // An in-memory index (tests) keeps nothing on disk: sessions last as long as the process.
  if (dataDir === null) return randomBytes(32);
  const file = path.join(dataDir, "session-secret");
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 64) return Buffer.from(existing, "hex");
  } catch {
    // not there yet: create it below
  }
  const secret = randomBytes(32);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, secret.toString("hex"), { mode: 0o600, flag: "wx" });
    log.info("generated a session secret", { file });
    return secret;
  } catch {
    // Another process created it first: use theirs.
    return Buffer.from(fs.readFileSync(file, "utf8").trim(), "hex");
  }
}
