import "server-only";
import type { CallSummary } from "@/lib/model";
import type { Store } from "@/lib/store";
import type { DailyRow, Dropoff, IntentAgreement } from "@/lib/store/analytics";
import type { LabelCounts } from "@/lib/store/annotations";
import type { BatchDetail, NewBatch } from "@/lib/store/batches";
import { filtersOf, type CallQuery } from "./query";

/**
 * The call list as the routes and pages read it: list, stats, neighbors and export over the index, the
 * analytics of a list's calls, and review batches drawn from a list, all in the deployment's time zone
 * (which decides what a `from`/`to` date and a day mean), so no caller passes it by hand.
 * Thin on purpose: each method is one call of the (asynchronous: SQLite or PostgreSQL) store. Numbers are masked later, at lib/server/present.ts.
 */

export type CallPage = {
  items: CallSummary[];
  total: number;
  totalIsEstimate?: true;
  nextCursor: string | null;
};
export type CallStatsAnswer = Awaited<ReturnType<Store["calls"]["stats"]>>;

/** One chunk of an export: its calls in list order and their annotation counts (one query per chunk). */
export interface ExportBatch {
  calls: CallSummary[];
  annotations: Map<string, LabelCounts>;
}

export class CallsService {
  constructor(
    private readonly store: Store,
    /** The deployment's time zone (config `timezone`). */
    readonly timeZone: string,
  ) {}

  /** One page of `query`, with the total for its filters. */
  async list(query: CallQuery): Promise<CallPage> {
    return this.store.calls.list(query, this.timeZone);
  }

  /** The summary bar of `query`'s filters (its sort, limit and cursor play no part); see CallRepository.stats. */
  async stats(query: CallQuery, options?: { exactFilters?: boolean }): Promise<CallStatsAnswer> {
    return this.store.calls.stats(filtersOf(query), this.timeZone, options);
  }

  /** The calls before and after `id` in `query`'s order; null when there is no call `id`. */
  async neighbors(
    id: string,
    query: CallQuery,
  ): Promise<{ prev: string | null; next: string | null } | null> {
    return this.store.calls.neighbors(id, query, this.timeZone);
  }

  /**
   * Every call of `query` from its first page on, `size` at a time: memory stays flat however many
   * match. Stopping early (`return()`, a cancelled download) stops reading the index.
   */
  async *export(query: CallQuery, size: number): AsyncGenerator<ExportBatch, void, undefined> {
    let batch: CallSummary[] = [];
    for await (const call of this.store.calls.iterate({ ...query, cursor: null }, this.timeZone, size)) {
      batch.push(call);
      if (batch.length < size) continue;
      yield await this.withAnnotations(batch);
      batch = [];
    }
    if (batch.length) yield await this.withAnnotations(batch);
  }

  /** Where the answered calls of `query`'s filters lose the customer: by round and by the robot's last line. */
  async dropoff(query: CallQuery): Promise<Dropoff> {
    return this.store.analytics.dropoff(filtersOf(query), this.timeZone);
  }

  /** One row per day (in the deployment's time zone) of `query`'s filters, oldest first. */
  async daily(query: CallQuery): Promise<DailyRow[]> {
    return this.store.analytics.daily(filtersOf(query), this.timeZone);
  }

  /** The vendor's intent against the reviewers' over `query`'s filters. */
  async intentAgreement(query: CallQuery): Promise<IntentAgreement> {
    return this.store.analytics.intentAgreement(filtersOf(query), this.timeZone);
  }

  /** Draws a review batch from `input.query`'s calls and records it, as `by`. */
  async drawBatch(input: NewBatch, by: string): Promise<BatchDetail> {
    return this.store.batches.create(input, this.timeZone, by);
  }

  /** `callscope-calls-20261120-1405.csv`: when the export was made, in the deployment's time zone. */
  exportFileName(now: Date): string {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat("en-CA", {
        timeZone: this.timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      })
        .formatToParts(now)
        .map((part) => [part.type, part.value]),
    );
    return `callscope-calls-${parts.year}${parts.month}${parts.day}-${parts.hour}${parts.minute}.csv`;
  }

  private async withAnnotations(calls: CallSummary[]): Promise<ExportBatch> {
    return { calls, annotations: await this.store.annotations.countsFor(calls.map((call) => call.id)) };
  }
}
