import "server-only";
import { Readable } from "node:stream";
import { isUnsupportedAudio, peaksFromStream, type PeaksAndSpeech, type PeaksData } from "@/lib/audio/peaks";
import { decodeFeatures, encodeFeatures, type SpeechFeatures } from "@/lib/audio/speech";
import { isWavError } from "@/lib/audio/wav";
import { AppError, isAppError } from "@/lib/errors";
import type { Store } from "@/lib/store";
import type { RecordingService, RecordingTrack } from "./recording-service";

/**
 * Peaks per call and resolution, computed once from the streamed recording and cached in the index;
 * concurrent requests for the same call share one computation.
 *
 * The first pass over a call's recording also computes its speech features (lib/audio/speech.ts) and
 * keeps them, so the alignment never downloads the recording a second time: it joins the pass under
 * way (the call page asks for peaks and alignment at once) or, when nothing has read the recording
 * yet, starts the pass itself at the waveform's resolution, leaving the peaks the page will ask for.
 */
export class PeaksService {
  private readonly inflight = new Map<string, Promise<PeaksData>>();
  /** Per call: the pass that is computing its features, and at which resolution. */
  private readonly featurePasses = new Map<string, { resolution: number; promise: Promise<PeaksData> }>();

  constructor(
    private readonly store: Store,
    private readonly recordings: RecordingService,
  ) {}

  async get(id: string, points: number | null): Promise<PeaksData> {
    const resolution = points ?? 0;
    const cached = await this.store.peaks.get(id, resolution);
    if (cached) return JSON.parse(cached) as PeaksData;
    const key = `${id}:${resolution}`;
    const running = this.inflight.get(key);
    if (running) return running;
    const pass = this.featurePasses.get(id);
    if (pass?.resolution === resolution) return pass.promise;
    const withFeatures = !pass && (await this.store.alignments.features(id, "full")) === null;
    // Another request may have started this very pass while the index answered.
    const started = this.inflight.get(key) ?? this.featurePasses.get(id);
    if (started && (started instanceof Promise || started.resolution === resolution))
      return started instanceof Promise ? started : started.promise;
    const promise = this.pass(id, points, withFeatures).finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  /**
   * The recording's speech features: from the index, from the pass already reading the recording, or
   * from a new pass at `points` (the resolution the waveform will ask for).
   */
  async features(id: string, points: number | null, background = false): Promise<SpeechFeatures> {
    const cached = await this.cachedFeatures(id, "full");
    if (cached) return cached;
    const running = this.featurePasses.get(id);
    await (running?.promise ?? this.pass(id, points, true, background));
    const stored = await this.cachedFeatures(id, "full");
    if (!stored) throw new AppError("vendor_bad_response", "the recording's speech could not be read");
    return stored;
  }

  /**
   * The features of the call's customer-only track (null: it has none). Read once, then kept — an empty
   * entry when the call has no such track, so it is not asked for again.
   */
  async customerFeatures(id: string, background = false): Promise<SpeechFeatures | null> {
    const cached = await this.store.alignments.features(id, "customer");
    if (cached) return cached.length ? decodeFeatures(cached) : null;
    try {
      const { features } = await this.compute(id, 200, true, "customer", background);
      await this.store.alignments.putFeatures(id, "customer", encodeFeatures(features!));
      return features!;
    } catch (err) {
      if (!isAppError(err) || err.code !== "not_found") throw err;
      await this.store.alignments.putFeatures(id, "customer", new Uint8Array(0));
      return null;
    }
  }

  /** Features of a track already in the index; null when not (or when the track does not exist). */
  async cachedFeatures(id: string, track: RecordingTrack): Promise<SpeechFeatures | null> {
    const body = await this.store.alignments.features(id, track);
    return body && body.length ? decodeFeatures(body) : null;
  }

  /** One read of the recording: peaks at `points` (cached), and its features when asked (cached too). */
  private pass(
    id: string,
    points: number | null,
    withFeatures: boolean,
    background = false,
  ): Promise<PeaksData> {
    const resolution = points ?? 0;
    const promise = this.compute(id, points, withFeatures, "full", background).then(
      async ({ features, ...peaks }) => {
        await this.store.peaks.put(id, resolution, JSON.stringify(peaks));
        if (features) await this.store.alignments.putFeatures(id, "full", encodeFeatures(features));
        return peaks;
      },
    );
    if (withFeatures) {
      const entry = { resolution, promise };
      this.featurePasses.set(id, entry);
      const forget = () => {
        if (this.featurePasses.get(id) === entry) this.featurePasses.delete(id);
      };
      promise.then(forget, forget);
    }
    return promise;
  }

  private async compute(
    id: string,
    points: number | null,
    features: boolean,
    track: RecordingTrack,
    background = false,
  ): Promise<PeaksAndSpeech> {
    const upstream = await this.recordings.open(id, null, undefined, track, background);
    const size = Number(upstream.headers["content-length"]);
    try {
      return await peaksFromStream(upstream.body as Readable & AsyncIterable<Uint8Array>, {
        size: Number.isFinite(size) && size > 0 ? size : null,
        points,
        features,
      });
    } catch (err) {
      if (isUnsupportedAudio(err)) throw new AppError("vendor_bad_response", err.message, { cause: err });
      if (isWavError(err)) {
        throw new AppError("vendor_bad_response", `the recording is not readable audio (${err.message})`, {
          cause: err,
        });
      }
      throw err;
    } finally {
      upstream.body.destroy();
    }
  }
}
