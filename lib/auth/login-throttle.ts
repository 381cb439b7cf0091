import "server-only";
import { log } from "@/lib/log";
import type { AttemptRecord, AttemptWrites, LoginAttemptRepository } from "@/lib/store/login-attempts";

/**
 * Slows password guessing without handing anyone a way to lock others out. Attempts are counted per
 * (username, client address) and per client address: after 5 failures for a name from one client
 * (or 20 from one client for any names) within 15 minutes, that client waits — 30 s, doubling per
 * failure, up to 15 minutes — while the same user signing in from elsewhere is not held up.
 *
 * An attempt is counted when it begins, in the same atomic step as the check, before the ~50 ms
 * password hash: concurrent guesses cannot all slip through before the first is counted. The
 * records live in the index (lib/store/login-attempts.ts), so every instance sharing it counts the
 * same attempts, and the step is atomic across them too.
 * A sign-in that succeeds takes its own attempt back and clears its (username, client) record.
 */

const WINDOW_MS = 15 * 60_000;
const FREE_PER_USER = 5;
const FREE_PER_CLIENT = 20;
const BASE_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
/** Records kept at most (the oldest windows go first); stale ones are pruned at most once a minute. */
export const MAX_KEYS = 10_000;
const PRUNE_EVERY_MS = 60_000;

type Keyed = [key: string, free: number];

/** The check and the count of one attempt: the wait (ms, then nothing is counted) or 0 and the counted records. */
export function beginStep(
  records: Map<string, AttemptRecord>,
  keys: readonly Keyed[],
  now: number,
): { result: number; writes: AttemptWrites } {
  const writes: AttemptWrites = new Map();
  const wait = Math.max(0, ...keys.map(([key]) => (records.get(key)?.lockedUntil ?? 0) - now));
  if (wait > 0) return { result: wait, writes };
  for (const [key, free] of keys) {
    const stored = records.get(key);
    const record =
      !stored || now - stored.first > WINDOW_MS ? { failures: 0, first: now, lockedUntil: 0 } : { ...stored };
    record.failures++;
    if (record.failures >= free) {
      record.lockedUntil = now + Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** (record.failures - free));
    }
    writes.set(key, record);
  }
  return { result: 0, writes };
}

/** The attempt begun was the right password: its pair record goes, the client's count gives it back. */
export function succeedStep(
  records: Map<string, AttemptRecord>,
  pair: string,
  client: string,
): { result: void; writes: AttemptWrites } {
  const writes: AttemptWrites = new Map([[pair, null]]);
  const stored = records.get(client);
  if (stored) {
    const record = { ...stored, failures: Math.max(0, stored.failures - 1) };
    if (record.failures < FREE_PER_CLIENT) record.lockedUntil = 0;
    writes.set(client, record);
  }
  return { result: undefined, writes };
}

export class LoginThrottle {
  private prunedAt = 0;

  constructor(private readonly records: LoginAttemptRepository) {}

  /** Milliseconds to wait before another attempt is heard, or 0 — and then the attempt is counted. */
  async begin(username: string, ip: string | null, now = Date.now()): Promise<number> {
    const keys = this.keys(username, ip);
    const wait = await this.records.update(
      keys.map(([key]) => key),
      (records) => beginStep(records, keys, now),
    );
    await this.prune(now);
    return wait;
  }

  /** The attempt begun was the right password: it does not count against the client. */
  async succeed(username: string, ip: string | null): Promise<void> {
    const [[pair], [client]] = this.keys(username, ip) as [Keyed, Keyed];
    await this.records.update([pair, client], (records) => succeedStep(records, pair, client));
  }

  /** Records whose window passed and whose lock ran out count nothing: gone, and never more than MAX_KEYS. */
  private async prune(now: number): Promise<void> {
    if (now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    try {
      await this.records.prune(now - WINDOW_MS, now);
      await this.records.trim(MAX_KEYS);
    } catch (err) {
      // The next minute's prune tries again; the attempt itself was counted.
      log.warn("login throttle: could not prune", { error: err as Error });
    }
  }

  private keys(username: string, ip: string | null): Keyed[] {
    const client = ip ?? "unknown";
    return [
      // JSON: unambiguous, and free of NUL characters (PostgreSQL's text cannot hold them).
      [`pair:${JSON.stringify([username.toLowerCase(), client])}`, FREE_PER_USER],
      [`ip:${client}`, FREE_PER_CLIENT],
    ];
  }
}

const throttles = new WeakMap<LoginAttemptRepository, LoginThrottle>();

/** The throttle over one index's records (one per store: it remembers when it last pruned). */
export function loginThrottle(records: LoginAttemptRepository): LoginThrottle {
  let throttle = throttles.get(records);
  if (!throttle) throttles.set(records, (throttle = new LoginThrottle(records)));
  return throttle;
}
