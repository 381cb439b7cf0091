import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PlayerStore } from "./player-store";

const MIN = 60_000;

describe("PlayerStore zoom", () => {
  beforeEach(() => {
    const items = new Map<string, string>();
    vi.stubGlobal("localStorage", {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("opens short calls whole and long ones on a minute", () => {
    expect(new PlayerStore({ hasRecording: true, durationMs: 2 * MIN }).getSnapshot().zoom).toBe(0);
    expect(new PlayerStore({ hasRecording: true, durationMs: 30 * MIN }).getSnapshot().zoom).toBe(60);
  });

  it("steps by the measured width and remembers the choice per length of call", () => {
    const long = new PlayerStore({ hasRecording: true, durationMs: 30 * MIN });
    long.stepZoom(1);
    expect(long.getSnapshot().zoom).toBe(60); // not measured yet: nothing to step along
    long.update({ viewWidthPx: 1376 });
    long.stepZoom(1);
    expect(long.getSnapshot().zoom).toBe(30);

    const another = new PlayerStore({ hasRecording: true, durationMs: 25 * MIN });
    another.loadPrefs();
    expect(another.getSnapshot().zoom).toBe(30);
    const short = new PlayerStore({ hasRecording: true, durationMs: 2 * MIN });
    short.loadPrefs();
    expect(short.getSnapshot().zoom).toBe(0);
  });
});

describe("PlayerStore skip silence", () => {
  const items = new Map<string, string>();
  beforeEach(() => {
    items.clear();
    vi.stubGlobal("localStorage", {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("is off by default and remembered across page loads once chosen", () => {
    const first = new PlayerStore({ hasRecording: true, durationMs: MIN });
    first.loadPrefs();
    expect(first.getSnapshot().skipSilence).toBe(false);
    first.setSkipSilence(true);
    const next = new PlayerStore({ hasRecording: true, durationMs: MIN });
    next.loadPrefs();
    expect(next.getSnapshot().skipSilence).toBe(true);
    next.setSkipSilence(false);
    const third = new PlayerStore({ hasRecording: true, durationMs: MIN });
    third.loadPrefs();
    expect(third.getSnapshot().skipSilence).toBe(false);
  });
});
