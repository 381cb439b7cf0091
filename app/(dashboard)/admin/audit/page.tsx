import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/lib/format";
import { requireAdminPage } from "@/lib/server/require-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("auditTitle") };
}

const ACTIONS = [
  "auth.login",
  "auth.login_failed",
  "auth.logout",
  "call.open",
  "recording.play",
  "calls.export",
  "review.update",
  "source.sync",
  "quarantine.reprocess",
  "batch.create",
  "annotation.add",
  "annotation.remove",
  "session.end",
  "session.end_all",
  "calls.search_number",
  "calls.search_number_refused",
  "calls.page",
  "peaks.download",
  "alignment.download",
];
const PAGE = 100;

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { runtime } = await requireAdminPage("/admin/audit");
  const params = await searchParams;
  const t = await getTranslations("admin");
  const locale = await getLocale();
  const before = params.before && /^\d+$/.test(params.before) ? Number(params.before) : undefined;
  const action = params.action && ACTIONS.includes(params.action) ? params.action : undefined;
  const username = params.username?.trim() || undefined;
  const items = await runtime.store.audit.list({ limit: PAGE, before, action, username });
  const older = items.length === PAGE ? items[items.length - 1]!.id : null;
  const link = (extra: Record<string, string | undefined>) => {
    const query = new URLSearchParams(
      Object.entries({ action, username, ...extra }).filter(([, v]) => v) as [string, string][],
    );
    return `/admin/audit${query.size ? `?${query}` : ""}`;
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold">{t("auditTitle")}</h1>
          <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("auditHint")}</p>
        </div>
        <form className="flex items-end gap-2 text-sm" action="/admin/audit">
          <label className="flex flex-col gap-1">
            <span className="text-xs text-zinc-500 dark:text-zinc-400">{t("action")}</span>
            <select
              name="action"
              defaultValue={action ?? ""}
              className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
            >
              <option value="">{t("allActions")}</option>
              {ACTIONS.map((value) => (
                <option key={value} value={value}>
                  {t(`actions.${value.replace(".", "_")}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-xs text-zinc-500 dark:text-zinc-400">{t("user")}</span>
            <input
              name="username"
              defaultValue={username ?? ""}
              className="w-36 rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
            />
          </label>
          <button className="rounded-md bg-zinc-900 px-3 py-1.5 text-white dark:bg-zinc-100 dark:text-zinc-900">
            {t("filter")}
          </button>
        </form>
      </div>
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full text-sm">
          <thead className="bg-zinc-50 text-left text-xs text-zinc-500 dark:bg-zinc-800/50 dark:text-zinc-400">
            <tr>
              <th className="px-3 py-2 font-medium">{t("time")}</th>
              <th className="px-3 py-2 font-medium">{t("user")}</th>
              <th className="px-3 py-2 font-medium">{t("action")}</th>
              <th className="px-3 py-2 font-medium">{t("target")}</th>
              <th className="px-3 py-2 font-medium">{t("from")}</th>
              <th className="px-3 py-2 font-medium">{t("detail")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {items.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-10 text-center text-zinc-500 dark:text-zinc-400">
                  {t("noEntries")}
                </td>
              </tr>
            )}
            {items.map((entry) => (
              <tr key={entry.id} className="align-top">
                <td className="px-3 py-2 whitespace-nowrap tabular-nums">
                  {formatDateTime(entry.at, locale)}
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {entry.username ?? "—"}
                  {entry.role && (
                    <span className="ml-1 text-xs text-zinc-500 dark:text-zinc-400">{entry.role}</span>
                  )}
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {t(`actions.${entry.action.replace(".", "_")}`)}
                </td>
                <td className="px-3 py-2 font-mono text-xs">
                  {entry.target &&
                  (entry.action === "call.open" ||
                    entry.action === "recording.play" ||
                    entry.action === "review.update") ? (
                    <Link
                      className="text-brand-700 underline dark:text-brand-400"
                      href={`/calls/${entry.target}`}
                    >
                      {entry.target}
                    </Link>
                  ) : (
                    (entry.target ?? "—")
                  )}
                </td>
                <td
                  className="max-w-56 px-3 py-2 text-xs text-zinc-500 dark:text-zinc-400"
                  title={entry.userAgent ?? undefined}
                >
                  {entry.ip ?? "—"}
                </td>
                <td className="max-w-96 px-3 py-2 font-mono text-xs break-all text-zinc-600 dark:text-zinc-400">
                  {entry.detail ? JSON.stringify(entry.detail) : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex gap-3 text-sm">
        {before && (
          <Link href={link({})} className="text-brand-700 underline dark:text-brand-400">
            {t("newest")}
          </Link>
        )}
        {older && (
          <Link
            href={link({ before: String(older) })}
            className="text-brand-700 underline dark:text-brand-400"
          >
            {t("older")}
          </Link>
        )}
      </div>
    </div>
  );
}
