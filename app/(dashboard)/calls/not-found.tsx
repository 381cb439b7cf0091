import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function CallNotFound() {
  const t = await getTranslations("call.notFound");
  return (
    <div className="mx-auto max-w-md py-24 text-center">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{t("body")}</p>
      <Link href="/calls" className="mt-6 inline-block text-brand-700 underline dark:text-brand-400">
        {t("back")}
      </Link>
    </div>
  );
}
