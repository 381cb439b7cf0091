import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Role } from "@/lib/model";
import { LocaleSwitch } from "./locale-switch";
import { Logo } from "./logo";
import { NavLink } from "./nav-link";
import { UserMenu } from "./user-menu";

interface HeaderProps {
  session: { username: string; role: Role } | null;
  demo: boolean;
  open: boolean;
}

export async function Header({ session, demo, open }: HeaderProps) {
  const t = await getTranslations();
  const admin = session?.role === "admin";
  const reviewer = admin || session?.role === "supervisor";
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/90">
      <div className="mx-auto flex h-14 max-w-[1680px] items-center gap-6 px-4">
        <Link href="/calls" className="flex items-center gap-2">
          <Logo />
          <span className="text-base font-semibold tracking-tight">{t("app.name")}</span>
          <span className="hidden text-xs text-zinc-500 lg:inline dark:text-zinc-400">
            {t("app.tagline")}
          </span>
        </Link>
        {session && (
          <nav aria-label={t("nav.primary")} className="flex items-center gap-1">
            <NavLink href="/calls">{t("nav.calls")}</NavLink>
            <NavLink href="/analytics">{t("nav.analytics")}</NavLink>
            {reviewer && <NavLink href="/reviews">{t("nav.reviews")}</NavLink>}
            <NavLink href="/sources">{t("nav.sources")}</NavLink>
            {admin && <NavLink href="/admin/audit">{t("nav.audit")}</NavLink>}
            {admin && <NavLink href="/admin/quarantine">{t("nav.quarantine")}</NavLink>}
            {admin && <NavLink href="/admin/sessions">{t("nav.sessions")}</NavLink>}
            <NavLink href="/api-docs">{t("apiDocs.nav")}</NavLink>
          </nav>
        )}
        <div className="ml-auto flex items-center gap-3">
          {demo && (
            <span className="rounded-full bg-brand-100 px-2 py-0.5 text-xs font-medium text-brand-900 dark:bg-brand-900 dark:text-brand-100">
              {t("app.demo")}
            </span>
          )}
          <LocaleSwitch />
          {session && !open && <UserMenu username={session.username} role={session.role} />}
        </div>
      </div>
    </header>
  );
}
