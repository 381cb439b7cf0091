"use client";

import { useTranslations } from "next-intl";
import { usePlayer, usePlayerState } from "./use-player";

/**
 * "Skip silence": plays over gaps longer than 1.5 s in which nobody speaks. Known only once the
 * alignment has found the speech; until then (or without it) the switch is there but off limits,
 * so the row does not shift when it arrives.
 */
export function SkipSilenceToggle({ available }: { available: boolean }) {
  const t = useTranslations("call.player");
  const store = usePlayer();
  const on = usePlayerState((state) => state.skipSilence);
  return (
    <button
      type="button"
      aria-pressed={available && on}
      disabled={!available}
      onClick={() => store.setSkipSilence(!on)}
      title={`${available ? t("skipSilenceHint") : t("skipSilenceUnavailable")} (s)`}
      className="inline-flex h-7 items-center gap-1.5 rounded-md border border-zinc-200 px-2 text-xs text-zinc-600 hover:text-zinc-900 disabled:cursor-not-allowed disabled:opacity-50 aria-pressed:border-brand-600 aria-pressed:bg-brand-50 aria-pressed:text-brand-900 dark:border-zinc-700 dark:text-zinc-400 dark:hover:text-zinc-100 dark:aria-pressed:border-brand-400 dark:aria-pressed:bg-brand-900/50 dark:aria-pressed:text-brand-100"
    >
      <span
        aria-hidden
        className={`inline-block h-2 w-2 rounded-full ${available && on ? "bg-brand-600 dark:bg-brand-400" : "bg-zinc-300 dark:bg-zinc-600"}`}
      />
      {t("skipSilence")}
    </button>
  );
}
