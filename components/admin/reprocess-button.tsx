"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

/** Reads quarantined records again with this version's adapters; the page refreshes with what is left. */
export function ReprocessButton() {
  const t = useTranslations("admin");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-3">
      {message && (
        <span role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          {message}
        </span>
      )}
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const response = await fetch("/api/quarantine/reprocess", { method: "POST" });
            if (!response.ok) {
              setMessage(t("reprocessFailed"));
              return;
            }
            const result = (await response.json()) as Record<string, { resolved: number; remaining: number }>;
            const resolved = Object.values(result).reduce((sum, r) => sum + r.resolved, 0);
            const remaining = Object.values(result).reduce((sum, r) => sum + r.remaining, 0);
            setMessage(t("reprocessed", { resolved, remaining }));
            router.refresh();
          })
        }
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
      >
        {t("reprocess")}
      </button>
    </div>
  );
}
