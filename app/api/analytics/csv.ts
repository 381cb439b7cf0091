import type { DailyRow, Dropoff, Estimate, IntentAgreement } from "@/lib/queries/analytics";
import { INTENTS } from "@/lib/vocabulary";
import { BOM, csvLine } from "../calls/export/csv";

/**
 * Each analytics table as CSV (`?format=csv`), with the export's quoting and formula guard, and a
 * BOM so Excel reads the Chinese. Column names are the JSON fields', for scripts.
 *
 * Figures estimated from a sample (a text search matching many calls, lib/store/text-sample.ts)
 * must not pass for exact counts once downloaded: such a table gets two more columns, at the end so
 * that no existing column moves, `estimate.sampled` and `estimate.matches` (the JSON's `estimate`)
 * on every row, and its file name ends in `-estimate`. A comment line above the header was the
 * other way to say it, but it is no CSV: scripts and spreadsheet imports would take it for the header.
 */

export function wantsCsv(params: URLSearchParams): boolean {
  return params.get("format") === "csv";
}

/** A table's CSV: its lines (header first) and whether its figures are estimates (see above). */
export interface CsvTable {
  name: string;
  lines: string[];
  estimate: Estimate | null;
}

export function csvResponse({ name, lines, estimate }: CsvTable): Response {
  return new Response(BOM + lines.join(""), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="callscope-${name}${estimate ? "-estimate" : ""}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}

export const ESTIMATE_COLUMNS = ["estimate.sampled", "estimate.matches"] as const;

/** `header` and `rows` as CSV lines, each with the estimate's columns when there is one. */
function table(
  name: string,
  header: string[],
  rows: (string | number)[][],
  estimate: Estimate | null,
): CsvTable {
  const flag = estimate ? [estimate.sampled, estimate.matches] : [];
  return {
    name,
    estimate,
    lines: [
      csvLine([...header, ...(estimate ? ESTIMATE_COLUMNS : [])]),
      ...rows.map((row) => csvLine([...row, ...flag])),
    ],
  };
}

export function roundsCsv(dropoff: Dropoff): CsvTable {
  return table(
    "dropoff-rounds",
    ["round", "reached", "customerHangups"],
    dropoff.byRound.map((r) => [r.round, r.reached, r.customerHangups]),
    dropoff.estimate ?? null,
  );
}

export function linesCsv(dropoff: Dropoff): CsvTable {
  return table(
    "dropoff-lines",
    ["text", "customerHangups", "share"],
    dropoff.byLastRobotLine.map((l) => [l.text, l.customerHangups, Number(l.share.toFixed(6))]),
    dropoff.estimate ?? null,
  );
}

export function dailyCsv(days: DailyRow[]): CsvTable {
  const intents = [...INTENTS, "none"] as const;
  return table(
    "daily",
    [
      "date",
      "calls",
      "answered",
      "customerHangups",
      ...intents.map((i) => `intent${i === "none" ? "None" : i}`),
    ],
    days.map((d) => [
      d.date,
      d.calls,
      d.answered,
      d.customerHangups,
      ...intents.map((i) => d.byIntent[i] ?? 0),
    ]),
    // Every day of one answer comes from the same sample, or none does.
    days.find((d) => d.estimate)?.estimate ?? null,
  );
}

/** Never estimated: it counts reviewed calls, few enough to count them all. */
export function agreementCsv(agreement: IntentAgreement): CsvTable {
  return table(
    "intent-agreement",
    ["vendor", "reviewer", "calls"],
    agreement.cells.map((c) => [c.vendor ?? "none", c.reviewer, c.calls]),
    null,
  );
}
