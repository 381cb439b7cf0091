import "server-only";
import { Readable } from "node:stream";
import { isUnsupportedAudio, peaksFromStream, type PeaksData } from "@/lib/audio/peaks";
import { isWavError } from "@/lib/audio/wav";
import { AppError } from "@/lib/errors";
import type { Store } from "@/lib/store";
import type { RecordingService } from "./recording-service";

/**
 * Peaks per call and resolution, computed once from the streamed recording and cached in the index;
 * concurrent requests for the same call share one computation.
 */
export class PeaksService {
  private readonly inflight = new Map<string, Promise<PeaksData>>();

  constructor(
    private readonly store: Store,
    private readonly recordings: RecordingService,
  ) {}

  async get(id: string, points: number | null): Promise<PeaksData> {
    const resolution = points ?? 0;
    const cached = this.store.peaks.get(id, resolution);
    if (cached) return JSON.parse(cached) as PeaksData;
    const key = `${id}:${resolution}`;
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = this.compute(id, points)
      .then((peaks) => {
        this.store.peaks.put(id, resolution, JSON.stringify(peaks));
        return peaks;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  private async compute(id: string, points: number | null): Promise<PeaksData> {
    const upstream = await this.recordings.open(id, null);
    const size = Number(upstream.headers["content-length"]);
    try {
      return await peaksFromStream(upstream.body as Readable & AsyncIterable<Uint8Array>, {
        size: Number.isFinite(size) && size > 0 ? size : null,
        points,
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
