"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useRef } from "react";

interface LeaveConfirmProps {
  onLeave: () => void;
  onStay: () => void;
}

/**
 * "Your review is not saved": a small card under the prev/next buttons. Focus goes to "Stay" (the
 * safe answer; Enter keeps the review as it is), Escape or a click elsewhere also stays, and
 * staying gives focus back to where it was.
 */
export function LeaveConfirm({ onLeave, onStay }: LeaveConfirmProps) {
  const t = useTranslations("call.nav.leave");
  const id = useId();
  const boxRef = useRef<HTMLDivElement>(null);
  const stayRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<Element | null>(null);

  useEffect(() => {
    returnTo.current = document.activeElement;
    stayRef.current?.focus();
  }, []);

  const stay = useCallback(() => {
    onStay();
    if (returnTo.current instanceof HTMLElement && returnTo.current !== document.body)
      returnTo.current.focus();
  }, [onStay]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      stay();
    };
    const onPointer = (event: PointerEvent) => {
      if (!boxRef.current?.contains(event.target as Node)) onStay();
    };
    window.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      window.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [stay, onStay]);

  return (
    <div
      ref={boxRef}
      role="alertdialog"
      aria-labelledby={id}
      className="absolute top-full right-0 z-30 mt-2 w-72 rounded-lg border border-zinc-200 bg-white p-3 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
    >
      <p id={id} className="text-zinc-800 dark:text-zinc-200">
        {t("message")}
      </p>
      <div className="mt-3 flex justify-end gap-2">
        <button
          ref={stayRef}
          type="button"
          onClick={stay}
          className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm text-zinc-700 hover:bg-zinc-50 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
        >
          {t("stay")}
        </button>
        <button
          type="button"
          onClick={onLeave}
          className="rounded-md bg-rose-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-700 dark:bg-rose-500 dark:hover:bg-rose-400"
        >
          {t("leave")}
        </button>
      </div>
    </div>
  );
}
