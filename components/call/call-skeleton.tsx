import { useTranslations } from "next-intl";

/** The call page's shape while its call loads (from the server, or in the browser), so nothing jumps when it lands. */
export function CallSkeleton() {
  const t = useTranslations("call");
  return (
    <div className="flex animate-pulse flex-col gap-3" aria-busy="true" aria-label={t("loading")}>
      <div className="h-4 w-24 rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-8 w-72 rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-32 rounded-lg bg-zinc-200 dark:bg-zinc-800" />
      <div className="grid gap-3 lg:grid-cols-[minmax(0,1fr)_380px]">
        <div className="h-96 rounded-lg bg-zinc-200 dark:bg-zinc-800" />
        <div className="h-96 rounded-lg bg-zinc-200 dark:bg-zinc-800" />
      </div>
    </div>
  );
}
