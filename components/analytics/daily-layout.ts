/** The trends chart's geometry, in SVG user units (the chart scales to its panel's width). */
export const DAILY_CHART = { width: 960, left: 44, right: 40 } as const;

/** Width of one day's column. */
export function dayStep(days: number): number {
  return (DAILY_CHART.width - DAILY_CHART.left - DAILY_CHART.right) / days;
}

/** Centre of day `i`'s column. */
export function dayX(i: number, days: number): number {
  return DAILY_CHART.left + i * dayStep(days) + dayStep(days) / 2;
}

/** Every day's centre as a fraction of the chart's width — where its x-axis label goes. */
export function dayFractions(days: number): number[] {
  return Array.from({ length: days }, (_, i) => dayX(i, days) / DAILY_CHART.width);
}
