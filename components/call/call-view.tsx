"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useMemo, useRef, useState } from "react";
import { AnnotationsPanel } from "@/components/annotations/annotations-panel";
import { AnnotationsProvider } from "@/components/annotations/annotations-provider";
import { WaveformMarkers } from "@/components/annotations/waveform-markers";
import { PlayerPanel } from "@/components/player/player-panel";
import { PlayerProvider } from "@/components/player/player-provider";
import { ShortcutHint } from "@/components/player/shortcut-hint";
import { applyAlignment } from "@/components/player/aligned-timing";
import { SkipSilenceToggle } from "@/components/player/skip-silence-toggle";
import { spansOf } from "@/components/player/timeline";
import type { AlignmentState } from "@/components/player/timing-legend";
import { Transcript } from "@/components/player/transcript";
import { usePlayerState } from "@/components/player/use-player";
import type { CallDetail, Role } from "@/lib/model";
import { callAlignmentOptions } from "@/lib/queries/alignment";
import { callDetailOptions } from "@/lib/queries/calls";
import { CallMetricsLine } from "./call-metrics";
import { CallError } from "./call-error";
import { CallHeader } from "./call-header";
import { CallSkeleton } from "./call-skeleton";
import { CallFacts } from "./call-facts";
import { BatchBar } from "./batch-bar";
import { ReviewPanel } from "./review-panel";
import { StaleNotice } from "./stale-notice";
import { useBatch, type BatchContext } from "./use-batch";
import { useCallNeighbors, type CallNeighbors } from "./use-call-neighbors";
import { useLeaveGuard } from "./use-leave-guard";
import { Shortcuts, SkipSilence } from "./call-listening";
import { VendorExtras } from "./vendor-extras";
import { CallAlerts } from "./call-alerts";
import type { AlertRule } from "@/lib/alerts/match";

interface CallViewProps {
  id: string;
  canReview: boolean;
  /** `?t=` in ms: the play head starts there (highlighted, not playing). */
  initialMs: number | null;
  /** The server could not load the call (vendor down, nothing indexed): show it, retry on demand. */
  serverError: { status: number; code: string; message: string } | null;
  /** The config's alerts (names and phrases): the call's badges, and the phrase marked in its line. */
  alertRules?: AlertRule[];
  /** Opened from a review batch (`?batch=`): the batch bar shows and "save and next" follows the batch. */
  batchId?: string | null;
  /** Who reads: annotations are deletable by their author or an admin. */
  viewer?: { username: string; role: Role };
}

/** The call page: header, player, and below it the transcript beside the facts and the review. */
export function CallView({
  id,
  canReview,
  initialMs,
  serverError,
  alertRules = [],
  batchId = null,
  viewer,
}: CallViewProps) {
  const [retried, setRetried] = useState(false);
  const detail = useQuery({ ...callDetailOptions(id), enabled: serverError === null || retried });
  const listNeighbors = useCallNeighbors(id);
  const batch = useBatch(batchId, id);
  const neighbors = batch?.neighbors ?? listNeighbors;

  if (detail.data)
    return (
      <CallLoaded
        call={detail.data}
        canReview={canReview}
        initialMs={initialMs}
        neighbors={neighbors}
        onRefresh={() => detail.refetch()}
        refreshing={detail.isFetching}
        alertRules={alertRules}
        batch={batch}
        viewer={viewer ?? { username: "", role: canReview ? "supervisor" : "operator" }}
      />
    );
  const error = detail.error ?? (retried ? null : serverError);
  if (error) {
    return (
      <CallError
        error={error}
        retrying={detail.isFetching}
        onRetry={() => (retried ? void detail.refetch() : setRetried(true))}
        listQuery={listNeighbors.listQuery}
      />
    );
  }
  return <CallSkeleton />;
}

interface CallLoadedProps {
  call: CallDetail;
  canReview: boolean;
  initialMs: number | null;
  neighbors: CallNeighbors;
  onRefresh: () => void;
  refreshing: boolean;
  alertRules: AlertRule[];
  batch: BatchContext | null;
  viewer: { username: string; role: Role };
}

function CallLoaded({
  call,
  canReview,
  initialMs,
  neighbors,
  onRefresh,
  refreshing,
  alertRules,
  batch,
  viewer,
}: CallLoadedProps) {
  const t = useTranslations("call");
  const lastEndMs = call.transcript.reduce((max, line) => Math.max(max, line.endMs ?? line.startMs ?? 0), 0);
  const fallbackDurationMs = Math.max((call.durationSec ?? 0) * 1000, lastEndMs);
  const playable = call.recordingUrl !== null;
  // The transcript shows at once with the times it has; the alignment is asked for beside it and,
  // when it comes, every line takes its best timing (the highlight, the seek, the waveform's bands).
  const alignmentQuery = useQuery({ ...callAlignmentOptions(call.id), enabled: playable });
  const timed = useMemo(
    () => applyAlignment(call.transcript, alignmentQuery.data, call.transcriptHash),
    [call.transcript, call.transcriptHash, alignmentQuery.data],
  );
  const alignment: AlignmentState = !playable
    ? "none"
    : alignmentQuery.isPending
      ? "pending"
      : timed.aligned
        ? "aligned"
        : "unavailable";
  const lanes = timed.aligned ? (alignmentQuery.data?.lanes ?? null) : null;
  const metrics = (timed.aligned ? alignmentQuery.data?.metrics : null) ?? call.metrics;
  const spans = useMemo(
    () => spansOf(timed.transcript, fallbackDurationMs || null),
    [timed.transcript, fallbackDurationMs],
  );
  const hasWords = call.transcript.length > 0;
  const phrases = useMemo(
    () => alertRules.filter((rule) => call.alerts.includes(rule.name)).flatMap((rule) => rule.phrases),
    [alertRules, call.alerts],
  );
  const hasNeighbors = neighbors.prev !== null || neighbors.next !== null;
  const guard = useLeaveGuard(neighbors);
  const saveNext = useRef<(() => void) | null>(null);
  const onNext = batch ? () => void batch.advance() : neighbors.next ? () => neighbors.go("next") : undefined;
  const review = (
    <ReviewPanel
      callId={call.id}
      review={call.review}
      vendorIntent={call.intent}
      canReview={canReview}
      onNext={onNext}
      onDirtyChange={guard.setDirty}
      saveNextRef={saveNext}
    />
  );
  const emptyMessage = call.recordingUrl
    ? t("transcript.emptyWithRecording")
    : call.result === "answered"
      ? t("transcript.empty")
      : t("transcript.notAnswered");

  return (
    <PlayerProvider
      hasRecording={call.recordingUrl !== null}
      durationMs={fallbackDurationMs}
      initialMs={initialMs}
    >
      <AnnotationsProvider
        callId={call.id}
        spans={spans}
        playable={call.recordingUrl !== null}
        viewer={viewer}
      >
        <Shortcuts guard={guard} spans={spans} />
        {lanes && <SkipSilence lanes={lanes} />}
        {/* With words to read, the page fits the window and the transcript scrolls on its own, so the
          player never leaves sight. Without, it is a short page. */}
        <div className={`flex flex-col gap-3 ${hasWords ? "lg:h-[calc(100dvh-5.5rem)]" : ""}`}>
          {call.stale && <StaleNotice onRefresh={onRefresh} refreshing={refreshing} />}
          {batch && <BatchBar context={batch} canReview={canReview} saveNext={saveNext} />}
          <CallHeader call={call} neighbors={neighbors} guard={guard} batchId={batch?.id ?? null} />
          {call.alerts.length > 0 && <CallAlerts names={call.alerts} />}
          {call.recordingUrl ? (
            <div className="rounded-lg border border-zinc-200 bg-white px-4 pt-3 pb-2.5 dark:border-zinc-800 dark:bg-zinc-900">
              <PlayerPanel
                callId={call.id}
                recordingUrl={call.recordingUrl}
                spans={spans}
                lanes={lanes}
                fallbackDurationMs={fallbackDurationMs}
                tools={<SkipSilenceToggle available={lanes !== null} />}
                footer={<CallMetricsLine metrics={metrics} pending={alignment === "pending"} />}
                aside={<ShortcutHint navigation={hasNeighbors} turns={hasWords} />}
                overlay={<Markers fallbackDurationMs={fallbackDurationMs} />}
              />
            </div>
          ) : (
            <PlayerPanel
              callId={call.id}
              recordingUrl={null}
              spans={spans}
              fallbackDurationMs={fallbackDurationMs}
            />
          )}
          <div
            className={`grid min-h-0 flex-1 gap-3 lg:grid-cols-[minmax(0,1fr)_minmax(320px,380px)] ${hasWords ? "lg:grid-rows-[minmax(0,1fr)]" : "items-start"}`}
          >
            <div
              className={`flex flex-col overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900 ${
                hasWords ? "h-[70vh] lg:h-auto lg:min-h-0" : ""
              }`}
            >
              <Transcript
                transcript={timed.transcript}
                spans={spans}
                speech={timed.speech}
                alignment={alignment}
                playable={call.recordingUrl !== null}
                emptyMessage={emptyMessage}
                highlight={phrases}
              />
            </div>
            <aside
              aria-label={t("sideLabel")}
              className={`flex min-h-0 flex-col gap-3 ${hasWords ? "lg:overflow-y-auto" : ""}`}
            >
              {/* A supervisor acts on every call: the form comes first. An operator reads: facts first. */}
              {canReview && review}
              {canReview && <AnnotationsPanel playable={call.recordingUrl !== null} />}
              <CallFacts call={call} />
              {!canReview && review}
              {!canReview && <AnnotationsPanel playable={call.recordingUrl !== null} />}
              <VendorExtras extra={call.extra} />
            </aside>
          </div>
        </div>
      </AnnotationsProvider>
    </PlayerProvider>
  );
}

/** Annotation flags over the waveform, across the recording's length as the player knows it. */
function Markers({ fallbackDurationMs }: { fallbackDurationMs: number }) {
  const durationMs = usePlayerState((state) => state.durationMs) || fallbackDurationMs;
  return <WaveformMarkers durationMs={durationMs} />;
}
