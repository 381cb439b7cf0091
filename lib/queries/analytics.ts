import type { Intent } from "@/lib/model";

/** The answers of GET /api/analytics/* (CONTRACT.md §3): shapes shared by the server and the page. */

export interface Dropoff {
  answered: number;
  customerHangups: number;
  byRound: { round: number; reached: number; customerHangups: number }[];
  byLastRobotLine: { text: string; customerHangups: number; share: number }[];
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
}
