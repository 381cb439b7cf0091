import "server-only";
import type { Runtime } from "./runtime";

/**
 * Without sign-in (`"auth": "none"`, and demo mode, whose accounts are printed on the login page)
 * anyone who can reach the server can read every call — including, through DNS rebinding, any web
 * page the user opens: it points its own name at 127.0.0.1 and reads the answers as same-origin.
 * The browser still sends that name as Host, so in these modes only configured names are served
 * (`allowedHosts`, else CALLSCOPE_ALLOWED_HOSTS, else localhost, 127.0.0.1 and ::1).
 */
export const DEFAULT_ALLOWED_HOSTS = ["localhost", "127.0.0.1", "::1"];

export function hostCheckApplies(runtime: Runtime): boolean {
  return runtime.users.open || runtime.mode === "demo";
}

export function allowedHosts(runtime: Runtime, env = process.env): string[] {
  const fromEnv = env.CALLSCOPE_ALLOWED_HOSTS?.split(",")
    .map((host) => host.trim())
    .filter(Boolean);
  return runtime.config.allowedHosts ?? (fromEnv?.length ? fromEnv : DEFAULT_ALLOWED_HOSTS);
}

/** The host name of a Host header, without port or IPv6 brackets; null when there is none. */
export function hostName(header: string | null): string | null {
  if (!header) return null;
  const value = header.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) return bracketed[1]!;
  if (value.split(":").length > 2) return value; // a bare IPv6 address (allowedHosts may list one)
  return value.replace(/:\d+$/, "").replace(/\.$/, "");
}

/** null when the request may be served; otherwise the host name that is refused. */
export function refusedHost(runtime: Runtime, headers: Headers): string | null {
  if (!hostCheckApplies(runtime)) return null;
  const name = hostName(headers.get("host"));
  const allowed = allowedHosts(runtime).map((host) => hostName(host));
  return name !== null && allowed.includes(name) ? null : (name ?? "(none)");
}
