/**
 * Waveform peak resolutions. One for every screen: enough for a 4K-wide waveform of 2–3 px bars,
 * ~30 KB of JSON for a stereo call. The server computes only the fixed resolutions (each is one full
 * read of the recording, then cached): the shared one and doublings of it, enough for the closest
 * zoom of a long call. No imports: the browser, the server and the bench share it.
 */
export const PEAK_POINTS = 1600;

export const PEAK_RESOLUTIONS = [PEAK_POINTS, 3200, 6400, 12_800, 25_600, 51_200, 102_400] as const;
