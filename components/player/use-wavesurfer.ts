"use client";

import { useEffect, useState } from "react";
import type WaveSurfer from "wavesurfer.js";
import type { WaveSurferOptions } from "wavesurfer.js";

type WaveSurferClass = typeof WaveSurfer;

/**
 * wavesurfer, loaded on first use only (it never weighs on other pages). Shared by every waveform
 * of the page: the import resolves once.
 */
let loading: Promise<WaveSurferClass> | null = null;
function loadWaveSurfer(): Promise<WaveSurferClass> {
  loading ??= import("wavesurfer.js").then((module) => module.default);
  loading.catch(() => (loading = null));
  return loading;
}

export interface WavesurferSetup {
  container: HTMLElement | null;
  /** Ours, not wavesurfer's: handed over for playing and taken back (stopped, emptied) on destroy. */
  media: HTMLMediaElement | null;
  /** Everything wavesurfer is created with; a new object is a new player (memoize it). Null: not yet. */
  options: Omit<WaveSurferOptions, "container" | "media"> | null;
}

/**
 * The player's lifecycle, and only that (after katspaugh/wavesurfer-react): the class is loaded, an
 * instance is created when the container, the media element and the options are there, and destroyed
 * when any of them changes or the component goes; `ready` says when it has loaded. Event subscriptions
 * are the caller's, in their own effects keyed on the instance this returns.
 */
export function useWavesurfer({ container, media, options }: WavesurferSetup): {
  ws: WaveSurfer | null;
  /** The instance has loaded what it was given (or failed to): it can seek and be zoomed now. */
  ready: boolean;
  /** wavesurfer itself could not be loaded. */
  failed: boolean;
} {
  const [failed, setFailed] = useState(false);
  const [ws, setWs] = useState<WaveSurfer | null>(null);
  const [ready, setReady] = useState<WaveSurfer | null>(null);

  useEffect(() => {
    if (!container || !media || !options) return;
    const controller = new AbortController();
    let instance: WaveSurfer | null = null;
    loadWaveSurfer().then(
      (WaveSurferClass) => {
        if (controller.signal.aborted) return;
        const created = WaveSurferClass.create({ ...options, container, media });
        instance = created;
        // Watched from creation on: with peaks and a duration given, "ready" comes within microtasks,
        // before any effect keyed on the instance could subscribe.
        const settle = () => setReady(created);
        controller.signal.addEventListener("abort", created.once("ready", settle), { once: true });
        controller.signal.addEventListener("abort", created.once("error", settle), { once: true });
        setWs(created);
      },
      () => !controller.signal.aborted && setFailed(true),
    );
    return () => {
      controller.abort();
      if (!instance) return;
      setWs(null);
      setReady(null);
      instance.destroy();
      // wavesurfer leaves a media element it was given alone: stop it and drop any download in flight.
      media.pause();
      media.removeAttribute("src");
      media.load();
    };
  }, [container, media, options]);

  return { ws, ready: ws !== null && ready === ws, failed };
}
