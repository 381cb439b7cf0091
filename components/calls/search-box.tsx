"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState, type Ref } from "react";
import type { UpdateMode } from "./use-call-query";

interface SearchBoxProps {
  value: string | null;
  onChange: (q: string | null, mode: UpdateMode) => void;
  inputRef?: Ref<HTMLInputElement>;
}

const DEBOUNCE_MS = 300;
/**
 * A number is typed a digit at a time, often slower than DEBOUNCE_MS a key, and its first digits
 * are no search worth running: for an operator each number searched counts against an hourly limit
 * (lib/server/number-search.ts), and a lookup typed at 400 ms a key was counted four times.
 */
export const NUMBER_DEBOUNCE_MS = 1_200;
const NUMBER_LIKE = /^[\d\s()+-]+$/;

/** How long typing must settle before `text` is searched. */
export function settleMs(text: string): number {
  return NUMBER_LIKE.test(text.trim()) ? NUMBER_DEBOUNCE_MS : DEBOUNCE_MS;
}

/**
 * Search over numbers and transcript text. Typing settles for a moment before the URL changes; the
 * first change of a search is a history entry, refinements replace it (back goes to before the search).
 */
export function SearchBox({ value, onChange, inputRef }: SearchBoxProps) {
  const t = useTranslations("calls.filters");
  const [text, setText] = useState(value ?? "");
  const [seen, setSeen] = useState(value);
  // What this box asked the URL for that has not arrived yet, oldest first. The URL catches up a
  // moment later, and by then the user may have typed on (and searched again): such an arrival is
  // our own search landing, not the URL moving on its own, and must not put older text back over
  // what was typed since.
  const [sent, setSent] = useState<(string | null)[]>([]);
  if (seen !== value) {
    setSeen(value);
    const ours = sent.indexOf(value);
    if (ours >= 0) setSent(sent.slice(ours + 1));
    else {
      // The URL moved on its own (back/forward, "clear all"): show what it says.
      setSent([]);
      if ((text.trim() || null) !== value) setText(value ?? "");
    }
  }

  const search = useCallback(
    (q: string | null, mode: UpdateMode) => {
      setSent((before) => [...before, q]);
      onChange(q, mode);
    },
    [onChange],
  );
  const pending = (text.trim() || null) !== value;
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => search(text.trim() || null, value ? "replace" : "push"), settleMs(text));
    return () => clearTimeout(timer);
  }, [pending, text, value, search]);

  return (
    <div className="relative w-56 shrink-0">
      <svg
        aria-hidden
        viewBox="0 0 20 20"
        className="pointer-events-none absolute top-1/2 left-2.5 h-4 w-4 -translate-y-1/2 text-zinc-400"
      >
        <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <path d="m13 13 4 4" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      <input
        ref={inputRef}
        type="search"
        value={text}
        maxLength={200}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && pending) search(text.trim() || null, value ? "replace" : "push");
          if (event.key === "Escape") {
            if (text) setText("");
            else event.currentTarget.blur();
          }
        }}
        aria-label={t("search")}
        placeholder={t("searchPlaceholder")}
        className="h-8 w-full rounded-md border border-zinc-300 bg-white pr-8 pl-8 text-sm placeholder:text-zinc-400 dark:border-zinc-700 dark:bg-zinc-900 dark:placeholder:text-zinc-500 dark:text-zinc-400 [&::-webkit-search-cancel-button]:hidden"
      />
      {text ? (
        <button
          type="button"
          onClick={() => {
            setText("");
            search(null, "push");
          }}
          aria-label={t("clearSearch")}
          className="absolute top-1/2 right-1.5 flex h-5 w-5 -translate-y-1/2 items-center justify-center rounded text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
        >
          <svg aria-hidden viewBox="0 0 12 12" className="h-3 w-3">
            <path d="m3 3 6 6M9 3 3 9" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          </svg>
        </button>
      ) : (
        <kbd
          aria-hidden
          className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded border border-zinc-200 px-1 font-mono text-[10px] leading-4 text-zinc-400 dark:border-zinc-700"
        >
          /
        </kbd>
      )}
    </div>
  );
}
