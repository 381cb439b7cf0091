import "server-only";
import { AppError } from "@/lib/errors";
import { Deadline } from "@/lib/vendors/deadline";
import type { DetailService, LiveDetail } from "@/lib/server/detail-service";
import { fetchRecording, type UpstreamAudio } from "./fetch-recording";
import type { HostPolicy } from "./host-policy";

/**
 * The recording of a call, from its vendor: the signed URL stays on the server. Signed URLs expire
 * (Dyvms: 48 h; OSS answers 403 after) — then the detail is fetched again for a fresh URL, once.
 * Everything until the audio's first byte shares one interactive deadline (lib/server/deadline.ts);
 * the audio itself then streams for as long as it takes.
 *
 * A call may have a second track (`customer`: the customer's side alone, Tanyi's customerAudioUrl),
 * resolved and refreshed the same way; a call without one answers not_found for it.
 */
export type RecordingTrack = "full" | "customer";

function trackUrl(detail: LiveDetail, track: RecordingTrack): string | null {
  return track === "customer" ? (detail.vendorCustomerRecordingUrl ?? null) : detail.vendorRecordingUrl;
}

export class RecordingService {
  constructor(
    private readonly details: DetailService,
    private readonly policy: HostPolicy,
  ) {}

  async open(
    id: string,
    range: string | null,
    signal?: AbortSignal,
    track: RecordingTrack = "full",
  ): Promise<UpstreamAudio> {
    const deadline = new Deadline();
    const first = await this.details.get(id, { deadline });
    const url = trackUrl(first, track);
    if (!first.detail.hasRecording || !url) {
      throw new AppError(
        "not_found",
        track === "full" ? "this call has no recording" : "this call has no customer-only track",
      );
    }
    const deadlineAt = Date.now() + deadline.remainingMs;
    let upstream = await fetchRecording(url, {
      policy: this.policy,
      range,
      signal,
      deadlineAt,
    });
    if (upstream.status === 403 || upstream.status === 401) {
      upstream.body.destroy();
      const fresh = await this.details.get(id, { fresh: true, deadline });
      const freshUrl = trackUrl(fresh, track);
      if (!freshUrl) throw new AppError("not_found", "the vendor no longer has a recording for this call");
      upstream = await fetchRecording(freshUrl, {
        policy: this.policy,
        range,
        signal,
        deadlineAt,
      });
    }
    if ([200, 206, 416].includes(upstream.status)) return upstream;
    upstream.body.destroy();
    if (upstream.status === 404)
      throw new AppError("not_found", "the vendor has no recording file for this call");
    if (upstream.status === 403 || upstream.status === 401) {
      throw new AppError("vendor_auth", "the recording link was refused even after fetching a fresh one");
    }
    if (upstream.status >= 500)
      throw new AppError("vendor_unavailable", `the recording host answered HTTP ${upstream.status}`);
    throw new AppError("vendor_error", `the recording host answered HTTP ${upstream.status}`);
  }
}
