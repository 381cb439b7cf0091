import type { IncomingMessage, ServerResponse } from "node:http";
import type { SimRequest } from "./http-types";

/**
 * Fault injection for the simulator: vendors throttle, time out, answer HTML error pages, cut JSON
 * short and reset connections. Rules are matched in order against each vendor request; each may
 * fire a limited number of times. Tests add rules in-process; a running demo accepts them at
 * `POST /_sim/faults` (JSON rule or list of rules), lists them at GET and clears them at DELETE.
 */

export const FAULT_MODES = [
  "throttle",
  "unavailable",
  "hang",
  "garbage",
  "truncated",
  "reset",
  "slow",
] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export interface FaultRule {
  mode: FaultMode;
  /**
   * Vendor mount point (`/tanyi`, `/aliyun-dyvms` …), or `/oss` for the recording host; omitted =
   * every vendor (the recording host only when named).
   */
  prefix?: string;
  /** Substring of the path or of the Aliyun `Action` (`callDetail`, `QueryCallDetailByTaskId` …). */
  match?: string;
  /** How many requests it affects; omitted = until cleared. */
  times?: number;
  /** For throttle/unavailable: the Retry-After to send, in seconds. */
  retryAfterSeconds?: number;
  /** For slow: how long to wait before letting the vendor answer. */
  delayMs?: number;
}

interface ActiveRule extends FaultRule {
  used: number;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private readonly hanging = new Set<ServerResponse>();
  /** Requests the rules affected since the last clear(), for tests to assert on. */
  hits = 0;

  add(...rules: FaultRule[]): this {
    for (const rule of rules) this.rules.push({ ...rule, used: 0 });
    return this;
  }

  clear(): void {
    this.rules = [];
    this.hits = 0;
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }

  list(): FaultRule[] {
    return this.rules.map(({ used: _used, ...rule }) => rule);
  }

  /** The simulator's intercept hook: true when this injector answered (or dropped) the request. */
  intercept = async (
    request: SimRequest & { prefix: string },
    raw: IncomingMessage,
    res: ServerResponse,
  ): Promise<boolean> => {
    if (request.prefix === "" && request.path === "/_sim/faults") {
      this.control(request, res);
      return true;
    }
    const rule = this.rules.find(
      (candidate) =>
        matches(candidate, request) && (candidate.times === undefined || candidate.used < candidate.times),
    );
    if (!rule) return false;
    rule.used++;
    this.hits++;
    return this.apply(rule, request, raw, res);
  };

  private async apply(
    rule: ActiveRule,
    request: SimRequest & { prefix: string },
    raw: IncomingMessage,
    res: ServerResponse,
  ): Promise<boolean> {
    const retryAfter: Record<string, string> =
      rule.retryAfterSeconds !== undefined ? { "retry-after": String(rule.retryAfterSeconds) } : {};
    switch (rule.mode) {
      case "throttle":
        throttled(request.prefix, res, retryAfter);
        return true;
      case "unavailable":
        res.writeHead(503, { "content-type": "text/html", ...retryAfter });
        res.end(
          "<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>Tengine</center></body></html>",
        );
        return true;
      case "garbage":
        res.writeHead(200, { "content-type": "text/html;charset=utf-8" });
        res.end(
          "<!DOCTYPE html><html><body><h1>系统维护中</h1><p>The service is under maintenance.</p></body></html>",
        );
        return true;
      case "truncated":
        res.writeHead(200, { "content-type": "application/json;charset=UTF-8" });
        res.end('{"code":200,"data":{"content":[{"callRecordId":47,"calledPhoneNumber":"1881750');
        return true;
      case "reset":
        raw.socket.destroy();
        return true;
      case "hang":
        // Never answer: the client's timeout must end it. Kept so clear() can let go.
        this.hanging.add(res);
        res.on("close", () => this.hanging.delete(res));
        return true;
      case "slow":
        await new Promise((resolve) => setTimeout(resolve, rule.delayMs ?? 1000));
        return false;
    }
  }

  private control(request: SimRequest, res: ServerResponse): void {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (request.method === "DELETE") {
      this.clear();
      return send(200, { rules: [] });
    }
    if (request.method === "POST") {
      try {
        const parsed: unknown = JSON.parse(request.body);
        const rules = (Array.isArray(parsed) ? parsed : [parsed]) as FaultRule[];
        if (!rules.every((rule) => rule && (FAULT_MODES as readonly string[]).includes(rule.mode))) {
          return send(400, { error: `mode must be one of ${FAULT_MODES.join(", ")}` });
        }
        this.add(...rules);
      } catch {
        return send(400, { error: "send a JSON fault rule or a list of them" });
      }
    }
    send(200, { rules: this.list() });
  }
}

function matches(rule: FaultRule, request: SimRequest & { prefix: string }): boolean {
  if (!request.prefix) return false;
  if (rule.prefix ? rule.prefix !== request.prefix : request.prefix === "/oss") return false;
  if (!rule.match) return true;
  return (
    request.path.includes(rule.match) ||
    request.query.get("Action") === rule.match ||
    request.body.includes(rule.match)
  );
}

/** Each vendor's own way of saying "slow down". */
function throttled(prefix: string, res: ServerResponse, extra: Record<string, string>): void {
  if (prefix.startsWith("/aliyun")) {
    res.writeHead(400, { "content-type": "application/json;charset=UTF-8", ...extra });
    res.end(
      JSON.stringify({
        Code: "Throttling.User",
        Message: "Request was denied due to user flow control.",
        RequestId: "5C9C2E3A-THROTTLED",
      }),
    );
    return;
  }
  if (prefix === "/tanyi") {
    res.writeHead(200, { "content-type": "application/json;charset=UTF-8", ...extra });
    res.end(
      JSON.stringify({
        code: 429,
        data: null,
        requestId: "THROTTLE",
        resultMsg: "请求过于频繁，请稍后再试",
        errorStackTrace: null,
      }),
    );
    return;
  }
  res.writeHead(429, { "content-type": "application/json", ...extra });
  res.end(JSON.stringify({ message: "Too Many Attempts." }));
}
