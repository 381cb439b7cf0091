/**
 * The call page's player state, outside React: the waveform engine (wavesurfer) writes the play head
 * into it many times a second and each component subscribes to the one slice it shows (the clock,
 * the active utterance index…), so a tick re-renders a clock, not a 500-line transcript.
 */

import { defaultZoom, isZoomWindow, lengthClassOf, stepZoom, type LengthClass } from "./zoom";

export const RATES = [0.75, 1, 1.25, 1.5, 2] as const;

export type PlayerStatus = "none" | "loading" | "ready" | "error";

export interface PlayerState {
  /** none: the call has no recording; loading: the engine is being set up. */
  status: PlayerStatus;
  playing: boolean;
  /** Waiting for audio bytes after play (or a seek while playing). */
  buffering: boolean;
  timeMs: number;
  durationMs: number;
  rate: number;
  volume: number;
  muted: boolean;
  error: string | null;
  /** Waveform zoom: seconds across the width, 0 = the whole call fits (see zoom.ts). */
  zoom: number;
  /** Width of the waveform's visible part, measured; 0 until laid out. */
  viewWidthPx: number;
  /** The part of the call in view, for the overview strip (the whole call when fitted). */
  viewStartMs: number;
  viewEndMs: number;
  /** Play over silences longer than 1.5 s (remembered; off by default). See listen-plan.ts. */
  skipSilence: boolean;
}

/** What the store needs of the engine: a subset of WaveSurfer's API. */
export interface PlayerEngine {
  play(): Promise<void>;
  pause(): void;
  isPlaying(): boolean;
  setTime(seconds: number): void;
  getCurrentTime(): number;
  setPlaybackRate(rate: number, preservePitch?: boolean): void;
  setVolume(volume: number): void;
  setMuted(muted: boolean): void;
}

const PREFS_KEY = "callscope:player";
/** The last zoom chosen per length of call: { short?: 0, long?: 30 … }. */
const ZOOM_KEY = "callscope:zoom";
const SKIP_SILENCE_KEY = "callscope:skip-silence";

type Listener = () => void;

export class PlayerStore {
  private state: PlayerState;
  private readonly listeners = new Set<Listener>();
  private engine: PlayerEngine | null = null;
  /** A seek/play asked for before the engine exists (deep link, an early click). */
  private pending: { ms: number | null; play: boolean } = { ms: null, play: false };

  constructor(options: { hasRecording: boolean; durationMs: number; initialMs?: number | null }) {
    this.state = {
      status: options.hasRecording ? "loading" : "none",
      playing: false,
      buffering: false,
      timeMs: options.initialMs ?? 0,
      durationMs: options.durationMs,
      rate: 1,
      volume: 1,
      muted: false,
      error: null,
      zoom: defaultZoom(options.durationMs),
      viewWidthPx: 0,
      viewStartMs: 0,
      viewEndMs: options.durationMs,
      skipSilence: false,
    };
    if (options.initialMs !== null && options.initialMs !== undefined) this.pending.ms = options.initialMs;
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): PlayerState => this.state;

  /** Engine and media events report here. */
  update(patch: Partial<PlayerState>): void {
    let changed = false;
    for (const key of Object.keys(patch) as (keyof PlayerState)[]) {
      if (this.state[key] !== patch[key]) changed = true;
    }
    if (!changed) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  attach(engine: PlayerEngine, durationMs: number): void {
    this.engine = engine;
    engine.setPlaybackRate(this.state.rate, true);
    engine.setVolume(this.state.volume);
    engine.setMuted(this.state.muted);
    this.update({ status: "ready", durationMs, error: null });
    const { ms, play } = this.pending;
    this.pending = { ms: null, play: false };
    if (ms !== null) this.seek(ms);
    if (play) this.play();
  }

  detach(): void {
    this.engine = null;
  }

  /** Speed, volume and zoom follow the reviewer from call to call (a shift is many calls). */
  loadPrefs(): void {
    try {
      const saved = JSON.parse(localStorage.getItem(PREFS_KEY) ?? "null") as Partial<PlayerState> | null;
      if (typeof saved?.rate === "number" && (RATES as readonly number[]).includes(saved.rate))
        this.setRate(saved.rate);
      if (typeof saved?.volume === "number" && saved.volume >= 0 && saved.volume <= 1)
        this.setVolume(saved.volume);
    } catch {
      // private mode or a garbled value: defaults are fine
    }
    const zoom = readZoomPrefs()[this.lengthClass()];
    if (isZoomWindow(zoom)) this.update({ zoom });
    try {
      if (localStorage.getItem(SKIP_SILENCE_KEY) === "1") this.update({ skipSilence: true });
    } catch {
      // defaults are fine
    }
  }

  /** Skipping silence is a way of listening, kept from call to call like the speed. */
  setSkipSilence(skipSilence: boolean): void {
    this.update({ skipSilence });
    try {
      if (skipSilence) localStorage.setItem(SKIP_SILENCE_KEY, "1");
      else localStorage.removeItem(SKIP_SILENCE_KEY);
    } catch {
      // not worth bothering the reviewer
    }
  }

  private lengthClass(): LengthClass {
    return lengthClassOf(this.state.durationMs);
  }

  private savePrefs(): void {
    try {
      localStorage.setItem(PREFS_KEY, JSON.stringify({ rate: this.state.rate, volume: this.state.volume }));
    } catch {
      // not worth bothering the reviewer
    }
  }

  play(): void {
    if (this.state.status === "none") return;
    if (!this.engine) {
      this.pending.play = true;
      return;
    }
    // Play to the end, then start again from the top rather than doing nothing.
    if (this.state.durationMs > 0 && this.state.timeMs >= this.state.durationMs - 50) this.seek(0);
    this.update({ error: null });
    this.engine.play().catch((err: unknown) => {
      if (err instanceof DOMException && err.name === "AbortError") return;
      this.update({
        playing: false,
        buffering: false,
        error: err instanceof Error ? err.message : String(err),
      });
    });
  }

  pause(): void {
    if (!this.engine) this.pending.play = false;
    this.engine?.pause();
  }

  toggle(): void {
    if (this.state.playing) this.pause();
    else this.play();
  }

  seek(ms: number): void {
    const max = this.state.durationMs > 0 ? this.state.durationMs : Infinity;
    const clamped = Math.max(0, Math.min(ms, max));
    this.update({ timeMs: clamped });
    if (this.engine) this.engine.setTime(clamped / 1000);
    else this.pending.ms = clamped;
  }

  /** Jump to a moment and play from there (a click on an utterance). */
  playFrom(ms: number): void {
    this.seek(ms);
    this.play();
  }

  skip(seconds: number): void {
    const now = this.engine ? this.engine.getCurrentTime() * 1000 : this.state.timeMs;
    this.seek(now + seconds * 1000);
  }

  setRate(rate: number): void {
    this.update({ rate });
    this.engine?.setPlaybackRate(rate, true);
    this.savePrefs();
  }

  /** One step along RATES: +1 faster, -1 slower. */
  stepRate(direction: 1 | -1): void {
    const index = RATES.findIndex((rate) => rate >= this.state.rate);
    const current = index < 0 ? RATES.length - 1 : index;
    const next = RATES[Math.max(0, Math.min(RATES.length - 1, current + direction))]!;
    if (next !== this.state.rate) this.setRate(next);
  }

  setVolume(volume: number): void {
    const clamped = Math.max(0, Math.min(1, volume));
    this.update({ volume: clamped, muted: clamped === 0 ? this.state.muted : false });
    this.engine?.setVolume(clamped);
    if (clamped > 0) this.engine?.setMuted(false);
    this.savePrefs();
  }

  /** A zoom the reviewer chose: used at once and remembered for calls of this length. */
  setZoom(zoom: number): void {
    this.update({ zoom });
    try {
      localStorage.setItem(ZOOM_KEY, JSON.stringify({ ...readZoomPrefs(), [this.lengthClass()]: zoom }));
    } catch {
      // not worth bothering the reviewer
    }
  }

  /** One level in (+1) or out (-1); a no-op before the waveform has been measured. */
  stepZoom(direction: 1 | -1): void {
    const { zoom, durationMs, viewWidthPx } = this.state;
    if (viewWidthPx <= 0) return;
    const next = stepZoom(zoom, direction, durationMs, viewWidthPx);
    if (next !== zoom) this.setZoom(next);
  }

  toggleMute(): void {
    const muted = !this.state.muted;
    this.update({ muted });
    this.engine?.setMuted(muted);
  }
}

function readZoomPrefs(): Partial<Record<LengthClass, unknown>> {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(ZOOM_KEY) ?? "null");
    return saved && typeof saved === "object" ? (saved as Partial<Record<LengthClass, unknown>>) : {};
  } catch {
    return {};
  }
}
