#!/usr/bin/env node
// `npm run user:hash -- <password>` prints the scrypt hash for a user's `passwordHash` in the config.
// Plain JS so it runs anywhere Node does; the format matches lib/auth/password.ts (a test checks).
import { randomBytes, scryptSync } from "node:crypto";

const password = process.argv[2];
if (!password) {
  console.error("usage: npm run user:hash -- <password>");
  process.exit(2);
}
const N = 16384;
const r = 8;
const p = 1;
const salt = randomBytes(16);
const key = scryptSync(password.normalize("NFC"), salt, 32, { N, r, p, maxmem: 64 * 1024 * 1024 });
console.log(`scrypt$${N}$${r}$${p}$${salt.toString("base64")}$${key.toString("base64")}`);
