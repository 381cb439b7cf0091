import type { Intent } from "@/lib/model";

/** The answers of GET /api/analytics/* (CONTRACT.md §3): shapes shared by the server and the page. */

export interface Dropoff {
  answered: number;
  customerHangups: number;
  byRound: { round: number; reached: number; customerHangups: number }[];
  byLastRobotLine: { text: string; customerHangups: number; share: number }[];
  /** Present when the counts are estimates: a text search matching many calls, counted over a sample. */
  estimate?: Estimate;
}

/**
 * Figures over a text search that matches many calls are counted over a sample of its matches and
 * scaled up: `sampled` of the `matches` calls the text matches (before the other filters).
 */
export interface Estimate {
  sampled: number;
  matches: number;
}

export interface IntentAgreement {
  compared: number;
  agreed: number;
  cells: { vendor: Intent | null; reviewer: Intent; calls: number }[];
}

export interface DailyRow {
  date: string;
  calls: number;
  answered: number;
  customerHangups: number;
  byIntent: Partial<Record<Intent | "none", number>>;
  /** Present when the row's counts are estimates (see Estimate). */
  estimate?: Estimate;
}
