import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ReprocessButton } from "@/components/admin/reprocess-button";
import { formatDateTime } from "@/lib/format";
import { openQuarantine } from "@/lib/server/quarantine-view";
import { requireAdminPage } from "@/lib/server/require-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("quarantineTitle") };
}

export default async function QuarantinePage() {
  const { runtime } = await requireAdminPage("/admin/quarantine");
  const t = await getTranslations("admin");
  const locale = await getLocale();
  const items = await openQuarantine(runtime);
  const counts = await runtime.store.quarantine.openCounts();
  const names = new Map(
    [...runtime.sources.values()].map(({ config }) => [config.id, config.name ?? config.id]),
  );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold">{t("quarantineTitle")}</h1>
          <p className="max-w-3xl text-sm text-zinc-500 dark:text-zinc-400">{t("quarantineHint")}</p>
        </div>
        <ReprocessButton />
      </div>
      <ul className="flex flex-wrap gap-2 text-sm">
        {[...runtime.sources.keys()].map((id) => (
          <li
            key={id}
            className="rounded-md border border-zinc-200 bg-white px-3 py-1.5 dark:border-zinc-800 dark:bg-zinc-900"
          >
            {names.get(id)}: <span className="font-semibold tabular-nums">{counts.get(id) ?? 0}</span>
          </li>
        ))}
      </ul>
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-12 text-center text-zinc-500 dark:text-zinc-400 dark:border-zinc-700">
          {t("quarantineEmpty")}
        </p>
      ) : (
        <ul className="space-y-2">
          {items.map((item) => (
            <li
              key={item.id}
              className="rounded-lg border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900"
            >
              <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
                <span className="font-medium">{names.get(item.sourceId) ?? item.sourceId}</span>
                <span className="text-zinc-500 dark:text-zinc-400">
                  {t("task")} {item.taskId}
                </span>
                {item.vendorCallId && (
                  <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
                    {item.vendorCallId}
                  </span>
                )}
                <span className="ml-auto text-xs text-zinc-500 dark:text-zinc-400 tabular-nums">
                  {t("seen", {
                    count: item.seenCount,
                    first: formatDateTime(item.firstSeenAt, locale),
                    last: formatDateTime(item.lastSeenAt, locale),
                  })}
                </span>
              </div>
              <p className="mt-1 text-rose-700 dark:text-rose-400">{item.reason}</p>
              <details className="mt-2">
                <summary className="cursor-pointer text-xs text-zinc-500 dark:text-zinc-400">
                  {t("raw")}
                </summary>
                <pre className="mt-2 max-h-72 overflow-auto rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-950">
                  {item.raw}
                </pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
