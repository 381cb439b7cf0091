import { VendorError } from "@/lib/vendors/errors";

/**
 * A person opening a call waits at most 8 s for an answer (issue #13). The vendor gets 5 s of that,
 * retries and backoff included; the rest is ours: the index, the page's render and its scripts in
 * the browser (7 s for the vendor left a loaded machine's call page at 12 s). Sync keeps the HTTP
 * policy's own, longer timeouts and retries: it has nobody waiting.
 */
export const INTERACTIVE_DEADLINE_MS = 5_000;

/** One time limit for everything a request does upstream, however many attempts that takes. */
export class Deadline {
  readonly signal: AbortSignal;
  private readonly at: number;

  constructor(readonly ms: number = INTERACTIVE_DEADLINE_MS) {
    this.at = Date.now() + ms;
    this.signal = AbortSignal.timeout(ms);
  }

  get remainingMs(): number {
    return Math.max(0, this.at - Date.now());
  }

  /**
   * `work`'s result, or a vendor timeout once the deadline passes, whether or not `work` listens to
   * the signal (it should: the signal also stops it from retrying into the void).
   */
  race<T>(work: Promise<T>, label: string): Promise<T> {
    if (this.signal.aborted) return Promise.reject(this.timeoutError(label));
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.timeoutError(label));
      this.signal.addEventListener("abort", onAbort, { once: true });
      work.then(
        (value) => {
          this.signal.removeEventListener("abort", onAbort);
          resolve(value);
        },
        (err: unknown) => {
          this.signal.removeEventListener("abort", onAbort);
          // An attempt cut short by the deadline rejects with the abort's reason: say what happened.
          reject(this.signal.aborted ? this.timeoutError(label) : err);
        },
      );
    });
  }

  private timeoutError(label: string): VendorError {
    const seconds = (this.ms / 1000).toFixed(this.ms % 1000 ? 1 : 0);
    return new VendorError("timeout", `${label}: the vendor did not answer within ${seconds} s`, {
      vendorCode: "deadline",
    });
  }
}
