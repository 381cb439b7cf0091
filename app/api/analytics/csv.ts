import type { DailyRow, Dropoff, IntentAgreement } from "@/lib/queries/analytics";
import { INTENTS } from "@/lib/vocabulary";
import { BOM, csvLine } from "../calls/export/csv";

/**
 * Each analytics table as CSV (`?format=csv`), with the export's quoting and formula guard, and a
 * BOM so Excel reads the Chinese. Column names are the JSON fields', for scripts.
 */

export function wantsCsv(params: URLSearchParams): boolean {
  return params.get("format") === "csv";
}

export function csvResponse(name: string, lines: string[]): Response {
  return new Response(BOM + lines.join(""), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="callscope-${name}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}

export function roundsCsv(dropoff: Dropoff): string[] {
  return [
    csvLine(["round", "reached", "customerHangups"]),
    ...dropoff.byRound.map((r) => csvLine([r.round, r.reached, r.customerHangups])),
  ];
}

export function linesCsv(dropoff: Dropoff): string[] {
  return [
    csvLine(["text", "customerHangups", "share"]),
    ...dropoff.byLastRobotLine.map((l) => csvLine([l.text, l.customerHangups, Number(l.share.toFixed(6))])),
  ];
}

export function dailyCsv(days: DailyRow[]): string[] {
  const intents = [...INTENTS, "none"] as const;
  return [
    csvLine([
      "date",
      "calls",
      "answered",
      "customerHangups",
      ...intents.map((i) => `intent${i === "none" ? "None" : i}`),
    ]),
    ...days.map((d) =>
      csvLine([d.date, d.calls, d.answered, d.customerHangups, ...intents.map((i) => d.byIntent[i] ?? 0)]),
    ),
  ];
}

export function agreementCsv(agreement: IntentAgreement): string[] {
  return [
    csvLine(["vendor", "reviewer", "calls"]),
    ...agreement.cells.map((c) => csvLine([c.vendor ?? "none", c.reviewer, c.calls])),
  ];
}
