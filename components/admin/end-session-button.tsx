"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

/** Ends one session, or every session of its user; the page refreshes with what is left open. */
export function EndSessionButton({ id, username }: { id: string; username: string }) {
  const t = useTranslations("sessions");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [failed, setFailed] = useState(false);
  const run = (url: string) =>
    startTransition(async () => {
      const response = await fetch(url, { method: "DELETE" });
      setFailed(!response.ok);
      router.refresh();
    });
  const button =
    "rounded-md border border-zinc-300 px-2 py-1 text-xs hover:border-rose-400 hover:text-rose-700 disabled:opacity-50 dark:border-zinc-700 dark:hover:text-rose-400";
  return (
    <span className="inline-flex items-center gap-2">
      {failed && (
        <span role="alert" className="text-xs text-rose-700 dark:text-rose-400">
          {t("failed")}
        </span>
      )}
      <button
        type="button"
        disabled={pending}
        className={button}
        onClick={() => run(`/api/admin/sessions/${encodeURIComponent(id)}`)}
      >
        {t("end")}
      </button>
      <button
        type="button"
        disabled={pending}
        className={button}
        onClick={() => run(`/api/admin/sessions?username=${encodeURIComponent(username)}`)}
      >
        {t("endAll", { username })}
      </button>
    </span>
  );
}
