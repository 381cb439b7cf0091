"use client";

import { useTranslations } from "next-intl";
import { BackToList } from "./call-navigation";

interface CallErrorProps {
  error: { status?: number; code?: string; message: string };
  retrying: boolean;
  onRetry: () => void;
  listQuery: string | null;
}

/** The call could not be loaded (the vendor failed and nothing is indexed): say so, offer a retry. */
export function CallError({ error, retrying, onRetry, listQuery }: CallErrorProps) {
  const t = useTranslations("call.error");
  const vendor = error.code?.startsWith("vendor_") ?? false;
  return (
    <div className="flex flex-col gap-4">
      <BackToList listQuery={listQuery} />
      <div
        role="alert"
        className="mx-auto mt-10 flex max-w-lg flex-col items-center gap-3 rounded-lg border border-zinc-200 bg-white px-8 py-10 text-center dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h1 className="text-lg font-semibold">{vendor ? t("vendorTitle") : t("title")}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{vendor ? t("vendorBody") : t("body")}</p>
        <p className="font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">
          {error.code ? `${error.code}: ` : ""}
          {error.message}
        </p>
        <button
          type="button"
          onClick={onRetry}
          disabled={retrying}
          className="mt-2 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50 dark:bg-brand-500 dark:text-zinc-950"
        >
          {retrying ? t("retrying") : t("retry")}
        </button>
      </div>
    </div>
  );
}
