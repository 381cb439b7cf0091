"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import type { CallNeighbors } from "./use-call-neighbors";

export type Direction = "prev" | "next";

export interface LeaveGuard {
  /** n/p: go to the neighbour, or ask first when the review has unsaved changes. */
  go: (direction: Direction) => void;
  /** A click on the prev/next link: true when it must not navigate (the question is shown instead). */
  intercept: (direction: Direction) => boolean;
  /** The neighbour waiting for an answer, while the question shows. */
  pending: Direction | null;
  leave: () => void;
  stay: () => void;
  /** The review form reports whether it holds unsaved changes. */
  setDirty: (dirty: boolean) => void;
}

/**
 * Moving to the previous/next call with an unsaved review (a half-written note) asks first, inline
 * beside the buttons — never window.confirm, which blocks the page and cannot be styled or translated.
 * "Save & next" saves before it leaves, so it is not guarded.
 */
export function useLeaveGuard(neighbors: CallNeighbors): LeaveGuard {
  const dirty = useRef(false);
  const [pending, setPending] = useState<Direction | null>(null);
  const { prev, next, go: navigate } = neighbors;

  const intercept = useCallback(
    (direction: Direction) => {
      if (!dirty.current || !(direction === "prev" ? prev : next)) return false;
      setPending(direction);
      return true;
    },
    [prev, next],
  );
  const go = useCallback(
    (direction: Direction) => (intercept(direction) ? undefined : navigate(direction)),
    [intercept, navigate],
  );
  const leave = useCallback(() => {
    if (pending) navigate(pending);
    setPending(null);
  }, [pending, navigate]);
  const stay = useCallback(() => setPending(null), []);
  const setDirty = useCallback((value: boolean) => {
    dirty.current = value;
    if (!value) setPending(null);
  }, []);

  return useMemo(
    () => ({ go, intercept, pending, leave, stay, setDirty }),
    [go, intercept, pending, leave, stay, setDirty],
  );
}
