"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { VolumeIcon } from "./icons";
import { PlayerControls } from "./player-controls";
import type { SpeechLanes } from "./speech-shading";
import type { Span } from "./timeline";
import { usePlayerState } from "./use-player";
import { Waveform } from "./waveform";

interface PlayerPanelProps {
  callId: string;
  recordingUrl: string | null;
  spans: readonly (Span | null)[];
  /** Each party's detected speech, once aligned: lanes under the waveform. */
  lanes?: SpeechLanes | null;
  fallbackDurationMs: number;
  /** Listening tools beside the volume (skip silence). */
  tools?: ReactNode;
  /** Under the controls (the call's conversation measures). */
  footer?: ReactNode;
  /** Shown at the end of the controls row (the shortcut hint). */
  aside?: ReactNode;
  /** Drawn over the waveform (annotation markers). */
  overlay?: ReactNode;
}

/** The waveform and its controls, or a plain statement that this call has no recording. */
export function PlayerPanel({
  callId,
  recordingUrl,
  spans,
  lanes,
  fallbackDurationMs,
  tools,
  footer,
  aside,
  overlay,
}: PlayerPanelProps) {
  const t = useTranslations("call.player");
  if (!recordingUrl) {
    return (
      <p className="flex h-11 items-center justify-center gap-2 rounded-lg border border-dashed border-zinc-300 text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
        <VolumeIcon muted />
        {t("noRecording")}
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      <Waveform
        callId={callId}
        recordingUrl={recordingUrl}
        spans={spans}
        lanes={lanes}
        fallbackDurationMs={fallbackDurationMs}
        overlay={overlay}
      />
      <PlayerControls aside={aside} tools={tools} />
      <PlayerError />
      {footer}
    </div>
  );
}

function PlayerError() {
  const t = useTranslations("call.player");
  const error = usePlayerState((state) => state.error);
  if (!error) return null;
  const known = ["unsupported", "network", "engine", "failed"].includes(error);
  return (
    <p role="alert" className="text-sm text-rose-700 dark:text-rose-400">
      {known ? t(`error.${error}`) : t("error.failed")}
      {!known && <span className="ml-1 text-zinc-500 dark:text-zinc-400">({error})</span>}
    </p>
  );
}
