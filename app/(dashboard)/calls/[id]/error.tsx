"use client";

import { useTranslations } from "next-intl";

/** Anything the page did not expect: say so and let the reader try again. */
export default function CallPageError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("error");
  return (
    <div role="alert" className="mx-auto max-w-md py-24 text-center">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <button
        type="button"
        onClick={reset}
        className="mt-6 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
      >
        {t("retry")}
      </button>
    </div>
  );
}
