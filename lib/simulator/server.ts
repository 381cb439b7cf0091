import { createHmac, timingSafeEqual } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type {
  SimContext,
  SimCredentials,
  SimDataset,
  SimRequest,
  SimResponse,
  SimVendor,
} from "./http-types";
import { parseRange } from "@/lib/recording/range";
import { recordingFor, type RecordingTrack } from "./recording";
import type { SimCall, SimSource } from "./types";

/**
 * One HTTP server that speaks all four vendors' wire formats, each under its own prefix
 * (`/aliyun-dyvms`, `/aliyun-aiccs`, `/tanyi`, `/agent`), and serves recordings the way Aliyun OSS
 * does: signed URLs that expire (403 AccessDenied after), byte ranges (206), 416 past the end.
 */

export interface SimulatorOptions {
  dataset: SimDataset;
  vendors: SimVendor[];
  credentials: SimCredentials;
  host?: string;
  port?: number;
  /** Lifetime of recording URLs; Dyvms documents 48 h. */
  recordingUrlTtlSeconds?: number;
  /** Extra request hook (fault injection): may answer instead of the vendor, or return null to pass. */
  intercept?: (
    request: SimRequest & { prefix: string },
    raw: IncomingMessage,
    res: ServerResponse,
  ) => Promise<boolean> | boolean;
  now?: () => number;
}

export interface SimulatorHandle {
  url: string;
  context: SimContext;
  close(): Promise<void>;
}

const OSS_KEY_ID = "LTAIsimOSSkey0001";
const OSS_SECRET = "sim-oss-secret-not-a-real-key";
const MAX_BODY = 1024 * 1024;

export async function startSimulator(options: SimulatorOptions): Promise<SimulatorHandle> {
  const now = options.now ?? Date.now;
  const ttl = options.recordingUrlTtlSeconds ?? 48 * 3600;
  const context: SimContext = {
    dataset: options.dataset,
    credentials: options.credentials,
    baseUrl: "",
    now,
    recordingUrl: (call, track) =>
      signedRecordingUrl(context.baseUrl, call, Math.floor(now() / 1000) + ttl, track),
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`simulator error: ${(err as Error).message}`);
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://simulator");
    if (url.pathname.startsWith("/oss/")) {
      // The recording host can misbehave too (fault prefix "/oss"), to try the proxy's error paths.
      const request = {
        method: req.method ?? "GET",
        path: url.pathname.slice("/oss".length),
        query: url.searchParams,
        headers: req.headers,
        body: "",
        prefix: "/oss",
      };
      if (options.intercept && (await options.intercept(request, req, res))) return;
      await serveRecording(req, res, url, context);
      return;
    }
    const vendor = options.vendors.find(
      (candidate) => url.pathname === candidate.prefix || url.pathname.startsWith(`${candidate.prefix}/`),
    );
    const body = await readBody(req);
    const request: SimRequest & { prefix: string } = {
      method: req.method ?? "GET",
      path: vendor ? url.pathname.slice(vendor.prefix.length) || "/" : url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      prefix: vendor?.prefix ?? "",
    };
    if (options.intercept && (await options.intercept(request, req, res))) return;
    if (!vendor) return send(res, { status: 404, body: `no simulated vendor at ${url.pathname}` });
    send(res, await vendor.handle(request, context));
  }

  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve),
  );
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  context.baseUrl = `http://${host}:${address.port}`;

  return {
    url: context.baseUrl,
    context,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error("request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, response: SimResponse): void {
  const body = typeof response.body === "string" ? Buffer.from(response.body, "utf8") : response.body;
  res.writeHead(response.status, {
    "content-type": "application/json;charset=UTF-8",
    ...response.headers,
    "content-length": String(body.length),
  });
  res.end(body);
}

// ---------------------------------------------------------------------------------------------
// Recordings, OSS style: /oss/<source>/<vendorCallId>.wav?OSSAccessKeyId=…&Expires=…&Signature=…
// and one party's track alone at /oss/<source>/<track>/<vendorCallId>.wav.

function objectPath(call: SimCall, track: RecordingTrack = "full"): string {
  const folder = track === "full" ? "" : `${track}/`;
  return `/oss/${call.source}/${folder}${encodeURIComponent(call.vendorCallId)}.wav`;
}

function ossSignature(path: string, expires: number): string {
  return createHmac("sha1", OSS_SECRET).update(`GET\n\n\n${expires}\n${path}`).digest("base64");
}

export function signedRecordingUrl(
  baseUrl: string,
  call: SimCall,
  expires: number,
  track: RecordingTrack = "full",
): string {
  const path = objectPath(call, track);
  const query = new URLSearchParams({
    OSSAccessKeyId: OSS_KEY_ID,
    Expires: String(expires),
    Signature: ossSignature(path, expires),
  });
  return `${baseUrl}${path}?${query.toString()}`;
}

function ossError(res: ServerResponse, status: number, code: string, message: string): void {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${code}</Code>\n  <Message>${message}</Message>\n` +
    `  <RequestId>5F${Date.now().toString(16).toUpperCase()}</RequestId>\n  <HostId>simulator</HostId>\n</Error>\n`;
  res.writeHead(status, {
    "content-type": "application/xml",
    "content-length": String(Buffer.byteLength(body)),
  });
  res.end(body);
}

async function serveRecording(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  context: SimContext,
): Promise<void> {
  const match = /^\/oss\/([a-z]+)\/(?:(customer|robot)\/)?([^/]+)\.wav$/.exec(url.pathname);
  const source = match?.[1] as SimSource | undefined;
  const track: RecordingTrack = (match?.[2] as RecordingTrack | undefined) ?? "full";
  const call = match && source ? context.dataset.callByVendorId(source, decodeURIComponent(match[3]!)) : null;
  const expires = Number(url.searchParams.get("Expires"));
  const given = Buffer.from(url.searchParams.get("Signature") ?? "");
  const expected = Buffer.from(ossSignature(url.pathname, expires));
  if (!Number.isFinite(expires) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return ossError(
      res,
      403,
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided.",
    );
  }
  if (expires * 1000 < context.now()) {
    return ossError(res, 403, "AccessDenied", "Request has expired.");
  }
  if (!call?.recording) return ossError(res, 404, "NoSuchKey", "The specified key does not exist.");

  const recording = recordingFor(call, track);
  const size = recording.size;
  const headers: Record<string, string> = {
    "content-type": "audio/wav",
    "accept-ranges": "bytes",
    etag: `"${call.source}-${call.index}-${track}-${size}"`,
    "last-modified": new Date(call.endAt).toUTCString(),
  };
  const range = parseRange(req.headers.range, size);
  if (range === "unsatisfiable") {
    res.writeHead(416, { ...headers, "content-range": `bytes */${size}` });
    res.end();
    return;
  }
  const [start, end] = range ?? [0, size - 1];
  res.writeHead(range ? 206 : 200, {
    ...headers,
    "content-length": String(end - start + 1),
    ...(range ? { "content-range": `bytes ${start}-${end}/${size}` } : {}),
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  // Stream in chunks, respecting backpressure: long recordings are hundreds of MB.
  const CHUNK = 256 * 1024;
  for (let offset = start; offset <= end; offset += CHUNK) {
    if (res.destroyed) return;
    const chunk = recording.read(offset, Math.min(end, offset + CHUNK - 1));
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off("drain", done);
          res.off("close", done);
          resolve();
        };
        res.on("drain", done);
        res.on("close", done);
      });
    }
  }
  res.end();
}
