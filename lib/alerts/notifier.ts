import "server-only";
import { maskPhone } from "@/lib/auth/mask";
import type { AlertConfig } from "@/lib/config";
import { log } from "@/lib/log";
import { maskNumbers } from "@/lib/auth/pii";
import type { Store } from "@/lib/store";
import type { IndexedCall } from "@/lib/store/calls";
import { matchingLine } from "./match";
import { acceptedBy, webhookRequest } from "./webhooks";

/**
 * Sends the alert notifications sync queued (alert_notifications), apart from the sync: a slow or
 * failing group robot never holds up indexing. Each attempt that fails is retried after a growing
 * delay; after the last one the row is marked failed and kept, with the reason. Webhook URLs and
 * secrets never appear in a log line or a stored error (they are registered secrets too).
 */

export interface NotifierOptions {
  /** Base of the call link in messages (CALLSCOPE_PUBLIC_URL). */
  publicUrl: string;
  /** Delays before the 2nd, 3rd … attempt; its length + 1 is the number of attempts. */
  retryDelaysMs?: number[];
  pollMs?: number;
  timeoutMs?: number;
  sourceName?: (sourceId: string) => string;
  fetch?: typeof fetch;
}

const DEFAULT_DELAYS = [5_000, 30_000, 120_000, 600_000, 3_600_000];

export class AlertNotifier {
  private readonly alerts: Map<string, AlertConfig>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly delays: number[];

  constructor(
    private readonly store: Store,
    alerts: AlertConfig[],
    private readonly options: NotifierOptions,
  ) {
    this.alerts = new Map(alerts.filter((alert) => alert.notify).map((alert) => [alert.name, alert]));
    this.delays = options.retryDelaysMs ?? DEFAULT_DELAYS;
  }

  get enabled(): boolean {
    return this.alerts.size > 0;
  }

  start(): void {
    if (!this.enabled || this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.options.pollMs ?? 2_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Sends what is due now; one pass at a time (a pass that overlaps the running one joins it). */
  runOnce(now = Date.now()): Promise<void> {
    this.running ??= this.pass(now).finally(() => (this.running = null));
    return this.running;
  }

  private async pass(now: number): Promise<void> {
    for (const due of await this.store.notifications.due(now, 20)) {
      const alert = this.alerts.get(due.alert);
      if (!alert?.notify) {
        await this.store.notifications.failed(
          due.callId,
          due.alert,
          "the alert no longer has a webhook",
          null,
        );
        continue;
      }
      const error = await this.send(alert, due.callId);
      if (error === null) {
        await this.store.notifications.sent(due.callId, due.alert, new Date().toISOString());
        continue;
      }
      const delay = this.delays[due.attempts];
      await this.store.notifications.failed(
        due.callId,
        due.alert,
        error,
        delay === undefined ? null : Date.now() + delay,
      );
      log.warn("alert notification failed", {
        alert: due.alert,
        call: due.callId,
        attempt: due.attempts + 1,
        error,
        retry: delay !== undefined,
      });
    }
  }

  /** One attempt; null when the robot took it, else why not (never the URL). */
  private async send(alert: AlertConfig, callId: string): Promise<string | null> {
    const call = await this.store.calls.get(callId);
    if (!call) return "the call is no longer in the index";
    const request = webhookRequest(alert.notify!, this.message(alert, call));
    try {
      const response = await (this.options.fetch ?? fetch)(request.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      const body: unknown = await response.json().catch(() => null);
      return acceptedBy(alert.notify!.kind, response.status, body);
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      return (err as Error).name === "TimeoutError"
        ? "timed out"
        : `could not reach the webhook${cause ? ` (${cause})` : ""}`;
    }
  }

  private message(alert: AlertConfig, call: IndexedCall): string {
    const line = matchingLine(alert, call.transcript ?? []);
    const { summary } = call;
    const who = line ? (line.speaker === "robot" ? "机器人" : "客户") : null;
    const source = this.options.sourceName?.(summary.sourceId) ?? summary.sourceId;
    return [
      `【Callscope 告警】${alert.name}`,
      `被叫：${maskPhone(summary.callee)}`,
      `来源：${source} · 任务 ${summary.taskId}`,
      ...(summary.startedAt ? [`时间：${summary.startedAt}`] : []),
      ...(line ? [`${who}：“${maskNumbers(line.text)}”`] : []),
      `查看：${this.options.publicUrl.replace(/\/$/, "")}/calls/${call.summary.id}`,
    ].join("\n");
  }
}
