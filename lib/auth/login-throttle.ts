/**
 * Slows password guessing without handing anyone a way to lock others out. Attempts are counted per
 * (username, client address) and per client address: after 5 failures for a name from one client
 * (or 20 from one client for any names) within 15 minutes, that client waits — 30 s, doubling per
 * failure, up to 15 minutes — while the same user signing in from elsewhere is not held up.
 *
 * An attempt is counted when it begins, in the same synchronous step as the check, before the
 * ~50 ms password hash: concurrent guesses cannot all slip through before the first is counted.
 * A sign-in that succeeds takes its own attempt back and clears its (username, client) record.
 */

const WINDOW_MS = 15 * 60_000;
const FREE_PER_USER = 5;
const FREE_PER_CLIENT = 20;
const BASE_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
const MAX_KEYS = 10_000;

interface Record {
  failures: number;
  first: number;
  lockedUntil: number;
}

export class LoginThrottle {
  private readonly records = new Map<string, Record>();

  /** Milliseconds to wait before another attempt is heard, or 0 — and then the attempt is counted. */
  begin(username: string, ip: string | null, now = Date.now()): number {
    const keys = this.keys(username, ip);
    const wait = Math.max(0, ...keys.map(([key]) => (this.records.get(key)?.lockedUntil ?? 0) - now));
    if (wait > 0) return wait;
    for (const [key, free] of keys) {
      let record = this.records.get(key);
      if (!record || now - record.first > WINDOW_MS) record = { failures: 0, first: now, lockedUntil: 0 };
      record.failures++;
      if (record.failures >= free) {
        record.lockedUntil = now + Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** (record.failures - free));
      }
      if (!this.records.has(key) && this.records.size >= MAX_KEYS)
        this.records.delete(this.records.keys().next().value!);
      this.records.set(key, record);
    }
    return 0;
  }

  /** The attempt begun was the right password: it does not count against the client. */
  succeed(username: string, ip: string | null): void {
    const [[pair], [client]] = this.keys(username, ip) as [[string, number], [string, number]];
    this.records.delete(pair);
    const record = this.records.get(client);
    if (record) {
      record.failures = Math.max(0, record.failures - 1);
      if (record.failures < FREE_PER_CLIENT) record.lockedUntil = 0;
    }
  }

  private keys(username: string, ip: string | null): [string, number][] {
    const client = ip ?? "unknown";
    return [
      [`pair:${username.toLowerCase()}\u0000${client}`, FREE_PER_USER],
      [`ip:${client}`, FREE_PER_CLIENT],
    ];
  }
}
