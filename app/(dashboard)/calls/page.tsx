import { getTranslations } from "next-intl/server";

export default async function CallsPage() {
  const t = await getTranslations("home");
  return <h1 className="text-xl font-semibold">{t("title")}</h1>;
}
