import { getTranslations } from "next-intl/server";

/** A server-rendered page whose index reads were refused (the line was full): say so, offer the page again. */
export async function Busy({ title, href }: { title: string; href: string }) {
  const t = await getTranslations("error");
  return (
    <div role="alert" className="mx-auto max-w-md py-24 text-center" data-testid="busy">
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">{t("busy")}</p>
      {/* A plain link: a full load asks the server again. */}
      <a
        href={href}
        className="mt-6 inline-block rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
      >
        {t("retry")}
      </a>
    </div>
  );
}
