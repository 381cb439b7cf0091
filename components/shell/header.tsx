import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocaleSwitch } from "./locale-switch";
import { Logo } from "./logo";
import { NavLink } from "./nav-link";

export async function Header() {
  const t = await getTranslations();
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/90">
      <div className="mx-auto flex h-14 max-w-[1600px] items-center gap-6 px-4">
        <Link href="/calls" className="flex items-center gap-2">
          <Logo />
          <span className="text-base font-semibold tracking-tight">{t("app.name")}</span>
          <span className="hidden text-xs text-zinc-500 sm:inline dark:text-zinc-400">{t("app.tagline")}</span>
        </Link>
        <nav aria-label={t("nav.primary")} className="flex items-center gap-1">
          <NavLink href="/calls">{t("nav.calls")}</NavLink>
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <LocaleSwitch />
        </div>
      </div>
    </header>
  );
}
