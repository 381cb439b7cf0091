import { useTranslations } from "next-intl";

/** An alert's name as a small amber badge (list rows, the call page). */
export function AlertBadge({ name }: { name: string }) {
  const t = useTranslations("alerts");
  return (
    <span
      title={t("badge", { name })}
      data-testid="alert-badge"
      className="inline-flex max-w-[9rem] items-center gap-1 truncate rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-600/25 ring-inset dark:bg-amber-500/20 dark:text-amber-200"
    >
      <svg aria-hidden viewBox="0 0 12 12" className="h-3 w-3 shrink-0 fill-current">
        <path d="M6 1 11 10H1z" />
      </svg>
      <span className="truncate">{name}</span>
    </span>
  );
}
