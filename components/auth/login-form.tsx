"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { safeNext } from "@/lib/safe-next";

interface LoginFormProps {
  next: string;
  demoAccounts: { username: string; role: string }[];
}

export function LoginForm({ next, demoAccounts }: LoginFormProps) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password }),
      });
      if (response.ok) {
        router.replace(safeNext(next));
        router.refresh();
        return;
      }
      if (response.status === 429)
        setError(t("throttled", { seconds: response.headers.get("retry-after") ?? "60" }));
      else if (response.status === 401) setError(t("wrong"));
      else setError(t("failed"));
    } catch {
      setError(t("offline"));
    }
    setPending(false);
  }

  const field =
    "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none dark:border-zinc-700 dark:bg-zinc-950";

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <label className="block text-sm font-medium">
        {t("username")}
        <input
          name="username"
          autoComplete="username"
          required
          autoFocus
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          className={field}
        />
      </label>
      <label className="block text-sm font-medium">
        {t("password")}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          className={field}
        />
      </label>
      {error && (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending || !username || !password}
        className="w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
      >
        {pending ? t("signingIn") : t("signIn")}
      </button>
      {demoAccounts.length > 0 && (
        <div className="border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <p className="mb-2 text-xs text-zinc-500 dark:text-zinc-400">{t("demoAccounts")}</p>
          <ul className="grid grid-cols-3 gap-2">
            {demoAccounts.map((account) => (
              <li key={account.username}>
                <button
                  type="button"
                  onClick={() => {
                    setUsername(account.username);
                    setPassword(account.username);
                  }}
                  className="w-full rounded-md border border-zinc-200 px-2 py-1.5 text-left text-xs hover:border-brand-400 hover:bg-brand-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
                >
                  <span className="block font-mono font-medium">{account.username}</span>
                  <span className="text-zinc-500 dark:text-zinc-400">{t(`roles.${account.role}`)}</span>
                </button>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">{t("demoHint")}</p>
        </div>
      )}
    </form>
  );
}
