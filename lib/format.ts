/**
 * Display formats shared by every page (client-safe). Times are shown in the deployment's zone
 * (the vendors' zone, Asia/Shanghai by default), whatever the reader's browser says, so everyone on
 * a team sees the same clock.
 */

export const DISPLAY_TIME_ZONE = "Asia/Shanghai";

/** 93 → "1:33", 3725 → "1:02:05"; null → "—". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "—";
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Milliseconds as a player clock: 12500 → "0:12.5" when `tenths`, else "0:12". */
export function formatClock(ms: number, tenths = false): string {
  const safe = Math.max(0, ms);
  const whole = formatDuration(Math.floor(safe / 1000));
  return tenths ? `${whole}.${Math.floor((safe % 1000) / 100)}` : whole;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string, options: Intl.DateTimeFormatOptions, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let formatter = dateTimeFormats.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone, hourCycle: "h23" });
    dateTimeFormats.set(key, formatter);
  }
  return formatter;
}

/** "2026-11-19 17:16:32" style, in the display zone; "—" for null. */
export function formatDateTime(
  iso: string | null | undefined,
  locale: string,
  timeZone = DISPLAY_TIME_ZONE,
): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "—";
  const parts = Object.fromEntries(
    format(
      locale,
      {
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      },
      timeZone,
    )
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** A compact relative time ("3 分钟前" / "3 min ago") for sync status. */
export function formatRelative(iso: string | null | undefined, locale: string, now = Date.now()): string {
  if (!iso) return "—";
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, "second");
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), "hour");
  return rtf.format(Math.round(seconds / 86400), "day");
}

/** Seconds with one decimal, for latencies and silences given in ms ("0.9", "12.4"). */
export function secondsOf(ms: number): string {
  return (Math.round(ms / 100) / 10).toFixed(1);
}
