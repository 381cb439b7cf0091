"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { LinkIcon } from "./icons";
import { usePlayer } from "./use-player";

/** `?t=12.5`: a link that opens this call at the play head's moment (not playing). */
export function momentUrl(href: string, ms: number): string {
  const url = new URL(href);
  url.search = "";
  url.hash = "";
  url.searchParams.set("t", (Math.round(ms / 100) / 10).toString());
  return url.toString();
}

export function CopyMomentLink() {
  const t = useTranslations("call.player");
  const store = usePlayer();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    const url = momentUrl(window.location.href, store.getSnapshot().timeMs);
    // The address bar shows it too, so it can be copied from there when the clipboard is refused.
    window.history.replaceState(window.history.state, "", url);
    try {
      await navigator.clipboard.writeText(url);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <button
      type="button"
      onClick={copy}
      className="inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-xs text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
    >
      <LinkIcon />
      <span aria-live="polite">
        {state === "copied" ? t("linkCopied") : state === "failed" ? t("linkInAddressBar") : t("copyLink")}
      </span>
    </button>
  );
}
