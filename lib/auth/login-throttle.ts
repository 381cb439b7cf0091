/**
 * Slows password guessing: after 5 failed sign-ins for a username (from anywhere) or from an address
 * (for any username) within 15 minutes, further attempts wait — 30 s, doubling per failure, up to
 * 15 minutes. A successful sign-in clears the username's record.
 */

const WINDOW_MS = 15 * 60_000;
const FREE_ATTEMPTS = 5;
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

  /** Milliseconds to wait before another attempt is heard, or 0. */
  retryAfter(username: string, ip: string | null, now = Date.now()): number {
    return Math.max(
      0,
      ...this.keys(username, ip).map((key) => (this.records.get(key)?.lockedUntil ?? 0) - now),
    );
  }

  fail(username: string, ip: string | null, now = Date.now()): void {
    for (const key of this.keys(username, ip)) {
      let record = this.records.get(key);
      if (!record || now - record.first > WINDOW_MS) record = { failures: 0, first: now, lockedUntil: 0 };
      record.failures++;
      if (record.failures >= FREE_ATTEMPTS) {
        record.lockedUntil =
          now + Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** (record.failures - FREE_ATTEMPTS));
      }
      if (this.records.size >= MAX_KEYS) this.records.delete(this.records.keys().next().value!);
      this.records.set(key, record);
    }
  }

  succeed(username: string): void {
    this.records.delete(`user:${username.toLowerCase()}`);
  }

  private keys(username: string, ip: string | null): string[] {
    return [`user:${username.toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])];
  }
}
