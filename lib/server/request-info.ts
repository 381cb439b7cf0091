import "server-only";
import net from "node:net";
import { peerOf } from "./peer";

/**
 * Who is asking, as far as can be known. The connection's own peer address is the truth; the
 * X-Forwarded-* headers are believed only when that peer is one of the configured `trustProxy`
 * addresses, and then X-Forwarded-For is read from the right, past every trusted proxy, to the
 * first address no trusted proxy vouches for.
 */

export interface ProxyTrust {
  trustProxy?: string[];
}

const lists = new WeakMap<string[], net.BlockList>();

function trustList(entries: string[]): net.BlockList {
  let list = lists.get(entries);
  if (!list) {
    list = new net.BlockList();
    for (const entry of entries) {
      const [address, bits] = entry.split("/") as [string, string | undefined];
      const type = net.isIP(address) === 6 ? "ipv6" : "ipv4";
      if (bits === undefined) list.addAddress(address, type);
      else list.addSubnet(address, Number(bits), type);
    }
    lists.set(entries, list);
  }
  return list;
}

/** An IPv4 client on a dual-stack socket shows as ::ffff:1.2.3.4: people read it as 1.2.3.4. */
function plain(address: string): string {
  return address.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
}

function trusted(address: string, config: ProxyTrust): boolean {
  const entries = config.trustProxy;
  if (!entries?.length) return false;
  const family = net.isIP(address);
  if (!family) return false;
  return trustList(entries).check(address, family === 6 ? "ipv6" : "ipv4");
}

export function clientIp(req: { headers: Headers }, config: ProxyTrust): string | null {
  const peer = peerOf(req.headers);
  if (!peer) return null;
  let client = plain(peer.address);
  if (!trusted(client, config)) return client;
  const hops = (req.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map(plain)
    .filter((hop) => net.isIP(hop));
  for (let i = hops.length - 1; i >= 0; i--) {
    client = hops[i]!;
    if (!trusted(client, config)) return client;
  }
  return client;
}

export function isHttps(req: Request, config: ProxyTrust): boolean {
  const peer = peerOf(req.headers);
  if (peer && trusted(plain(peer.address), config)) {
    const proto = req.headers.get("x-forwarded-proto");
    if (proto) return proto.split(",")[0]!.trim() === "https";
  }
  if (peer) return peer.encrypted;
  return new URL(req.url).protocol === "https:";
}

/**
 * State-changing requests from a browser must come from this origin. Browsers send Origin on every
 * cross-origin POST/PATCH; clients without one (curl, scripts) carry no ambient cookie risk. The host
 * the browser used is the Host header, or X-Forwarded-Host when a trusted proxy says so — from anyone
 * else that header would let the request name its own origin as this server's.
 */
export function sameOrigin(req: Request, config: ProxyTrust): boolean {
  const origin = req.headers.get("origin");
  if (!origin) {
    const site = req.headers.get("sec-fetch-site");
    return !site || site === "same-origin" || site === "none";
  }
  const peer = peerOf(req.headers);
  const forwarded =
    peer && trusted(plain(peer.address), config)
      ? req.headers.get("x-forwarded-host")?.split(",")[0]?.trim()
      : undefined;
  const host = forwarded || req.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
