import "server-only";
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import { CallAlignment, type CallDetail, type Utterance } from "@/lib/model";
import { peakPointsFor } from "@/lib/peak-resolutions";
import type { DetailService } from "@/lib/calls/detail-service";
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
  private key: Promise<Buffer> | null = null;

  constructor(
    private readonly store: Store,
    private readonly details: DetailService,
    private readonly peaks: PeaksService,
  ) {}

  async hashOf(transcript: readonly Utterance[]): Promise<string> {
    return transcriptHash(transcript, await (this.key ??= this.hashKey()));
  }

  /** GET /api/calls/{id}/alignment: for the transcript the detail shows. */
  async forCall(id: string): Promise<CallAlignment> {
    const { detail } = await this.details.get(id);
    if (!detail.hasRecording) throw new AppError("not_found", "this call has no recording");
    return this.align(id, detail.transcript, detail.durationSec);
  }

  /** The background queue: the indexed transcript (the freshest the index has). */
  async analyse(id: string): Promise<CallAlignment> {
    const row = await this.details.indexed(id);
    if (!row.summary.hasRecording) throw new AppError("not_found", "this call has no recording");
    return this.align(id, row.transcript ?? [], row.summary.durationSec, true);
  }

  /** The detail with the aligned times of a cached alignment of its transcript; never computes one. */
  async present(detail: CallDetail): Promise<CallDetail> {
    const hash = await this.hashOf(detail.transcript);
    const body = await this.store.alignments.get(detail.id, hash);
    return withAlignedTiming(detail, body ? CallAlignment.parse(JSON.parse(body)) : null, hash);
  }

  /** `background`: for the queue, whose vendor reads stay out of the interactive detail cache. */
  async align(
    id: string,
    transcript: Utterance[],
    durationSec: number | null,
    background = false,
  ): Promise<CallAlignment> {
    const hash = await this.hashOf(transcript);
    const cached = await this.store.alignments.get(id, hash);
    if (cached) return JSON.parse(cached) as CallAlignment;
    const key = `${id}:${hash}`;
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = this.compute(id, transcript, hash, durationSec, background).finally(() =>
      this.inflight.delete(key),
    );
    this.inflight.set(key, promise);
    return promise;
  }

  private async compute(
    id: string,
    transcript: Utterance[],
    hash: string,
    durationSec: number | null,
    background: boolean,
  ): Promise<CallAlignment> {
    // The resolution the call page's waveform asks for: the pass leaves its peaks in the index too.
    const features = await this.peaks.features(id, peakPointsFor((durationSec ?? 0) * 1000), background);
    const customer = await this.peaks.customerFeatures(id, background);
    const alignment = CallAlignment.parse(buildAlignment(transcript, hash, features, customer));
    await this.store.alignments.put(id, hash, JSON.stringify(alignment), alignment.metrics);
    return alignment;
  }

  /**
   * The index's secret for transcript hashes: made once, kept in settings. Claimed, not set: instances
   * starting together on one database all end up with the first one's key.
   */
  private async hashKey(): Promise<Buffer> {
    const hex = await this.store.settings.claim("transcript_hash_key", randomBytes(32).toString("hex"));
    return Buffer.from(hex, "hex");
  }
}
