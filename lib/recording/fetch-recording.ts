import "server-only";
import dns from "node:dns";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import net, { type LookupFunction } from "node:net";
import { AppError, isAppError } from "@/lib/errors";
import { checkUrl, isPrivateAddress, type HostPolicy } from "./host-policy";

/**
 * One upstream fetch of recording bytes, streamed (never buffered whole), under the host policy:
 * every hop of a redirect is checked again, and a wildcard-matched name is refused if the address we
 * actually connect to is private or loopback.
 */

export interface UpstreamAudio {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: IncomingMessage;
  /** Where the bytes finally came from (after redirects). */
  url: string;
}

export interface FetchOptions {
  policy: HostPolicy;
  range?: string | null;
  signal?: AbortSignal;
  maxRedirects?: number;
  timeoutMs?: number;
  /** When (epoch ms) the answer's headers must have arrived: an interactive request's deadline. */
  deadlineAt?: number;
}

export class RecordingRefused extends AppError {
  constructor(reason: string) {
    super("recording_refused", `recording not fetched: ${reason}`);
    this.name = "RecordingRefused";
  }
}

export async function fetchRecording(urlText: string, options: FetchOptions): Promise<UpstreamAudio> {
  let url = parseUrl(urlText);
  for (let hop = 0; ; hop++) {
    const answer = await requestOnce(url, options);
    const location = answer.headers.location;
    if (answer.status >= 300 && answer.status < 400 && location) {
      answer.body.resume();
      answer.body.destroy();
      if (hop >= (options.maxRedirects ?? 3)) throw new RecordingRefused("too many redirects");
      url = parseUrl(new URL(location, url).toString());
      continue;
    }
    return { ...answer, url: url.toString() };
  }
}

function parseUrl(text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new RecordingRefused("the vendor's recording URL is not a URL");
  }
}

function requestOnce(url: URL, options: FetchOptions): Promise<Omit<UpstreamAudio, "url">> {
  const verdict = checkUrl(url, options.policy);
  if (!verdict.allowed) return Promise.reject(new RecordingRefused(verdict.reason));
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  if (!verdict.trusted && net.isIP(hostname) && isPrivateAddress(hostname)) {
    return Promise.reject(new RecordingRefused(`${hostname} is a private address`));
  }
  const lookup: LookupFunction = (name, lookupOptions, callback) => {
    dns.lookup(name, { all: true, family: lookupOptions.family as number | undefined }, (err, addresses) => {
      if (err) return callback(err, "", 4);
      const list = addresses as dns.LookupAddress[];
      if (!verdict.trusted && list.some((entry) => isPrivateAddress(entry.address))) {
        return callback(new RecordingRefused(`${name} resolves to a private address`), "", 4);
      }
      if ((lookupOptions as { all?: boolean }).all) {
        (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      } else {
        callback(null, list[0]!.address, list[0]!.family);
      }
    });
  };

  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const headers: Record<string, string> = {
      "user-agent": "Callscope/1 (recording proxy)",
      "accept-encoding": "identity",
    };
    if (options.range) headers.range = options.range;
    const req = client.request(url, { method: "GET", headers, lookup, timeout: options.timeoutMs ?? 15_000 });
    const onAbort = () => req.destroy(new Error("aborted by the client"));
    // The socket timeout above only notices silence; a deadline bounds the wait for headers outright.
    const deadline =
      options.deadlineAt === undefined
        ? null
        : setTimeout(
            () => req.destroy(new AppError("vendor_timeout", "the recording host did not answer in time")),
            Math.max(0, options.deadlineAt - Date.now()),
          );
    options.signal?.addEventListener("abort", onAbort, { once: true });
    req.on("response", (res) => {
      if (deadline) clearTimeout(deadline);
      res.on("close", () => options.signal?.removeEventListener("abort", onAbort));
      resolve({ status: res.statusCode ?? 502, headers: res.headers, body: res });
    });
    req.on("timeout", () =>
      req.destroy(new AppError("vendor_timeout", "the recording host did not answer in time")),
    );
    req.on("error", (err) => {
      if (deadline) clearTimeout(deadline);
      options.signal?.removeEventListener("abort", onAbort);
      reject(
        isAppError(err)
          ? err
          : new AppError(
              "vendor_unavailable",
              `cannot reach the recording host (${(err as NodeJS.ErrnoException).code ?? err.message})`,
              { cause: err },
            ),
      );
    });
    req.end();
  });
}
