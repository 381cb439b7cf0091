/**
 * Whether a scrolling view may follow the play head — one rule for the waveform and the transcript.
 * The view's own scrolls are told apart from the reader's; the reader taking over pauses the follow:
 *
 * - "input" (the waveform): a wheel or touch pauses it for `graceMs`, then the view follows again;
 * - "away" (the transcript): a reader's scroll that leaves the current spot out of sight (`isAway`)
 *   pauses it until `resume()` (the "back to now" button, a click on a line).
 *
 * A wheel or touch is always the reader, even in the middle of the view's own glide. With
 * `holdOnPointer`, a press on the view (dragging the waveform to seek) holds the view still until
 * released: moving it under the pointer would fight the drag. Listeners go with `signal`.
 */

export type FollowMode = "input" | "away";

export interface FollowOptions {
  mode: FollowMode;
  signal: AbortSignal;
  graceMs?: number;
  isAway?: () => boolean;
  holdOnPointer?: boolean;
  /** Told when following starts or stops (the transcript shows its button then). */
  onChange?: (following: boolean) => void;
  now?: () => number;
}

export class FollowController {
  private auto = false;
  private autoTimer: ReturnType<typeof setTimeout> | null = null;
  private pausedUntil = 0;
  private held = false;
  private readonly now: () => number;

  constructor(
    private readonly scroller: HTMLElement,
    private readonly options: FollowOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    const { signal } = options;
    const passive = { passive: true, signal };
    scroller.addEventListener("wheel", this.onInput, passive);
    scroller.addEventListener("touchmove", this.onInput, passive);
    scroller.addEventListener("scroll", this.onScroll, passive);
    scroller.addEventListener("scrollend", this.settle, { signal });
    if (options.holdOnPointer) {
      scroller.addEventListener("pointerdown", () => (this.held = true), { signal });
      const release = () => (this.held = false);
      window.addEventListener("pointerup", release, { signal });
      window.addEventListener("pointercancel", release, { signal });
    }
    signal.addEventListener("abort", () => this.autoTimer && clearTimeout(this.autoTimer), { once: true });
  }

  /** The play head may move the view now. */
  get following(): boolean {
    return !this.held && this.now() >= this.pausedUntil;
  }

  /** The reader is pressing on the view (a drag in progress). */
  get holding(): boolean {
    return this.held;
  }

  /** Runs the view's own scroll; scroll events until it settles (or `settleMs`) are not the reader's. */
  scroll(run: () => void, settleMs: number): void {
    this.auto = true;
    if (this.autoTimer) clearTimeout(this.autoTimer);
    run();
    this.autoTimer = setTimeout(this.settle, settleMs);
  }

  resume(): void {
    const was = this.now() >= this.pausedUntil;
    this.pausedUntil = 0;
    if (!was) this.options.onChange?.(true);
  }

  private pause(untilMs: number): void {
    const was = this.now() >= this.pausedUntil;
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
    if (was) this.options.onChange?.(false);
  }

  private settle = () => {
    this.auto = false;
  };

  private onInput = () => {
    this.auto = false;
    if (this.options.mode === "input") this.pause(this.now() + (this.options.graceMs ?? 3000));
  };

  private onScroll = () => {
    if (this.auto || this.options.mode !== "away") return;
    if (this.options.isAway?.()) this.pause(Infinity);
  };
}
