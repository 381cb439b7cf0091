import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { EndSessionButton } from "@/components/admin/end-session-button";
import { formatDateTime } from "@/lib/format";
import { requireAdminPage } from "@/lib/server/require-admin";
import { presentSessions } from "@/lib/server/sessions-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sessions"))("title") };
}

/** Who is signed in, from where, until when; an admin ends one session or all of a user's. */
export default async function SessionsPage() {
  const { runtime, session } = await requireAdminPage("/admin/sessions");
  const t = await getTranslations("sessions");
  const locale = await getLocale();
  const items = await presentSessions(runtime, session);
  const cell = "px-3 py-2 text-left align-top";

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="max-w-3xl text-sm text-zinc-500 dark:text-zinc-400">{t("hint")}</p>
      </div>
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-12 text-center text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
          {t("empty")}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <table className="w-full text-sm">
            <thead className="border-b border-zinc-200 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
              <tr>
                <th className={cell}>{t("user")}</th>
                <th className={cell}>{t("signedIn")}</th>
                <th className={cell}>{t("lastSeen")}</th>
                <th className={cell}>{t("endsAt")}</th>
                <th className={cell}>{t("from")}</th>
                <th className={cell}>
                  <span className="sr-only">{t("end")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
                  <td className={`${cell} whitespace-nowrap`}>
                    <span className="font-medium">{item.username}</span>
                    {item.current && (
                      <span className="ml-2 rounded-full whitespace-nowrap bg-brand-100 px-2 py-0.5 text-xs text-brand-900 dark:bg-brand-900 dark:text-brand-100">
                        {t("current")}
                      </span>
                    )}
                  </td>
                  <td className={`${cell} whitespace-nowrap tabular-nums`}>
                    {formatDateTime(item.createdAt, locale)}
                  </td>
                  <td className={`${cell} whitespace-nowrap tabular-nums`}>
                    {formatDateTime(item.lastSeenAt, locale)}
                  </td>
                  <td className={`${cell} whitespace-nowrap tabular-nums`}>
                    {formatDateTime(item.endsAt, locale)}
                  </td>
                  <td className={cell}>
                    <span className="tabular-nums">{item.ip ?? "—"}</span>
                    <span
                      className="block max-w-xs truncate text-xs text-zinc-500 dark:text-zinc-400"
                      title={item.userAgent ?? ""}
                    >
                      {item.userAgent}
                    </span>
                  </td>
                  <td className={`${cell} text-right whitespace-nowrap`}>
                    <EndSessionButton id={item.id} username={item.username} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
