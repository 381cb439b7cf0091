import "server-only";
import { createHmac } from "node:crypto";
import type { AlertNotify } from "@/lib/config";

/**
 * The group robots' wire formats. Each takes a plain-text message (the robots render Markdown
 * differently, and plain text reads the same everywhere).
 *
 * - DingTalk (钉钉自定义机器人): `{msgtype:"text", text:{content}}`; with a secret ("加签"), the URL gets
 *   `timestamp` (ms) and `sign` = Base64(HMAC-SHA256(key = secret, "timestamp\nsecret")). Answers
 *   `{errcode:0}`.
 * - WeCom (企业微信群机器人): `{msgtype:"text", text:{content}}`; the key is in the URL. Answers `{errcode:0}`.
 * - Feishu (飞书自定义机器人): `{msg_type:"text", content:{text}}`; with a secret, the body gets
 *   `timestamp` (s) and `sign` = Base64(HMAC-SHA256(key = "timestamp\nsecret", empty message)).
 *   Answers `{code:0}` (older robots `{StatusCode:0}`).
 */

export interface WebhookRequest {
  url: string;
  body: unknown;
}

export function webhookRequest(notify: AlertNotify, text: string, now = Date.now()): WebhookRequest {
  switch (notify.kind) {
    case "dingtalk": {
      let url = notify.url;
      if (notify.secret) {
        const sign = createHmac("sha256", notify.secret).update(`${now}\n${notify.secret}`).digest("base64");
        const target = new URL(notify.url);
        target.searchParams.set("timestamp", String(now));
        target.searchParams.set("sign", sign);
        url = target.toString();
      }
      return { url, body: { msgtype: "text", text: { content: text } } };
    }
    case "wecom":
      return { url: notify.url, body: { msgtype: "text", text: { content: text } } };
    case "feishu": {
      const body: Record<string, unknown> = { msg_type: "text", content: { text } };
      if (notify.secret) {
        const timestamp = Math.floor(now / 1000);
        body.timestamp = String(timestamp);
        body.sign = createHmac("sha256", `${timestamp}\n${notify.secret}`).update("").digest("base64");
      }
      return { url: notify.url, body };
    }
  }
}

/** Whether a robot's answer says it took the message: HTTP 2xx and the platform's own code 0. */
export function acceptedBy(kind: AlertNotify["kind"], status: number, body: unknown): string | null {
  if (status < 200 || status >= 300) return `HTTP ${status}`;
  const answer = (body ?? {}) as Record<string, unknown>;
  const code = kind === "feishu" ? (answer.code ?? answer.StatusCode) : answer.errcode;
  if (code === 0 || code === "0") return null;
  // The platforms' own words (errmsg/msg) name the problem without repeating the URL.
  const message = String(answer.errmsg ?? answer.msg ?? answer.StatusMessage ?? "").slice(0, 120);
  return `${kind} answered code ${String(code ?? "missing")}${message ? `: ${message}` : ""}`;
}
