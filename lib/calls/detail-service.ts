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
 *
 * The cache is this instance's own, but it never answers with a call or a review older than the
 * index, which other instances write too: every answer first reads the call's revision (one indexed
 * read), and a cached detail whose revision is behind is made again from the index — without asking
 * the vendor again, whose fetch is still recent.
 */

export interface LiveDetail {
  detail: CallDetail;
  /** The vendor's own recording URL (signed, expiring): server-side only. */
  vendorRecordingUrl: string | null;
  /** The vendor's customer-only track (Tanyi), when it gives one; null for the indexed copy. */
  vendorCustomerRecordingUrl?: string | null;
}

/** A detail as this instance holds it: `revision` is the index's for the call when the detail was read. */
interface Entry {
  at: number;
  revision: number;
  /** The indexed copy answered for a vendor that failed (or a source no longer configured). */
  stale: boolean;
  value: LiveDetail;
}

interface SourceLike {
  adapter: VendorAdapter;
  /** For messages ("杭州外呼 (hz-robot): the vendor did not answer within 5 s"). */
  config?: Pick<SourceConfig, "id" | "name">;
}

export class DetailService {
  private readonly cache = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Entry>>();

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
    if (!options.fresh && cached && Date.now() - cached.at < this.ttlMs) return this.current(id, cached);
    let running = this.inflight.get(id);
    if (!running) {
      running = this.load(
        id,
        options.deadline ?? new Deadline(this.deadlineMs),
        options.keep ?? true,
      ).finally(() => this.inflight.delete(id));
      this.inflight.set(id, running);
    }
    // A load joined (or just done) read the index before this request's check: checked like a cached one.
    return this.current(id, await running);
  }

  /** `entry`'s detail if the index has not moved on since it was read; else the index's, remembered. */
  private async current(id: string, entry: Entry): Promise<LiveDetail> {
    const revision = await this.store.calls.revision(id);
    if (revision === null) {
      this.forget(id);
      throw new AppError("not_found", `no call with id ${id}`);
    }
    if (revision === entry.revision) return entry.value;
    const row = await this.indexed(id);
    const value: LiveDetail = {
      ...entry.value,
      detail: toDetail(row, entry.stale),
      vendorRecordingUrl: entry.value.vendorRecordingUrl ?? row.recordingUrl,
    };
    // Still the same entry (no newer load replaced it meanwhile): it now holds the index's copy.
    if (this.cache.get(id) === entry) this.cache.set(id, { ...entry, revision: row.revision, value });
    return value;
  }

  /** The indexed call, or a 404 naming the id. */
  async indexed(id: string): Promise<IndexedCall> {
    const row = await this.store.calls.get(id);
    if (!row) throw new AppError("not_found", `no call with id ${id}`);
    return row;
  }

  forget(id: string): void {
    this.cache.delete(id);
  }

  private async load(id: string, deadline: Deadline, keep: boolean): Promise<Entry> {
    const row = await this.indexed(id);
    const indexedCopy = (): Entry => ({
      at: Date.now(),
      revision: row.revision,
      stale: true,
      value: { detail: toDetail(row, true), vendorRecordingUrl: row.recordingUrl },
    });
    const source = this.sources.get(row.summary.sourceId);
    if (!source) return indexedCopy();
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
      const entry: Entry = {
        at: Date.now(),
        revision: updated.revision,
        stale: false,
        value: {
          detail: toDetail(updated, false),
          vendorRecordingUrl: live.recordingUrl ?? updated.recordingUrl,
          vendorCustomerRecordingUrl: live.customerRecordingUrl ?? null,
        },
      };
      if (keep) this.remember(id, entry);
      return entry;
    } catch (err) {
      if (isVendorError(err) && row.transcript !== null) {
        log.warn("detail: vendor failed, answering with the indexed copy", { call: id, code: err.code });
        return indexedCopy();
      }
      throw err;
    }
  }

  private remember(id: string, entry: Entry): void {
    if (this.cache.size >= this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(id, entry);
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
