"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { serializeCallQuery } from "@/lib/calls/query";
import type { StratifyBy } from "@/lib/model";
import { createBatch, reviewKeys, type NewBatch } from "@/lib/queries/reviews";
import { STRATIFY_BY } from "@/lib/vocabulary";
import { QuerySummary } from "./query-summary";
import type { CurrentList } from "@/components/calls/list-query";

const input =
  "h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm focus:border-brand-500 focus:outline-none dark:border-zinc-700 dark:bg-zinc-950";

/**
 * Same rounding as the server: a share of the matches, at least one call. `exact`: whether the count
 * is sure — over an estimated total only a fixed count well below it is (the server counts the
 * matches themselves when it draws).
 */
export function drawCount(
  total: number | null,
  totalIsEstimate: boolean,
  mode: "count" | "share",
  amount: number,
): { n: number; exact: boolean } | null {
  if (total === null || !Number.isFinite(amount) || amount <= 0) return null;
  if (mode === "count") {
    const n = Math.min(Math.floor(amount), total);
    // An estimate is within a few per cent of the truth (text-sample.ts): a count under half of it is drawn whole.
    return { n, exact: !totalIsEstimate || n * 2 <= total };
  }
  const n = total === 0 ? 0 : Math.max(1, Math.round((total * Math.min(amount, 100)) / 100));
  return { n, exact: !totalIsEstimate };
}

/** The create-batch form: name, how many (a count or a share), stratification; then the batch page. */
export function CreateBatchPanel({ query, total, totalIsEstimate = false }: CurrentList) {
  const t = useTranslations("reviews");
  const locale = useLocale();
  const router = useRouter();
  const queryClient = useQueryClient();
  const id = useId();
  const today = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric" }).format(new Date());
  const [name, setName] = useState(t("create.defaultName", { date: today }));
  const [mode, setMode] = useState<"count" | "share">("count");
  const [amount, setAmount] = useState(mode === "count" ? "20" : "5");
  const [stratify, setStratify] = useState<StratifyBy | "">("");
  const queryString = serializeCallQuery(query).toString();
  const count = drawCount(total, totalIsEstimate, mode, Number(amount));
  const number = new Intl.NumberFormat(locale);

  const mutation = useMutation({
    mutationFn: (batch: NewBatch) => createBatch(batch),
    onSuccess: (batch) => {
      void queryClient.invalidateQueries({ queryKey: reviewKeys.batches });
      router.push(`/reviews/${batch.id}`);
    },
  });

  const submit = () => {
    const value = Number(amount);
    mutation.mutate({
      name: name.trim(),
      query: queryString,
      ...(mode === "count" ? { size: Math.floor(value) } : { share: value }),
      stratify: stratify || null,
    });
  };

  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h2 className="text-sm font-semibold">{t("create.title")}</h2>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-zinc-500 dark:text-zinc-400">{t("create.name")}</span>
        <input
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={100}
          required
          placeholder={t("create.namePlaceholder")}
          className={input}
        />
      </label>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-xs text-zinc-500 dark:text-zinc-400">{t("create.amount")}</legend>
        <div className="flex items-center gap-2">
          <div
            role="radiogroup"
            aria-label={t("create.amount")}
            className="flex rounded-md bg-zinc-100 p-0.5 dark:bg-zinc-800"
          >
            {(["count", "share"] as const).map((value) => (
              <label key={value}>
                <input
                  type="radio"
                  name={`${id}-mode`}
                  value={value}
                  checked={mode === value}
                  onChange={() => {
                    setMode(value);
                    setAmount(value === "count" ? "20" : "5");
                  }}
                  className="peer sr-only"
                />
                <span className="block cursor-pointer rounded px-2 py-1 text-xs text-zinc-600 peer-checked:bg-white peer-checked:text-zinc-900 peer-checked:shadow-xs peer-focus-visible:outline-2 peer-focus-visible:outline-brand-500 dark:text-zinc-300 dark:peer-checked:bg-zinc-950 dark:peer-checked:text-zinc-100">
                  {t(`create.${value}`)}
                </span>
              </label>
            ))}
          </div>
          <input
            type="number"
            name="amount"
            aria-label={mode === "count" ? t("create.count") : t("create.share")}
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            min={mode === "count" ? 1 : 0.1}
            max={mode === "count" ? 5000 : 100}
            step={mode === "count" ? 1 : 0.1}
            required
            className={`${input} w-24 tabular-nums`}
          />
          <span className="text-sm text-zinc-600 dark:text-zinc-300">
            {mode === "count" ? t("create.calls") : "%"}
          </span>
        </div>
      </fieldset>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-zinc-500 dark:text-zinc-400">{t("create.stratify")}</span>
        <select
          name="stratify"
          value={stratify}
          onChange={(event) => setStratify(event.target.value as StratifyBy | "")}
          className={input}
        >
          <option value="">{t("stratify.none")}</option>
          {STRATIFY_BY.map((value) => (
            <option key={value} value={value}>
              {t(`stratify.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="flex flex-col gap-1 rounded-md bg-zinc-50 p-2 text-xs text-zinc-600 dark:bg-zinc-800/60 dark:text-zinc-300">
        <div className="flex flex-wrap items-center gap-1">
          <span>{t("create.filter")}:</span>
          {queryString ? <QuerySummary query={queryString} /> : <span>{t("create.noFilter")}</span>}
        </div>
        {total !== null && (
          <span className="tabular-nums">
            {total === 0
              ? t("create.nothing")
              : `${t(totalIsEstimate ? "create.matchesAbout" : "create.matches", { total: number.format(total) })} · ${
                  count === null
                    ? t("create.willDraw", { n: "—" })
                    : t(count.exact ? "create.willDraw" : "create.willDrawAbout", {
                        n: number.format(count.n),
                      })
                }`}
          </span>
        )}
      </div>
      {mutation.error && (
        <p role="alert" className="text-xs text-rose-700 dark:text-rose-400">
          {t("create.failed", { message: mutation.error.message })}
        </p>
      )}
      <button
        type="submit"
        disabled={mutation.isPending || total === 0 || !name.trim()}
        className="h-8 rounded-md bg-brand-600 px-3 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50 dark:bg-brand-500 dark:text-zinc-950 dark:hover:bg-brand-400"
      >
        {mutation.isPending ? t("create.creating") : t("create.submit")}
      </button>
    </form>
  );
}
