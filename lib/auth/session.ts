import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Role } from "@/lib/config";
import type { UserDirectory } from "./users";

/**
 * Sessions are signed cookies (HMAC-SHA256 over the payload): nothing to store server-side, and a
 * tampered or expired cookie is simply no session. The role is looked up in the user directory on
 * every request, so removing a user or changing a role takes effect at once.
 */

export const SESSION_COOKIE = "callscope_session";
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface Session {
  username: string;
  role: Role;
  name: string | null;
  expiresAt: number;
}

interface Payload {
  u: string;
  exp: number;
  /** Password-hash fingerprint: a changed password ends the sessions made with the old one. */
  pw: string;
}

function mac(secret: Buffer, data: string): string {
  return createHmac("sha256", secret).update(data).digest("base64url");
}

function fingerprint(passwordHash: string): string {
  return createHmac("sha256", "callscope-pw").update(passwordHash).digest("base64url").slice(0, 12);
}

export function issueSession(
  secret: Buffer,
  user: { username: string; passwordHash: string },
  now = Date.now(),
): { value: string; expiresAt: number } {
  const payload: Payload = {
    u: user.username,
    exp: now + SESSION_TTL_MS,
    pw: fingerprint(user.passwordHash),
  };
  const data = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return { value: `${data}.${mac(secret, data)}`, expiresAt: payload.exp };
}

export function readSession(
  secret: Buffer,
  users: UserDirectory,
  cookie: string | undefined,
  now = Date.now(),
): Session | null {
  if (!cookie || cookie.length > 1024) return null;
  const dot = cookie.indexOf(".");
  if (dot <= 0) return null;
  const data = cookie.slice(0, dot);
  const given = Buffer.from(cookie.slice(dot + 1));
  const expected = Buffer.from(mac(secret, data));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(data, "base64url").toString("utf8")) as Payload;
  } catch {
    return null;
  }
  if (typeof payload.exp !== "number" || payload.exp <= now || typeof payload.u !== "string") return null;
  const user = users.find(payload.u);
  if (!user || fingerprint(user.passwordHash) !== payload.pw) return null;
  return { username: user.username, role: user.role, name: user.name, expiresAt: payload.exp };
}
