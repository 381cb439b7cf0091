import { LIST_QUERIES } from "./http-figures";
import type { BenchServer } from "./server";
import { percentile, round, since } from "./stats";

/**
 * One slow query must not stall everyone: `connections` clients ask for list pages back to back
 * (the list's filters and sorts, in turn) for `seconds`, while one more asks GET /api/health every
 * 50 ms. The health check does no index work, so its wait is the server's event loop: what a
 * recording, a page or a sign-in would wait behind the list's counts.
 */
export async function underLoad(server: BenchServer, options: { connections: number; seconds: number }) {
  const headers = { cookie: server.cookie };
  const list: number[] = [];
  const health: number[] = [];
  let failures = 0;
  const started = performance.now();
  const until = started + options.seconds * 1000;

  const client = async (offset: number) => {
    for (let i = offset; performance.now() < until; i++) {
      const start = performance.now();
      const response = await fetch(`${server.url}${LIST_QUERIES[i % LIST_QUERIES.length]}`, { headers });
      await response.arrayBuffer();
      if (response.ok) list.push(since(start));
      else failures++;
    }
  };
  const prober = async () => {
    while (performance.now() < until) {
      const start = performance.now();
      const response = await fetch(`${server.url}/api/health`);
      await response.arrayBuffer();
      health.push(since(start));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await Promise.all([...Array.from({ length: options.connections }, (_, i) => client(i)), prober()]);
  const seconds = since(started) / 1000;
  if (failures) throw new Error(`${failures} list requests failed under load`);
  return {
    requestsPerSecond: Math.round(list.length / seconds),
    list: { p50: round(percentile(list, 50)), p99: round(percentile(list, 99)), n: list.length },
    health: { p50: round(percentile(health, 50)), p99: round(percentile(health, 99)), n: health.length },
  };
}
