"use client";

import { useTranslations } from "next-intl";
import { usePlayer } from "@/components/player/use-player";
import { formatClock } from "@/lib/format";
import { useAnnotations } from "./annotations-provider";
import { LABEL_COLOR } from "./labels";

const HEIGHT = 64;

/**
 * Annotations with a moment, as flags over the waveform; a click seeks there. Rendered inside
 * wavesurfer's scrolling wrapper (a shadow root the app's classes do not reach): inline styles only,
 * positions in % of the whole call so they scroll and scale with the bars.
 */
export function WaveformMarkers({ durationMs }: { durationMs: number }) {
  const t = useTranslations("reviews.annotations");
  const api = useAnnotations();
  const store = usePlayer();
  if (durationMs <= 0) return null;
  return (
    <div
      data-annotation-markers
      style={{
        position: "absolute",
        top: 0,
        left: 0,
        right: 0,
        height: HEIGHT,
        zIndex: 4,
        pointerEvents: "none",
      }}
    >
      {api.list.map((annotation) => {
        if (annotation.atMs === null) return null;
        const left = Math.min(100, (annotation.atMs / durationMs) * 100);
        const color = LABEL_COLOR[annotation.label];
        const label = t(`labels.${annotation.label}`);
        return (
          <button
            key={annotation.id}
            type="button"
            data-marker={annotation.label}
            aria-label={t("marker", { label, time: formatClock(annotation.atMs) })}
            title={annotation.note ? `${label} · ${annotation.note}` : label}
            onPointerDown={(event) => event.stopPropagation()}
            onClick={(event) => {
              event.stopPropagation();
              store.seek(annotation.atMs!);
            }}
            style={{
              position: "absolute",
              top: 0,
              bottom: 0,
              left: `${left}%`,
              width: 12,
              marginLeft: -6,
              padding: 0,
              border: 0,
              background: "transparent",
              cursor: "pointer",
              pointerEvents: "auto",
            }}
          >
            <span
              aria-hidden
              style={{
                position: "absolute",
                top: 0,
                bottom: 0,
                left: 5,
                width: 2,
                background: color,
                opacity: 0.85,
              }}
            />
            <span
              aria-hidden
              style={{
                position: "absolute",
                top: 0,
                left: 1,
                width: 10,
                height: 10,
                borderRadius: "50% 50% 50% 0",
                background: color,
                boxShadow: "0 0 0 1.5px var(--color-white, #fff)",
              }}
            />
          </button>
        );
      })}
    </div>
  );
}
