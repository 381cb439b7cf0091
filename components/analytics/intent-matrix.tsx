import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { CallQuery } from "@/lib/calls/query";
import type { IntentAgreement } from "@/lib/queries/analytics";
import { INTENTS } from "@/lib/vocabulary";
import { drillDown } from "./links";

/** Vendor intent (rows) × reviewer intent (columns); the diagonal is agreement. A cell links to its calls. */
export async function IntentMatrix({ agreement, query }: { agreement: IntentAgreement; query: CallQuery }) {
  const t = await getTranslations("analytics.agreement");
  const tm = await getTranslations("model");
  const format = await getFormatter();
  if (agreement.compared === 0)
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("empty")}</p>;
  const count = new Map(
    agreement.cells.map((cell) => [`${cell.vendor ?? "none"}|${cell.reviewer}`, cell.calls]),
  );
  const rows = [...INTENTS, "none"] as const;
  const max = Math.max(1, ...agreement.cells.map((cell) => cell.calls));
  return (
    <table className="text-sm" aria-label={t("title")} data-testid="intent-matrix">
      <thead>
        <tr>
          <th scope="col" className="pr-3 text-left text-xs font-normal text-zinc-500 dark:text-zinc-400">
            {t("vendor")}
          </th>
          {INTENTS.map((reviewer) => (
            <th key={reviewer} scope="col" className="w-14 text-center font-medium">
              {tm(`intent.${reviewer}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((vendor) => (
          <tr key={vendor}>
            <th scope="row" className="pr-3 text-left font-medium">
              {tm(`intent.${vendor}`)}
            </th>
            {INTENTS.map((reviewer) => {
              const n = count.get(`${vendor}|${reviewer}`) ?? 0;
              const diagonal = vendor === reviewer;
              const alpha = n ? 0.12 + 0.75 * (n / max) : 0;
              return (
                <td key={reviewer} className="p-0.5 text-center">
                  {n ? (
                    <Link
                      href={drillDown(query, { vendorIntent: vendor, reviewIntent: reviewer })}
                      title={t("cellTitle", { vendor: tm(`intent.${vendor}`), reviewer, count: n })}
                      className={`block rounded px-2 py-1 tabular-nums hover:ring-2 hover:ring-brand-400 ${alpha > 0.5 ? "text-white" : ""}`}
                      style={{
                        backgroundColor: diagonal ? `rgba(5,150,105,${alpha})` : `rgba(225,29,72,${alpha})`,
                      }}
                    >
                      {format.number(n)}
                    </Link>
                  ) : (
                    <span className="block px-2 py-1 text-zinc-300 dark:text-zinc-700">·</span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
