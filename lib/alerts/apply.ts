import "server-only";
import { createHash } from "node:crypto";
import type { AlertConfig } from "@/lib/config";
import { log } from "@/lib/log";
import type { Store } from "@/lib/store";

const FINGERPRINT_KEY = "alerts.fingerprint";

/** What the index's alerts were computed from: names and phrases (a webhook change re-reads nothing). */
export function alertsFingerprint(alerts: readonly AlertConfig[]): string {
  const rules = alerts.map((alert) => [alert.name, alert.phrases]);
  return createHash("sha256").update(JSON.stringify(rules)).digest("base64url");
}

/**
 * At start: sync applies the config's alerts to every transcript it indexes from now on, and when
 * they differ from the ones the index was computed with (a fingerprint in settings), every stored
 * transcript is read again. Returns the number of calls re-read into alerts, or null when unchanged.
 */
export async function applyAlertConfig(store: Store, alerts: readonly AlertConfig[]): Promise<number | null> {
  const rules = alerts.map((alert) => ({ name: alert.name, phrases: alert.phrases }));
  store.calls.configureAlerts(
    rules,
    alerts.filter((alert) => alert.notify).map((alert) => alert.name),
  );
  const fingerprint = alertsFingerprint(alerts);
  if ((await store.settings.get(FINGERPRINT_KEY)) === fingerprint) return null;
  const started = performance.now();
  const alerting = await store.calls.reindexAlerts(rules);
  await store.settings.set(FINGERPRINT_KEY, fingerprint);
  log.info("alerts: the config's alerts changed; index re-read", {
    alerts: rules.length,
    alertingCalls: alerting,
    ms: Math.round(performance.now() - started),
  });
  return alerting;
}
