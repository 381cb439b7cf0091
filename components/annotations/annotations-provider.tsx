"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { activeIndexAt, type Span } from "@/components/player/timeline";
import { LineAddonContext } from "@/components/player/line-addon";
import { usePlayer } from "@/components/player/use-player";
import type { Annotation, AnnotationLabel, Role } from "@/lib/model";
import { callKeys } from "@/lib/queries/calls";
import {
  addAnnotation,
  annotationsOptions,
  deleteAnnotation,
  reviewKeys,
  type NewAnnotation,
} from "@/lib/queries/reviews";
import { ANNOTATION_LABELS } from "@/lib/vocabulary";
import { LineAnnotations } from "./line-annotations";

/** What is being annotated: a line (with its start, so it shows on the waveform too) or a moment. */
export interface Target {
  utterance: number | null;
  atMs: number | null;
}

export interface AnnotationsApi {
  callId: string;
  canAnnotate: boolean;
  list: Annotation[];
  byLine: ReadonlyMap<number, Annotation[]>;
  spans: readonly (Span | null)[];
  editing: Target | null;
  edit: (target: Target | null) => void;
  /** The target for a line: its index and where it starts. */
  lineTarget: (index: number) => Target;
  add: (label: AnnotationLabel, note: string | null, target: Target) => Promise<void>;
  remove: (id: string) => void;
  canDelete: (annotation: Annotation) => boolean;
  busy: boolean;
  error: string | null;
}

const Context = createContext<AnnotationsApi | null>(null);

export function useAnnotations(): AnnotationsApi {
  const api = useContext(Context);
  if (!api) throw new Error("useAnnotations outside AnnotationsProvider");
  return api;
}

interface ProviderProps {
  callId: string;
  spans: readonly (Span | null)[];
  playable: boolean;
  viewer: { username: string; role: Role };
  children: ReactNode;
}

const NONE: Annotation[] = [];

function renderLineAnnotations(index: number) {
  return <LineAnnotations index={index} />;
}

/**
 * The call's annotations for the transcript lines, the waveform markers and the side panel, and the
 * label keys: 1–5 mark the current line (the one under the play head, else the one last clicked).
 */
export function AnnotationsProvider({ callId, spans, playable, viewer, children }: ProviderProps) {
  const queryClient = useQueryClient();
  const store = usePlayer();
  const canAnnotate = viewer.role !== "operator";
  const query = useQuery(annotationsOptions(callId));
  const list = query.data ?? NONE;
  const [editing, setEditing] = useState<Target | null>(null);
  const [error, setError] = useState<string | null>(null);

  const changed = useCallback(() => {
    // The list's `annotation` filter and the export count them.
    void queryClient.invalidateQueries({ queryKey: [...callKeys.all, "list"] });
    void queryClient.invalidateQueries({ queryKey: [...callKeys.all, "stats"] });
  }, [queryClient]);

  const adding = useMutation({
    mutationFn: (input: NewAnnotation) => addAnnotation(callId, input),
    onSuccess: (annotation) => {
      queryClient.setQueryData<Annotation[]>(reviewKeys.annotations(callId), (old) => [
        ...(old ?? []),
        annotation,
      ]);
      setError(null);
      changed();
    },
    onError: (err) => setError(err.message),
  });
  const removing = useMutation({
    mutationFn: (id: string) => deleteAnnotation(callId, id),
    onSuccess: (_, id) => {
      queryClient.setQueryData<Annotation[]>(reviewKeys.annotations(callId), (old) =>
        (old ?? []).filter((annotation) => annotation.id !== id),
      );
      setError(null);
      changed();
    },
    onError: (err) => setError(err.message),
  });

  const byLine = useMemo(() => {
    const lines = new Map<number, Annotation[]>();
    for (const annotation of list) {
      if (annotation.utterance === null) continue;
      lines.set(annotation.utterance, [...(lines.get(annotation.utterance) ?? []), annotation]);
    }
    return lines;
  }, [list]);

  const lineTarget = useCallback(
    (index: number): Target => {
      const start = spans[index]?.startMs;
      return { utterance: index, atMs: start === undefined ? null : Math.round(start) };
    },
    [spans],
  );
  const { mutateAsync: addAsync } = adding;
  const add = useCallback(
    async (label: AnnotationLabel, note: string | null, target: Target) => {
      await addAsync({ label, note: note?.trim() || null, utterance: target.utterance, atMs: target.atMs });
      setEditing(null);
    },
    [addAsync],
  );
  const { mutate: removeOne } = removing;
  const canDelete = useCallback(
    (annotation: Annotation) => viewer.role === "admin" || (canAnnotate && annotation.by === viewer.username),
    [viewer, canAnnotate],
  );

  // The line last clicked stands in for "the current line" when nothing is under the play head.
  const clicked = useRef(-1);
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const line = (event.target as Element | null)?.closest?.("li[data-index]");
      if (line instanceof HTMLElement) clicked.current = Number(line.dataset.index);
    };
    document.addEventListener("click", onClick, true);
    return () => document.removeEventListener("click", onClick, true);
  }, []);

  // 1–5: the labels in order, on the current line (or, with no line to hand, the current moment).
  useEffect(() => {
    if (!canAnnotate) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      const label = ANNOTATION_LABELS[Number(event.key) - 1];
      if (!/^[1-5]$/.test(event.key) || !label) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      const timeMs = store.getSnapshot().timeMs;
      const active = playable ? activeIndexAt(spans, timeMs) : -1;
      const index = active >= 0 ? active : clicked.current;
      if (index < 0 && !playable) return;
      event.preventDefault();
      void add(
        label,
        null,
        index >= 0 ? lineTarget(index) : { utterance: null, atMs: Math.round(timeMs) },
      ).catch(() => undefined);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [canAnnotate, playable, spans, store, add, lineTarget]);

  const api = useMemo<AnnotationsApi>(
    () => ({
      callId,
      canAnnotate,
      list,
      byLine,
      spans,
      editing,
      edit: setEditing,
      lineTarget,
      add,
      remove: removeOne,
      canDelete,
      busy: adding.isPending || removing.isPending,
      error,
    }),
    [
      callId,
      canAnnotate,
      list,
      byLine,
      spans,
      editing,
      lineTarget,
      add,
      removeOne,
      canDelete,
      adding.isPending,
      removing.isPending,
      error,
    ],
  );

  return (
    <Context.Provider value={api}>
      <LineAddonContext.Provider value={renderLineAnnotations}>{children}</LineAddonContext.Provider>
    </Context.Provider>
  );
}
