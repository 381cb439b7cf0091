import { randomBytes } from "node:crypto";
import http from "node:http";

/**
 * The address a request really came from. Next.js route handlers never see the socket, and Next
 * only sets X-Forwarded-For when the client did not, so a client could name its own address.
 * start-up (instrumentation.ts) therefore stamps every incoming request with its socket's address
 * under a per-process secret before Next.js sees it; a client cannot forge the stamp, and a request
 * without a valid one (tests, an unknown server) has no known peer.
 */

export const PEER_HEADER = "x-callscope-peer";

const KEY = Symbol.for("callscope.peerNonce");
const holder = globalThis as { [KEY]?: string };
const nonce = (holder[KEY] ??= randomBytes(16).toString("hex"));

export interface Peer {
  address: string;
  /** The connection itself is TLS. */
  encrypted: boolean;
}

/** The header value that vouches for `peer` in this process (the stamp; tests use it too). */
export function peerStamp(peer: Peer): string {
  return `${nonce} ${peer.address} ${peer.encrypted ? "tls" : "tcp"}`;
}

export function peerOf(headers: Headers): Peer | null {
  const parts = headers.get(PEER_HEADER)?.split(" ");
  if (!parts || parts.length !== 3 || parts[0] !== nonce || !parts[1]) return null;
  return { address: parts[1], encrypted: parts[2] === "tls" };
}

const PATCHED = Symbol.for("callscope.peerPatched");

/** Stamps every request of every HTTP server in this process (idempotent). */
export function stampPeers(): void {
  const proto = http.Server.prototype as http.Server & { [PATCHED]?: boolean };
  if (proto[PATCHED]) return;
  proto[PATCHED] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      const socket = req.socket as typeof req.socket & { encrypted?: boolean };
      req.headers[PEER_HEADER] = socket.remoteAddress
        ? peerStamp({ address: socket.remoteAddress, encrypted: Boolean(socket.encrypted) })
        : "";
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof proto.emit;
}
