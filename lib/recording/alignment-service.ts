import "server-only";
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import { CallAlignment, type CallDetail, type Utterance } from "@/lib/model";
import { peakPointsFor } from "@/lib/queries/call";
import type { DetailService } from "@/lib/server/detail-service";
import type { Store } from "@/lib/store";
import { transcriptHash } from "@/lib/transcript/transcript-hash";
import { buildAlignment, withAlignedTiming } from "./alignment-answer";
import type { PeaksService } from "./peaks-service";

/**
 * Audio-aligned timing per call: computed once per recording and transcript and kept in the index
 * (keyed by call id and the transcript's hash, so a changed transcript is aligned again — from the
 * speech features already kept, without downloading the recording again). Concurrent requests for the
 * same call and transcript share one computation. Storing an alignment also stores its metrics on the
 * call, for the list's filters and sorts.
 */
export class AlignmentService {
  private readonly inflight = new Map<string, Promise<CallAlignment>>();
  private key: Buffer | null = null;

  constructor(
    private readonly store: Store,
    private readonly details: DetailService,
    private readonly peaks: PeaksService,
  ) {}

  hashOf(transcript: readonly Utterance[]): string {
    return transcriptHash(transcript, (this.key ??= this.hashKey()));
  }

  /** GET /api/calls/{id}/alignment: for the transcript the detail shows. */
  async forCall(id: string): Promise<CallAlignment> {
    const { detail } = await this.details.get(id);
    if (!detail.hasRecording) throw new AppError("not_found", "this call has no recording");
    return this.align(id, detail.transcript, detail.durationSec);
  }

  /** The background queue: the indexed transcript (the freshest the index has). */
  async analyse(id: string): Promise<CallAlignment> {
    const row = this.details.indexed(id);
    if (!row.summary.hasRecording) throw new AppError("not_found", "this call has no recording");
    return this.align(id, row.transcript ?? [], row.summary.durationSec);
  }

  /** The detail with the aligned times of a cached alignment of its transcript; never computes one. */
  present(detail: CallDetail): CallDetail {
    const hash = this.hashOf(detail.transcript);
    const body = this.store.alignments.get(detail.id, hash);
    return withAlignedTiming(detail, body ? CallAlignment.parse(JSON.parse(body)) : null, hash);
  }

  async align(id: string, transcript: Utterance[], durationSec: number | null): Promise<CallAlignment> {
    const hash = this.hashOf(transcript);
    const cached = this.store.alignments.get(id, hash);
    if (cached) return JSON.parse(cached) as CallAlignment;
    const key = `${id}:${hash}`;
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = this.compute(id, transcript, hash, durationSec).finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  private async compute(
    id: string,
    transcript: Utterance[],
    hash: string,
    durationSec: number | null,
  ): Promise<CallAlignment> {
    // The resolution the call page's waveform asks for: the pass leaves its peaks in the index too.
    const features = await this.peaks.features(id, peakPointsFor((durationSec ?? 0) * 1000));
    const customer = await this.peaks.customerFeatures(id);
    const alignment = CallAlignment.parse(buildAlignment(transcript, hash, features, customer));
    this.store.alignments.put(id, hash, JSON.stringify(alignment), alignment.metrics);
    return alignment;
  }

  /** The index's secret for transcript hashes: made once, kept in settings. */
  private hashKey(): Buffer {
    let hex = this.store.settings.get("transcript_hash_key");
    if (!hex) {
      hex = randomBytes(32).toString("hex");
      this.store.settings.set("transcript_hash_key", hex);
    }
    return Buffer.from(hex, "hex");
  }
}
