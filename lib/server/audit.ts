import "server-only";
import type { Session } from "@/lib/auth/session";
import { log } from "@/lib/log";
import { clientIp } from "./request-info";
import type { Runtime } from "./runtime";

/** Appends who did what, when and from where. Auditing must never break the request it records. */
export function audit(
  runtime: Runtime,
  session: Session | null,
  req: Request,
  action: string,
  target: string | null,
  detail: Record<string, unknown> | null = null,
): void {
  try {
    runtime.store.audit.append({
      username: session?.username ?? null,
      role: session?.role ?? null,
      action,
      target,
      ip: clientIp(req),
      userAgent: req.headers.get("user-agent"),
      detail,
    });
  } catch (err) {
    log.error("audit: could not record", { action, error: err as Error });
  }
}
