import { VendorError } from "../errors";

/** Every vendor here pages by number, at most 100 records a page. */
export const MAX_PAGE_SIZE = 100;

/** A requested page size within 1..max (the default: max). */
export function pageSizeWithin(requested: number | undefined, max = MAX_PAGE_SIZE): number {
  if (requested === undefined || !Number.isFinite(requested)) return max;
  return Math.min(max, Math.max(1, Math.floor(requested)));
}

/**
 * The page number a cursor stands for (the cursors are ours: page numbers as text; null is page 1).
 * A cursor we did not write would restart or skip pages silently; it is refused instead.
 */
export function pageOfCursor(cursor: string | null, label: string): number {
  if (cursor === null || cursor === "") return 1;
  const page = Number(cursor);
  if (!Number.isSafeInteger(page) || page < 1) {
    throw new VendorError(
      "rejected",
      `${label}: "${cursor.slice(0, 20)}" is not a page cursor of this source`,
      {
        vendorCode: "bad_cursor",
      },
    );
  }
  return page;
}
