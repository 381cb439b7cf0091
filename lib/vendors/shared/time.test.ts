import { describe, expect, test } from "vitest";
import { formatIsoInZone, vendorTimeToIso } from "./time";

/**
 * Vendor times to ISO, with every expected value written out. Shanghai has no daylight saving;
 * New York and Berlin do, so a source configured in one of them must get each side of a
 * transition right (the offset of the instant itself, not of "now" or of the day).
 */

describe("vendor times in Asia/Shanghai", () => {
  test.each([
    ["2019.06.14 15:22:23", "2019-06-14T15:22:23+08:00"],
    ["2019-03-27 10:34:54", "2019-03-27T10:34:54+08:00"],
    ["Wed Mar 27 10:34:45 CST 2019", "2019-03-27T10:34:45+08:00"],
    ["2018-10-02T16:54:08", "2018-10-02T16:54:08+08:00"],
    ["2018-10-01 16:39", "2018-10-01T16:39:00+08:00"],
    [1754617273000, "2025-08-08T09:41:13+08:00"],
    ["1554382725", "2019-04-04T20:58:45+08:00"],
  ])("%s → %s", (value, expected) => {
    expect(vendorTimeToIso(value, "Asia/Shanghai")).toBe(expected);
  });
});

describe("a daylight-saving zone: America/New_York", () => {
  const zone = "America/New_York";
  test.each([
    // Spring forward, 2026-03-08 02:00 EST → 03:00 EDT.
    ["2026-03-08 01:59:59", "2026-03-08T01:59:59-05:00"],
    ["2026-03-08 03:00:00", "2026-03-08T03:00:00-04:00"],
    ["2026-07-01 12:00:00", "2026-07-01T12:00:00-04:00"],
    // Fall back, 2026-11-01 02:00 EDT → 01:00 EST.
    ["2026-11-01 00:59:59", "2026-11-01T00:59:59-04:00"],
    ["2026-11-01 02:00:00", "2026-11-01T02:00:00-05:00"],
    ["2026-12-24 18:00:00", "2026-12-24T18:00:00-05:00"],
    // A time that says its own offset keeps it, whatever the zone.
    ["Wed Mar 27 10:34:45 CST 2019", "2019-03-26T22:34:45-04:00"],
  ])("%s → %s", (value, expected) => {
    expect(vendorTimeToIso(value, zone)).toBe(expected);
  });

  test("epochs on each side of the transitions", () => {
    expect(formatIsoInZone(Date.UTC(2026, 2, 8, 6, 59, 59), zone)).toBe("2026-03-08T01:59:59-05:00");
    expect(formatIsoInZone(Date.UTC(2026, 2, 8, 7, 0, 0), zone)).toBe("2026-03-08T03:00:00-04:00");
    expect(formatIsoInZone(Date.UTC(2026, 10, 1, 5, 59, 59), zone)).toBe("2026-11-01T01:59:59-04:00");
    expect(formatIsoInZone(Date.UTC(2026, 10, 1, 6, 0, 0), zone)).toBe("2026-11-01T01:00:00-05:00");
  });
});

describe("a daylight-saving zone: Europe/Berlin", () => {
  const zone = "Europe/Berlin";
  test.each([
    // Spring forward, 2026-03-29 02:00 CET → 03:00 CEST.
    ["2026-03-29 01:59:59", "2026-03-29T01:59:59+01:00"],
    ["2026-03-29 03:00:00", "2026-03-29T03:00:00+02:00"],
    // Fall back, 2026-10-25 03:00 CEST → 02:00 CET.
    ["2026-10-25 01:59:59", "2026-10-25T01:59:59+02:00"],
    ["2026-10-25 03:00:00", "2026-10-25T03:00:00+01:00"],
    ["2026-01-15 09:00", "2026-01-15T09:00:00+01:00"],
  ])("%s → %s", (value, expected) => {
    expect(vendorTimeToIso(value, zone)).toBe(expected);
  });

  test("epochs on each side of the transitions", () => {
    expect(formatIsoInZone(Date.UTC(2026, 2, 29, 0, 59, 59), zone)).toBe("2026-03-29T01:59:59+01:00");
    expect(formatIsoInZone(Date.UTC(2026, 2, 29, 1, 0, 0), zone)).toBe("2026-03-29T03:00:00+02:00");
    expect(formatIsoInZone(Date.UTC(2026, 9, 25, 0, 59, 59), zone)).toBe("2026-10-25T02:59:59+02:00");
    expect(formatIsoInZone(Date.UTC(2026, 9, 25, 1, 0, 0), zone)).toBe("2026-10-25T02:00:00+01:00");
  });
});
