/**
 * Vendor times, in every shape the docs show, to ISO 8601 with an explicit offset.
 *
 *   "2019.06.14 15:22:23"            Dyvms list
 *   "2019-03-27 10:34:54"            Dyvms detail, Tanyi, agent-api
 *   "Wed Mar 27 10:34:45 CST 2019"   Dyvms dialogDetail (Java's Date.toString; CST is China Standard Time)
 *   "2018-10-02T16:54:08"            Tanyi detail
 *   "2018-10-01 16:39"               Tanyi (no seconds)
 *   1754617273000 / "1554382725"     epoch ms or s, as numbers or strings
 *
 * Times without an offset are read in the source's time zone; output is written in that zone too,
 * so `2019-03-27 10:34:54` from a Shanghai source becomes `2019-03-27T10:34:54+08:00`.
 * Implausible instants (the docs' `StartCallTime: 123123123123123`, `ReleaseTime: 98`) become null.
 */

const MIN_PLAUSIBLE = Date.UTC(2000, 0, 1);
const MAX_PLAUSIBLE = Date.UTC(2100, 0, 1);

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Zone abbreviations Java and vendors print. CST here is China Standard Time, as these vendors mean it. */
const ABBREVIATIONS: Record<string, number> = {
  CST: 480,
  CCT: 480,
  HKT: 480,
  SGT: 480,
  JST: 540,
  KST: 540,
  UTC: 0,
  GMT: 0,
  Z: 0,
};

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** Minutes east of UTC when the text said; null means "in the source's zone". */
  offsetMinutes: number | null;
}

/** Epoch milliseconds for a vendor time, or null when it is absent or not a plausible call time. */
export function vendorTimeToEpoch(value: unknown, timeZone: string): number | null {
  let epoch: number | null = null;
  if (typeof value === "number") epoch = fromEpochNumber(value);
  else if (typeof value === "string") {
    const trimmed = value.trim();
    if (!trimmed) return null;
    if (/^\d{9,}(\.\d+)?$/.test(trimmed) && !COMPACT.test(trimmed)) epoch = fromEpochNumber(Number(trimmed));
    else {
      const wall = parseWallTime(trimmed);
      if (wall) epoch = wallToEpoch(wall, timeZone);
    }
  }
  if (epoch === null || !Number.isFinite(epoch) || epoch < MIN_PLAUSIBLE || epoch >= MAX_PLAUSIBLE)
    return null;
  return epoch;
}

/** ISO 8601 with the offset of `timeZone` at that instant, or null. */
export function vendorTimeToIso(value: unknown, timeZone: string): string | null {
  const epoch = vendorTimeToEpoch(value, timeZone);
  return epoch === null ? null : formatIsoInZone(epoch, timeZone);
}

function fromEpochNumber(n: number): number | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  // 1e11 seconds is the year 5138, 1e11 ms is 1973: anything smaller is seconds.
  return n < 1e11 ? Math.round(n * 1000) : Math.round(n);
}

const NUMERIC =
  /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?(?:[T\s]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})(?:[.,](\d{1,9}))?)?秒?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Z]{2,4})?$/i;
const COMPACT = /^((?:19|20)\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;
const JAVA =
  /^(?:[A-Za-z]{3},?\s+)?([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})(?:\s+([A-Za-z]{2,5}|[+-]\d{2}:?\d{2}|GMT[+-]\d{1,2}(?::?\d{2})?))?\s+(\d{4})$/;

export function parseWallTime(text: string): WallTime | null {
  let m = NUMERIC.exec(text);
  if (m) {
    return checked({
      year: +m[1]!,
      month: +m[2]!,
      day: +m[3]!,
      hour: m[4] ? +m[4] : 0,
      minute: m[5] ? +m[5] : 0,
      second: m[6] ? +m[6] : 0,
      ms: m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0,
      offsetMinutes: parseOffset(m[8]),
    });
  }
  m = COMPACT.exec(text);
  if (m) {
    return checked({
      year: +m[1]!,
      month: +m[2]!,
      day: +m[3]!,
      hour: +m[4]!,
      minute: +m[5]!,
      second: +m[6]!,
      ms: 0,
      offsetMinutes: null,
    });
  }
  m = JAVA.exec(text);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase()];
    if (!month) return null;
    return checked({
      year: +m[7]!,
      month,
      day: +m[2]!,
      hour: +m[3]!,
      minute: +m[4]!,
      second: +m[5]!,
      ms: 0,
      offsetMinutes: parseOffset(m[6]),
    });
  }
  return null;
}

function parseOffset(token: string | undefined): number | null {
  if (!token) return null;
  const upper = token.toUpperCase();
  if (upper in ABBREVIATIONS) return ABBREVIATIONS[upper]!;
  const m = /^(?:GMT)?([+-])(\d{1,2}):?(\d{2})?$/.exec(upper);
  if (!m) return null; // an abbreviation we do not know: read in the source's zone
  const minutes = +m[2]! * 60 + (m[3] ? +m[3] : 0);
  return m[1] === "-" ? -minutes : minutes;
}

function checked(wall: WallTime): WallTime | null {
  const { month, day, hour, minute, second } = wall;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  return wall;
}

export function wallToEpoch(wall: WallTime, timeZone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.ms);
  if (wall.offsetMinutes !== null) return asUtc - wall.offsetMinutes * 60_000;
  // The zone's offset at the guessed instant, then once more at the corrected one (DST edges).
  let epoch = asUtc - zoneOffsetMinutes(asUtc, timeZone) * 60_000;
  epoch = asUtc - zoneOffsetMinutes(epoch, timeZone) * 60_000;
  return epoch;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const offsets = new Map<string, number>();
const OFFSET_BUCKET_MS = 15 * 60_000;

/**
 * Minutes east of UTC that `timeZone` is at `epoch`. Zone transitions fall on quarter hours, so one
 * Intl lookup serves a whole 15-minute bucket: sync reads hundreds of thousands of times, and
 * formatToParts costs tens of µs each.
 */
export function zoneOffsetMinutes(epoch: number, timeZone: string): number {
  const key = `${timeZone} ${Math.floor(epoch / OFFSET_BUCKET_MS)}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const offset = lookUpZoneOffsetMinutes(epoch, timeZone);
  if (offsets.size >= 100_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

function lookUpZoneOffsetMinutes(epoch: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epoch))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const wallAsUtc = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
  return Math.round((wallAsUtc - (epoch - (((epoch % 1000) + 1000) % 1000))) / 60_000);
}

export function formatIsoInZone(epoch: number, timeZone: string): string {
  const offset = zoneOffsetMinutes(epoch, timeZone);
  const wall = new Date(epoch + offset * 60_000);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const ms = wall.getUTCMilliseconds();
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return (
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}` +
    (ms ? `.${pad(ms, 3)}` : "") +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
