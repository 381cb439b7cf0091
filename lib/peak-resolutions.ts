/**
 * Waveform peak resolutions. One for every screen: enough for a 4K-wide waveform of 2–3 px bars,
 * ~30 KB of JSON for a stereo call. The server computes only the fixed resolutions (each is one full
 * read of the recording, then cached): the shared one and doublings of it, enough for the closest
 * zoom of a long call. No imports: the browser, the server and the bench share it.
 */
export const PEAK_POINTS = 1600;

export const PEAK_RESOLUTIONS = [PEAK_POINTS, 3200, 6400, 12_800, 25_600, 51_200, 102_400] as const;

/** Points per second a zoomed-in waveform needs: ~2 bars of 3 px per point at the closest zoom. */
const POINTS_PER_SECOND = 20;

/**
 * How many peak points the call page asks for: the shared resolution, or the next one that serves a
 * long call's zoom. The server's first read of a recording computes this one, so the page's request hits the cache.
 */
export function peakPointsFor(expectedDurationMs: number): number {
  const wanted = Math.ceil((expectedDurationMs / 1000) * POINTS_PER_SECOND);
  return (
    PEAK_RESOLUTIONS.find((points) => points >= wanted) ?? PEAK_RESOLUTIONS[PEAK_RESOLUTIONS.length - 1]!
  );
}
