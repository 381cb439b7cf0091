import http from "node:http";
import type { BenchServer } from "./server";
import { percentile, round } from "./stats";

/**
 * The list under load: `connections` clients each sending list requests back to back (keep-alive,
 * one request at a time per connection) for `seconds`, while one more connection asks for
 * /api/health every 20 ms: throughput and tail latency of the list, and whether the server still
 * answers a trivial request promptly meanwhile (the event loop is not blocked by the index).
 * node:http, not fetch: the client shares the machine's cores with the server being measured.
 */
export async function underLoad(
  server: BenchServer,
  paths: string[],
  options: { connections: number; seconds: number },
) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections + 1 });
  const url = new URL(server.url);
  const request = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const start = performance.now();
      const req = http.get(
        { host: url.hostname, port: url.port, path, agent, headers: { cookie: server.cookie } },
        (response) => {
          response.resume();
          response.on("end", () =>
            response.statusCode === 200
              ? resolve(performance.now() - start)
              : reject(new Error(`${path}: HTTP ${response.statusCode}`)),
          );
          response.on("error", reject);
        },
      );
      req.on("error", reject);
    });

  // Warm-up: each path once, outside the measured window.
  for (const path of paths) await request(path);
  const list: number[] = [];
  const health: number[] = [];
  const until = performance.now() + options.seconds * 1000;
  let next = 0;
  const client = async () => {
    while (performance.now() < until) list.push(await request(paths[next++ % paths.length]!));
  };
  const probe = async () => {
    while (performance.now() < until) {
      health.push(await request("/api/health"));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const started = performance.now();
  await Promise.all([...Array.from({ length: options.connections }, client), probe()]);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    requestsPerSecond: round(list.length / elapsed, 1),
    listP50: round(percentile(list, 50), 1),
    listP99: round(percentile(list, 99), 1),
    healthP50: round(percentile(health, 50), 1),
    healthP99: round(percentile(health, 99), 1),
    requests: list.length,
    probes: health.length,
    seconds: round(elapsed, 1),
  };
}
