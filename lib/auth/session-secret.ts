import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, type Env } from "@/lib/config";
import { log } from "@/lib/log";

/**
 * The server key that session tokens are hashed with: SESSION_SECRET when set; otherwise generated
 * once and kept (mode 600, in a folder of mode 700) in the data folder. A kept file that is not
 * 64+ hex characters — hand-edited, or empty after a full disk — stops start-up with a message,
 * instead of silently giving a weak or empty key.
 */
export function sessionSecret(env: Env, dataDir: string | null): Buffer {
  const configured = env.SESSION_SECRET;
  if (configured !== undefined) {
    if (configured.length < 32) throw new ConfigError("SESSION_SECRET must be at least 32 characters");
    return Buffer.from(configured, "utf8");
  }
  // An in-memory index (tests) keeps nothing on disk: sessions last as long as the process.
  if (dataDir === null) return randomBytes(32);
  const file = path.join(dataDir, "session-secret");
  ensurePrivateDir(dataDir);
  if (!fs.existsSync(file)) {
    const secret = randomBytes(32);
    try {
      fs.writeFileSync(file, secret.toString("hex"), { mode: 0o600, flag: "wx" });
      log.info("generated a session secret", { file });
      return secret;
    } catch (err) {
      // Another process created it first: use theirs (validated below).
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  return readSecretFile(file);
}

function readSecretFile(file: string): Buffer {
  const text = fs.readFileSync(file, "utf8").trim();
  if (!/^[0-9a-f]{64,}$/i.test(text)) {
    throw new ConfigError(
      `${file}: not a valid session secret (expected at least 64 hex characters, found ${text.length ? "something else" : "an empty file"}); delete it to have a new one generated (everyone signs in again)`,
    );
  }
  tighten(file, 0o600);
  return Buffer.from(text, "hex");
}

/** The data folder, created 0700 (and tightened if it is open to others). */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir, 0o700);
}

/** Takes group and other permissions away from a file or folder this process owns. */
export function tighten(file: string, mode: number): void {
  try {
    const stat = fs.statSync(file);
    if ((stat.mode & 0o077) !== 0 && (process.getuid === undefined || stat.uid === process.getuid())) {
      fs.chmodSync(file, mode);
    }
  } catch {
    // not there (yet), or not ours: nothing to tighten
  }
}
