import "server-only";
import type { SourceConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { sourceName } from "@/lib/sync/source-name";
import type { CallDetail } from "@/lib/model";
import type { Store } from "@/lib/store";
import type { IndexedCall } from "@/lib/store/calls";
import { isVendorError } from "@/lib/vendors/errors";
import type { VendorAdapter } from "@/lib/vendors/types";
import { Deadline, INTERACTIVE_DEADLINE_MS } from "@/lib/vendors/deadline";

/**
 * One call's detail, live from its vendor: cached briefly, identical concurrent requests sharing one
 * upstream call, and written back to the index (so the index's copy is the freshest we had). When the
 * vendor fails, the indexed copy answers with `stale: true` — or the vendor's error, when the index
 * has no transcript to offer. A person is waiting, so the vendor gets one deadline for the whole
 * load, retries included (lib/vendors/deadline.ts); a vendor that hangs is a timeout like any other.
 */

export interface LiveDetail {
  detail: CallDetail;
  /** The vendor's own recording URL (signed, expiring): server-side only. */
  vendorRecordingUrl: string | null;
  /** The vendor's customer-only track (Tanyi), when it gives one; null for the indexed copy. */
  vendorCustomerRecordingUrl?: string | null;
}

interface SourceLike {
  adapter: VendorAdapter;
  /** For messages ("杭州外呼 (hz-robot): the vendor did not answer within 5 s"). */
  config?: Pick<SourceConfig, "id" | "name">;
}

export class DetailService {
  private readonly cache = new Map<string, { at: number; value: LiveDetail }>();
  private readonly inflight = new Map<string, Promise<LiveDetail>>();

  constructor(
    private readonly store: Store,
    private readonly sources: Map<string, SourceLike>,
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 500,
    private readonly deadlineMs = INTERACTIVE_DEADLINE_MS,
  ) {}

  /**
   * `deadline`: the caller's own, when the detail is one step of a longer request (the recording);
   * otherwise the load gets a fresh interactive deadline. `keep: false`: not remembered in the cache
   * (the background analysis reads many calls nobody is looking at; the cache is for people).
   */
  async get(
    id: string,
    options: { fresh?: boolean; deadline?: Deadline; keep?: boolean } = {},
  ): Promise<LiveDetail> {
    const cached = this.cache.get(id);
    if (!options.fresh && cached && Date.now() - cached.at < this.ttlMs) return this.withReview(cached.value);
    const running = this.inflight.get(id);
    if (running) return running;
    const promise = this.load(
      id,
      options.deadline ?? new Deadline(this.deadlineMs),
      options.keep ?? true,
    ).finally(() => this.inflight.delete(id));
    this.inflight.set(id, promise);
    return promise;
  }

  /** The indexed call, or a 404 naming the id. */
  async indexed(id: string): Promise<IndexedCall> {
    const row = await this.store.calls.get(id);
    if (!row) throw new AppError("not_found", `no call with id ${id}`);
    return row;
  }

  /**
   * A remembered detail with the call's review as the index has it now: a review saved on another
   * instance (sharing a PostgreSQL index) empties only that instance's cache, and a reviewer here must
   * not be shown the verdict from before it for the rest of the cache's life.
   */
  private async withReview(value: LiveDetail): Promise<LiveDetail> {
    const review = await this.store.reviews.get(value.detail.id);
    return { ...value, detail: { ...value.detail, review } };
  }

  forget(id: string): void {
    this.cache.delete(id);
  }

  private async load(id: string, deadline: Deadline, keep: boolean): Promise<LiveDetail> {
    const row = await this.indexed(id);
    const source = this.sources.get(row.summary.sourceId);
    if (!source) return { detail: toDetail(row, true), vendorRecordingUrl: row.recordingUrl };
    try {
      const label = source.config ? sourceName(source.config) : row.summary.sourceId;
      const live = await deadline.race(
        source.adapter.getCall(row.locator, { signal: deadline.signal }),
        label,
      );
      await this.store.calls.upsert([
        {
          sourceId: row.summary.sourceId,
          vendor: row.summary.vendor,
          call: live,
          from: "detail",
          key: row.callKey,
        },
      ]);
      const updated = await this.indexed(id);
      const value: LiveDetail = {
        detail: toDetail(updated, false),
        vendorRecordingUrl: live.recordingUrl ?? updated.recordingUrl,
        vendorCustomerRecordingUrl: live.customerRecordingUrl ?? null,
      };
      if (keep) this.remember(id, value);
      return value;
    } catch (err) {
      if (isVendorError(err) && row.transcript !== null) {
        log.warn("detail: vendor failed, answering with the indexed copy", { call: id, code: err.code });
        return { detail: toDetail(row, true), vendorRecordingUrl: row.recordingUrl };
      }
      throw err;
    }
  }

  private remember(id: string, value: LiveDetail): void {
    if (this.cache.size >= this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(id, { at: Date.now(), value });
  }
}

export function toDetail(row: IndexedCall, stale: boolean): CallDetail {
  return {
    ...row.summary,
    recordingUrl: row.summary.hasRecording ? `/api/calls/${row.summary.id}/recording` : null,
    transcript: row.transcript ?? [],
    extra: row.extra,
    ...(stale ? { stale: true } : {}),
  };
}
