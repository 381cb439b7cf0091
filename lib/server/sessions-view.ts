import "server-only";
import { SESSION_IDLE_MS, type Session } from "@/lib/auth/session";
import type { Runtime } from "./runtime";

export interface SessionView {
  id: string;
  username: string;
  role: string | null;
  createdAt: string;
  lastSeenAt: string;
  /** When it ends unless used again (idle timeout), or at its absolute end, whichever is first. */
  endsAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

/** Open sessions as an admin sees them (never the token or its hash); ones already run out are left out. */
export async function presentSessions(
  runtime: Runtime,
  viewer: Session,
  username?: string,
): Promise<SessionView[]> {
  const now = Date.now();
  return (await runtime.store.sessions.listOpen(username))
    .filter((row) => row.expiresAt > now && row.lastSeenAt + SESSION_IDLE_MS > now)
    .map((row) => ({
      id: row.id,
      username: row.username,
      role: runtime.users.find(row.username)?.role ?? null,
      createdAt: new Date(row.createdAt).toISOString(),
      lastSeenAt: new Date(row.lastSeenAt).toISOString(),
      endsAt: new Date(Math.min(row.expiresAt, row.lastSeenAt + SESSION_IDLE_MS)).toISOString(),
      ip: row.ip,
      userAgent: row.userAgent,
      current: row.id === viewer.id,
    }));
}
