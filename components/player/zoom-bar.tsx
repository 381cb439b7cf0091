"use client";

import { OverviewStrip } from "./overview-strip";
import type { Span } from "./timeline";
import { usePlayerState } from "./use-player";
import { canZoom, pxPerSecOf } from "./zoom";
import { ZoomControls } from "./zoom-controls";

interface ZoomBarProps {
  spans: readonly (Span | null)[];
  durationMs: number;
  peaks: Float32Array | null;
}

/**
 * Under the waveform: the overview of the whole call (while zoomed) and the zoom controls. Absent
 * for a call too short to zoom into; present, with the overview empty, while a longer one is fitted,
 * so zooming never moves the rest of the page.
 */
export function ZoomBar({ spans, durationMs, peaks }: ZoomBarProps) {
  const zoomable = usePlayerState((state) => canZoom(durationMs, state.viewWidthPx));
  const zoomed = usePlayerState((state) => pxPerSecOf(state.zoom, durationMs, state.viewWidthPx) > 0);
  if (!zoomable) return null;
  return (
    <div className="mt-1 flex items-center gap-3">
      <div className="min-w-0 flex-1">
        {zoomed && <OverviewStrip spans={spans} durationMs={durationMs} peaks={peaks} />}
      </div>
      <ZoomControls durationMs={durationMs} />
    </div>
  );
}
