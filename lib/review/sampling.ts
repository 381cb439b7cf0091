/**
 * Drawing a review batch: a random sample of the calls a query matches, reproducible from a recorded
 * seed. Pure functions of their inputs (never Math.random), so a batch can be drawn again from its
 * seed and the same index, and tests can pin the outcome.
 */

export interface Candidate {
  id: string;
  /** The stratum: the call's intent (or "none"), or its source. */
  group: string;
}

/** mulberry32: a small, well-mixed 32-bit generator; the same seed always gives the same stream. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct items of `items` in random order (a partial Fisher–Yates shuffle of a copy). */
function pick<T>(items: readonly T[], count: number, random: () => number): T[] {
  const copy = items.slice();
  const n = Math.min(count, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

/**
 * How many of `size` each group gets, in proportion to its share of the matches, by largest
 * remainder: every quota is the floor or the ceiling of its exact share (within one call), and the
 * quotas add up to `size`. Ties in the remainder go to the larger group, then to the group named first.
 */
export function proportionalQuotas(
  groupSizes: ReadonlyMap<string, number>,
  size: number,
): Map<string, number> {
  const total = [...groupSizes.values()].reduce((sum, n) => sum + n, 0);
  const quotas = new Map<string, number>();
  if (total === 0) return quotas;
  const target = Math.min(size, total);
  const rows = [...groupSizes.entries()].map(([group, n]) => {
    const exact = (target * n) / total;
    return { group, n, floor: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let left = target - rows.reduce((sum, row) => sum + row.floor, 0);
  for (const row of rows) quotas.set(row.group, row.floor);
  const order = rows
    .slice()
    .sort(
      (a, b) =>
        b.remainder - a.remainder || b.n - a.n || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0),
    );
  for (const row of order) {
    if (left <= 0) break;
    if (quotas.get(row.group)! < row.n) {
      quotas.set(row.group, quotas.get(row.group)! + 1);
      left--;
    }
  }
  return quotas;
}

/**
 * The batch: `size` calls drawn at random from `candidates` (all of them when fewer match), spread
 * over the groups in proportion when `stratified`. The result keeps the candidates' order (the
 * list's order), which is the order the batch is worked through.
 */
export function drawSample(
  candidates: readonly Candidate[],
  size: number,
  seed: number,
  stratified: boolean,
): string[] {
  if (candidates.length <= size) return candidates.map((candidate) => candidate.id);
  const random = seededRandom(seed);
  let chosen: Candidate[];
  if (!stratified) {
    chosen = pick(candidates, size, random);
  } else {
    const groups = new Map<string, Candidate[]>();
    for (const candidate of candidates) {
      const members = groups.get(candidate.group);
      if (members) members.push(candidate);
      else groups.set(candidate.group, [candidate]);
    }
    const quotas = proportionalQuotas(
      new Map([...groups].map(([group, members]) => [group, members.length])),
      size,
    );
    // Groups are drawn in a fixed order (by name), so the stream of draws, and the sample, depend on the seed alone.
    chosen = [...groups.keys()]
      .sort()
      .flatMap((group) => pick(groups.get(group)!, quotas.get(group) ?? 0, random));
  }
  const picked = new Set(chosen.map((candidate) => candidate.id));
  return candidates.filter((candidate) => picked.has(candidate.id)).map((candidate) => candidate.id);
}
