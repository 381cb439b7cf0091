import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Header } from "@/components/shell/header";
import { pageSession } from "@/lib/server/page-session";

/** The signed-in part of the app: header with navigation and the user, then the page. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const { runtime, session } = await pageSession();
  const t = await getTranslations();
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t("app.skipToContent")}
      </a>
      {runtime.users.open && (
        <div role="alert" className="bg-amber-500 px-4 py-1.5 text-center text-sm font-medium text-amber-950">
          {t("auth.openWarning")}
        </div>
      )}
      <Header session={session} demo={runtime.mode === "demo"} open={runtime.users.open} />
      <main id="main" className="mx-auto max-w-[1680px] px-4 py-4">
        {children}
      </main>
    </>
  );
}
