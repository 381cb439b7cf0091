"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState, type Ref } from "react";
import type { UpdateMode } from "./use-call-query";

interface SearchBoxProps {
  value: string | null;
  onChange: (q: string | null, mode: UpdateMode) => void;
  inputRef?: Ref<HTMLInputElement>;
}

const DEBOUNCE_MS = 300;

/**
 * Search over numbers and transcript text. Typing settles for a moment before the URL changes; the
 * first change of a search is a history entry, refinements replace it (back goes to before the search).
 */
export function SearchBox({ value, onChange, inputRef }: SearchBoxProps) {
  const t = useTranslations("calls.filters");
  const [text, setText] = useState(value ?? "");
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    // The URL moved on its own (back/forward, "clear all"): show what it says.
    setSeen(value);
    if ((text.trim() || null) !== value) setText(value ?? "");
  }

  const pending = (text.trim() || null) !== value;
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => onChange(text.trim() || null, value ? "replace" : "push"), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [pending, text, value, onChange]);

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
          if (event.key === "Enter") onChange(text.trim() || null, value ? "replace" : "push");
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
            onChange(null, "push");
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
