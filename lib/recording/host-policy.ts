import net from "node:net";

/**
 * Which recording URLs the proxy may fetch. A vendor's answer names the URL, so it must not be able
 * to make the server fetch an arbitrary address (SSRF): only http(s), only each source's own host and
 * the config's `recordingHosts`; a host given exactly (a source's host, or an exact entry such as
 * `127.0.0.1`) is trusted as written; a host that only matches a wildcard (`*.aliyuncs.com`) must
 * resolve to public addresses — checked on the address actually connected to, so DNS rebinding
 * cannot slip past.
 */

export interface HostPolicy {
  /** Exact host[:port] entries, trusted as written (may be private or loopback). */
  exact: Set<string>;
  /** `*.example.com` suffixes: any name under them, if it resolves to public addresses. */
  wildcards: string[];
}

export type HostVerdict = { allowed: true; trusted: boolean } | { allowed: false; reason: string };

export function buildHostPolicy(sourceUrls: string[], recordingHosts: string[]): HostPolicy {
  const exact = new Set<string>();
  const wildcards: string[] = [];
  for (const url of sourceUrls) {
    try {
      const parsed = new URL(url);
      exact.add(parsed.host.toLowerCase());
      exact.add(parsed.hostname.toLowerCase());
    } catch {
      // the config schema already refuses bad URLs
    }
  }
  for (const entry of recordingHosts) {
    const lower = entry.toLowerCase();
    if (lower.startsWith("*.")) wildcards.push(lower.slice(1));
    else exact.add(lower);
  }
  return { exact, wildcards };
}

/** The verdict on a URL before connecting; `trusted: false` means its resolved address must be public. */
export function checkUrl(url: URL, policy: HostPolicy): HostVerdict {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { allowed: false, reason: `scheme ${url.protocol} is not allowed` };
  }
  if (url.username || url.password)
    return { allowed: false, reason: "credentials in the URL are not allowed" };
  const host = url.host.toLowerCase();
  const hostname = stripBrackets(url.hostname.toLowerCase());
  if (policy.exact.has(host) || policy.exact.has(hostname)) return { allowed: true, trusted: true };
  if (
    net.isIP(hostname) === 0 &&
    policy.wildcards.some((suffix) => hostname.endsWith(suffix) && hostname.length > suffix.length)
  ) {
    return { allowed: true, trusted: false };
  }
  return { allowed: false, reason: `host ${hostname} is not a source's host nor in recordingHosts` };
}

function stripBrackets(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/** Loopback, private, link-local, CGNAT, multicast, unspecified … anything not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) {
    const [a, b] = address.split(".").map(Number) as [number, number, number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 192 && b === 0) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224
    );
  }
  if (family === 6) {
    const lower = address.toLowerCase();
    if (lower === "::" || lower === "::1") return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (mapped) return isPrivateAddress(mapped[1]!);
    return (
      /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(lower) ||
      lower.startsWith("64:ff9b:") ||
      lower.startsWith("2001:db8")
    );
  }
  return true;
}
