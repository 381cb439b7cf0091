"use client";

import { useTranslations } from "next-intl";
import { usePlayerState } from "./use-player";
import { canZoom } from "./zoom";

const kbd =
  "rounded border border-zinc-300 bg-white px-1 font-mono text-[10px] leading-4 text-zinc-600 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-400";

/** The keys, always in sight but quiet: a reviewer learns them in the first hour and stops reading. */
export function ShortcutHint({ navigation, turns = false }: { navigation: boolean; turns?: boolean }) {
  const t = useTranslations("call.keys");
  const zoomable = usePlayerState((state) => canZoom(state.durationMs, state.viewWidthPx));
  return (
    <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-[11px] text-zinc-500 dark:text-zinc-400">
      <span>
        <kbd className={kbd}>{t("space")}</kbd> {t("playPause")}
      </span>
      <span>
        <kbd className={kbd}>←</kbd> <kbd className={kbd}>→</kbd> {t("skip")}
      </span>
      <span>
        <kbd className={kbd}>[</kbd> <kbd className={kbd}>]</kbd> {t("speed")}
      </span>
      {zoomable && (
        <span>
          <kbd className={kbd}>=</kbd> <kbd className={kbd}>-</kbd> {t("zoom")}
        </span>
      )}
      {turns && (
        <span>
          <kbd className={kbd}>j</kbd> <kbd className={kbd}>k</kbd> {t("turns")}
        </span>
      )}
      {navigation && (
        <span>
          <kbd className={kbd}>p</kbd> <kbd className={kbd}>n</kbd> {t("prevNext")}
        </span>
      )}
    </p>
  );
}
