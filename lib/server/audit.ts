import "server-only";
import type { Session } from "@/lib/auth/session";
import { log } from "@/lib/log";
import { clientIp } from "./request-info";
import type { Runtime } from "./runtime";

/** Appends who did what, when and from where. Auditing must never break the request it records. */
export async function audit(
  runtime: Runtime,
  session: Session | null,
  req: { headers: Headers },
  action: string,
  target: string | null,
  detail: Record<string, unknown> | null = null,
): Promise<void> {
  try {
    await runtime.store.audit.append({
      username: session?.username ?? null,
      role: session?.role ?? null,
      action,
      target,
      ip: clientIp(req, runtime.config),
      userAgent: req.headers.get("user-agent"),
      detail,
    });
  } catch (err) {
    log.error("audit: could not record", { action, error: err as Error });
  }
}

const PLAY_WINDOW_MS = 10 * 60_000;
const KEY = Symbol.for("callscope.recentPlays");
const recentPlays: Map<string, number> = ((globalThis as Record<symbol, unknown>)[KEY] ??= new Map()) as Map<
  string,
  number
>;

/**
 * One audit entry per listening (or download) session, not per range chunk: any request for a
 * call's recording — from byte 0, a later byte, or a suffix range (`bytes=-N`, the whole file from
 * the end) — is recorded, except that the same user fetching the same call's recording again within
 * ten minutes is the same session (seeks, buffering, replays). `kind` keeps peaks apart from plays.
 */
export async function auditPlay(
  runtime: Runtime,
  session: Session,
  req: { headers: Headers },
  callId: string,
  range: string | null,
  action: "recording.play" | "peaks.download" | "alignment.download" = "recording.play",
): Promise<void> {
  const key = `${action}\u0000${session.username}\u0000${callId}`;
  const now = Date.now();
  const last = recentPlays.get(key);
  if (last !== undefined && now - last < PLAY_WINDOW_MS) return;
  if (recentPlays.size > 10_000) recentPlays.clear();
  recentPlays.set(key, now);
  await audit(runtime, session, req, action, callId, range ? { range: range.slice(0, 100) } : null);
}
