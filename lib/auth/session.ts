import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import type { Role } from "@/lib/config";
import type { EndReason, SessionRepository, SessionRow } from "@/lib/store/sessions";
import type { UserDirectory } from "./users";

/**
 * Sessions are server-side records (the index's `sessions` table); the cookie holds only a random
 * token, stored hashed. A session ends when its user signs out, after SESSION_IDLE_MS without a
 * request, SESSION_TTL_MS after sign-in, when the user's password changes or the user is removed,
 * or when an admin ends it — and an ended session is dead everywhere at once, whatever copies of
 * its cookie exist. The role is looked up in the user directory on every request.
 */

export const SESSION_COOKIE = "callscope_session";
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 60 * 60 * 1000;
/** last_seen_at is written at most this often (reads stay reads). */
const TOUCH_EVERY_MS = 60_000;

export interface Session {
  /** The session's public handle (admins see and end sessions by it); "open" without sign-in. */
  id: string;
  username: string;
  role: Role;
  name: string | null;
  expiresAt: number;
}

export function fingerprint(passwordHash: string): string {
  return createHmac("sha256", "callscope-pw").update(passwordHash).digest("base64url").slice(0, 12);
}

/** Where sessions live and the key their tokens are hashed with (rotating SESSION_SECRET signs everyone out). */
export interface SessionStore {
  sessions: SessionRepository;
  secret: Buffer;
}

function hashToken(store: SessionStore, token: string): string {
  return createHmac("sha256", store.secret).update(token).digest("base64url");
}

export async function startSession(
  store: SessionStore,
  user: { username: string; passwordHash: string },
  client: { ip: string | null; userAgent: string | null } = { ip: null, userAgent: null },
  now = Date.now(),
): Promise<{ value: string; expiresAt: number; id: string }> {
  const token = randomBytes(32).toString("base64url");
  const id = randomBytes(12).toString("base64url");
  const expiresAt = now + SESSION_TTL_MS;
  await store.sessions.create({
    id,
    tokenHash: hashToken(store, token),
    username: user.username,
    pw: fingerprint(user.passwordHash),
    now,
    expiresAt,
    ...client,
  });
  return { value: token, expiresAt, id };
}

/** Why a recorded session no longer holds, or null while it does. */
function endReason(row: SessionRow, users: UserDirectory, now: number): EndReason | null {
  if (row.expiresAt <= now) return "expired";
  if (row.lastSeenAt + SESSION_IDLE_MS <= now) return "idle";
  const user = users.find(row.username);
  if (!user) return "user_removed";
  if (fingerprint(user.passwordHash) !== row.pw) return "password_changed";
  return null;
}

export async function readSession(
  store: SessionStore,
  users: UserDirectory,
  cookie: string | undefined,
  now = Date.now(),
): Promise<Session | null> {
  if (!cookie || cookie.length > 256) return null;
  const { sessions } = store;
  const row = await sessions.byToken(hashToken(store, cookie));
  if (!row || row.endedAt !== null) return null;
  const reason = endReason(row, users, now);
  if (reason) {
    await sessions.end(row.id, reason, now);
    return null;
  }
  if (now - row.lastSeenAt >= TOUCH_EVERY_MS) await sessions.touch(row.id, now);
  const user = users.find(row.username)!;
  return { id: row.id, username: user.username, role: user.role, name: user.name, expiresAt: row.expiresAt };
}

/**
 * At start-up: ends the sessions whose user is gone or whose password changed in the config, and
 * forgets sessions that ended more than 30 days ago. Returns how many were ended.
 */
export async function sweepSessions(
  sessions: SessionRepository,
  users: UserDirectory,
  now = Date.now(),
): Promise<number> {
  let ended = 0;
  for (const row of await sessions.listOpen()) {
    const reason = endReason(row, users, now);
    if (reason && (await sessions.end(row.id, reason, now))) ended++;
  }
  await sessions.purge(now - 30 * 24 * 3600_000);
  return ended;
}
