import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { Logo } from "@/components/shell/logo";
import { safeNext } from "@/lib/safe-next";
import { DEMO_ACCOUNTS } from "@/lib/auth/users";
import { pageSession } from "@/lib/server/page-session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("title") };
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const next = safeNext((await searchParams).next);
  const { runtime, session } = await pageSession();
  if (session) redirect(next);
  const t = await getTranslations();
  return (
    <div className="flex min-h-full flex-col items-center justify-center bg-gradient-to-b from-brand-50 to-zinc-50 px-4 py-16 dark:from-zinc-900 dark:to-zinc-950">
      <div className="absolute top-4 right-4">
        <LocaleSwitch />
      </div>
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <Logo className="h-12 w-12" />
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">{t("app.name")}</h1>
            <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{t("app.tagline")}</p>
          </div>
        </div>
        <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <h2 className="mb-4 text-lg font-medium">{t("auth.title")}</h2>
          <LoginForm next={next} demoAccounts={runtime.users.demo ? DEMO_ACCOUNTS : []} />
        </div>
      </div>
    </div>
  );
}
