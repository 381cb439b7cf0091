import { matchAlerts, type AlertRule } from "@/lib/alerts/match";
import type { Utterance } from "@/lib/model";

/** The config's alerts, applied to every transcript indexed; `notifying`: those with a webhook. */
export class AlertRules {
  rules: AlertRule[] = [];
  notifying = new Set<string>();

  configure(rules: AlertRule[], notifying: Iterable<string> = []): void {
    this.rules = rules;
    this.notifying = new Set(notifying);
  }

  /**
   * Which alerts a call's new transcript raises, and which of those to announce: an alert the call
   * did not carry before, with a webhook (the notifications table keeps it to one per call).
   */
  apply(lines: Utterance[], before: Iterable<string>): { names: string[]; notify: string[] } {
    const had = new Set(before);
    const names = [...matchAlerts(this.rules, lines)];
    return { names, notify: names.filter((name) => !had.has(name) && this.notifying.has(name)) };
  }
}
