import type { BenchServer } from "./server";
import type { Figure } from "./report";

/** Figures measured in Chromium (filled in once the pages expose their ready states). */
export async function browserFigures(_server: BenchServer, _options: { rounds: number }): Promise<Figure[]> {
  return [];
}
