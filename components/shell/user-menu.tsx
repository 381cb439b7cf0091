"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";

/** Who is signed in, with what role, and the way out. */
export function UserMenu({ username, role }: { username: string; role: string }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function signOut() {
    startTransition(async () => {
      await fetch("/api/auth/logout", { method: "POST" });
      router.replace("/login");
      router.refresh();
    });
  }

  return (
    <div className="flex items-center gap-2 text-sm">
      <span className="hidden text-zinc-700 sm:inline dark:text-zinc-300" data-testid="current-user">
        {username}
        <span className="ml-1.5 rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400">
          {t(`roles.${role}`)}
        </span>
      </span>
      <button
        type="button"
        onClick={signOut}
        disabled={pending}
        className="rounded-md px-2 py-1 text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      >
        {t("signOut")}
      </button>
    </div>
  );
}
