import { getTranslations } from "next-intl/server";
import { requirePageSession } from "@/lib/server/page-session";

export default async function CallsPage() {
  await requirePageSession("/calls");
  const t = await getTranslations("nav");
  return <h1 className="text-xl font-semibold">{t("calls")}</h1>;
}
