import type { CallPage } from "@/lib/vendors/types";

/** A page as listed, with the cursor to resume after it (null: the task's last page). */
export interface ListedPage {
  page: CallPage;
  next: string | null;
}

/**
 * One task's pages, listed ahead of the writer: the vendor's time and the index's overlap, and when
 * the writer falls behind, the pages that piled up are handed over together, so the index writes
 * them in one transaction (a transaction's fixed cost — its commit, its round trips — shared by
 * several pages instead of paid per page). At most `ahead` pages wait: memory stays bounded when
 * the vendor is faster than the index.
 *
 * A cursor the vendor already gave would loop forever: it is taken as the end. A failed listing is
 * thrown by `take` once the pages before it have been handed over, so they are written first.
 */
export class ListAhead {
  private readonly ready: ListedPage[] = [];
  private readonly seen = new Set<string>();
  private failure: { error: unknown } | null = null;
  private ended = false;
  private stopped = false;
  private wakeWriter: (() => void) | null = null;
  private wakeLister: (() => void) | null = null;

  constructor(
    private readonly list: (cursor: string | null) => Promise<CallPage>,
    cursor: string | null,
    private readonly ahead: number,
    private readonly maxPages: number,
  ) {
    void this.run(cursor);
  }

  /** The pages listed since the last take, in order (at least one); [] once the task is listed. */
  async take(): Promise<ListedPage[]> {
    while (this.ready.length === 0 && !this.ended)
      await new Promise<void>((resolve) => (this.wakeWriter = resolve));
    if (this.ready.length === 0 && this.failure) throw this.failure.error;
    const pages = this.ready.splice(0);
    this.wake("lister");
    return pages;
  }

  /** No more pages wanted (the writer failed or stopped): the listing ends after the page in flight. */
  stop(): void {
    this.stopped = true;
    this.wake("lister");
  }

  private async run(cursor: string | null): Promise<void> {
    try {
      for (let pages = 0; pages < this.maxPages && !this.stopped; pages++) {
        while (this.ready.length >= this.ahead && !this.stopped)
          await new Promise<void>((resolve) => (this.wakeLister = resolve));
        if (this.stopped) break;
        const page = await this.list(cursor);
        const next = page.nextCursor && !this.seen.has(page.nextCursor) ? page.nextCursor : null;
        if (page.nextCursor) this.seen.add(page.nextCursor);
        this.ready.push({ page, next });
        this.wake("writer");
        if (!next) break;
        cursor = next;
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.ended = true;
      this.wake("writer");
    }
  }

  private wake(who: "writer" | "lister"): void {
    const wake = who === "writer" ? this.wakeWriter : this.wakeLister;
    if (who === "writer") this.wakeWriter = null;
    else this.wakeLister = null;
    wake?.();
  }
}
