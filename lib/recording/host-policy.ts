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
  /**
   * Exact entries, trusted as written (may be private or loopback): `host:port` — a source's own
   * host on its own port only, or a recordingHosts entry with a port — or a bare host name, from
   * a recordingHosts entry written without a port (any port).
   */
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
      // Only the port the source is configured on: the same host's other ports (an admin console,
      // a database) are not the vendor's recordings.
      exact.add(hostPort(new URL(url)));
    } catch {
      // the config schema already refuses bad URLs
    }
  }
  for (const entry of recordingHosts) {
    const lower = entry.toLowerCase();
    if (lower.startsWith("*.")) wildcards.push(lower.slice(1));
    else if (/:\d+$/.test(lower)) exact.add(hostPort(new URL(`http://${lower}`)));
    else exact.add(stripBrackets(lower));
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
  const hostname = stripBrackets(url.hostname.toLowerCase());
  if (policy.exact.has(hostPort(url)) || policy.exact.has(hostname)) return { allowed: true, trusted: true };
  if (
    net.isIP(hostname) === 0 &&
    policy.wildcards.some((suffix) => hostname.endsWith(suffix) && hostname.length > suffix.length)
  ) {
    return { allowed: true, trusted: false };
  }
  return { allowed: false, reason: `host ${hostname} is not a source's host nor in recordingHosts` };
}

/** `host:port` with the scheme's default port made explicit, so https://h and https://h:443 agree. */
function hostPort(url: URL): string {
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return `${stripBrackets(url.hostname.toLowerCase())}:${port}`;
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
    const groups = expandIpv6(address);
    if (!groups) return true;
    // ::, ::1, and IPv4 inside IPv6 — mapped (::ffff:a.b.c.d) or compatible (::a.b.c.d), in either
    // spelling (the URL parser writes [::ffff:127.0.0.1] as [::ffff:7f00:1]): judged as the IPv4.
    if (groups.slice(0, 5).every((g) => g === 0) && (groups[5] === 0 || groups[5] === 0xffff)) {
      const [hi, lo] = [groups[6]!, groups[7]!];
      // IPv4-compatible (::a.b.c.d) is deprecated and never routed on the internet: private, always.
      if (groups[5] === 0) return true;
      return isPrivateAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    const first = groups[0]!;
    return (
      (first & 0xfe00) === 0xfc00 || // fc00::/7 unique local
      (first & 0xffc0) === 0xfe80 || // fe80::/10 link-local
      (first & 0xffc0) === 0xfec0 || // fec0::/10 site-local (deprecated, still routed privately)
      (first & 0xff00) === 0xff00 || // multicast
      (first === 0x64 && groups[1] === 0xff9b) || // NAT64
      (first === 0x2001 && groups[1] === 0xdb8) || // documentation
      (first === 0x2002 &&
        isPrivateAddress(`${groups[1]! >> 8}.${groups[1]! & 255}.${groups[2]! >> 8}.${groups[2]! & 255}`)) // 6to4 of a private v4
    );
  }
  return true;
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part included), or null. */
function expandIpv6(address: string): number[] | null {
  let text = address.toLowerCase().split("%")[0]!;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, -v4[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const parse = (part: string) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const fill = 8 - left.length - right.length;
  if (fill < 0 || (tail === undefined && fill !== 0)) return null;
  const groups = [...left, ...Array<number>(fill).fill(0), ...right];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}
