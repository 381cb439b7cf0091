import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <div className="mx-auto max-w-md py-24 text-center">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <Link href="/calls" className="mt-6 inline-block text-brand-700 underline dark:text-brand-400">
        {t("back")}
      </Link>
    </div>
  );
}
