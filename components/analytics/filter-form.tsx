import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { serializeCallQuery, type CallQuery } from "@/lib/calls/query";

/**
 * The page's filter as a plain GET form (no JavaScript): source and dates here, every other list
 * filter carried along unchanged in hidden fields, so a filter made in the list stays when opened here.
 */
export async function FilterForm({
  query,
  sources,
}: {
  query: CallQuery;
  sources: { id: string; name: string }[];
}) {
  const t = await getTranslations("analytics.filters");
  const carried = [...serializeCallQuery({ ...query, source: [], from: null, to: null }).entries()];
  const input =
    "rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";
  return (
    <form method="get" action="/analytics" aria-label={t("label")} className="flex flex-wrap items-end gap-3">
      {carried.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label className="flex flex-col gap-0.5 text-xs text-zinc-500 dark:text-zinc-400">
        {t("source")}
        <select name="source" defaultValue={query.source.join(",")} className={input}>
          <option value="">{t("allSources")}</option>
          {sources.map((source) => (
            <option key={source.id} value={source.id}>
              {source.name}
            </option>
          ))}
          {query.source.length > 1 && (
            <option value={query.source.join(",")}>{query.source.join(", ")}</option>
          )}
        </select>
      </label>
      <label className="flex flex-col gap-0.5 text-xs text-zinc-500 dark:text-zinc-400">
        {t("from")}
        <input type="date" name="from" defaultValue={query.from?.slice(0, 10) ?? ""} className={input} />
      </label>
      <label className="flex flex-col gap-0.5 text-xs text-zinc-500 dark:text-zinc-400">
        {t("to")}
        <input type="date" name="to" defaultValue={query.to?.slice(0, 10) ?? ""} className={input} />
      </label>
      <button
        type="submit"
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
      >
        {t("apply")}
      </button>
      <Link
        href="/analytics"
        className="px-1 py-1.5 text-sm text-zinc-500 hover:underline dark:text-zinc-400"
      >
        {t("clear")}
      </Link>
    </form>
  );
}
