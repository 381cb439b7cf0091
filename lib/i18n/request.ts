import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from "./locales";
import en from "./messages/en.json";
import zhCN from "./messages/zh-CN.json";

const MESSAGES = { "zh-CN": zhCN, en } as const;

export default getRequestConfig(async () => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
  return { locale, messages: MESSAGES[locale], timeZone: "Asia/Shanghai" };
});
