"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { AlertBadge } from "@/components/ui/alert-badge";

/** The alerts this call raised, each linking to the list of calls raising it; the phrase is marked in its line below. */
export function CallAlerts({ names }: { names: string[] }) {
  const t = useTranslations("alerts");
  return (
    <div role="note" className="flex flex-wrap items-center gap-2 text-sm" data-testid="call-alerts">
      <span className="text-zinc-600 dark:text-zinc-400">{t("onCall", { names: names.join("、") })}</span>
      {names.map((name) => (
        <Link key={name} href={`/calls?alert=${encodeURIComponent(name)}`} title={t("filterBy", { name })}>
          <AlertBadge name={name} />
        </Link>
      ))}
    </div>
  );
}
