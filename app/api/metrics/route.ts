import { metricsAccess } from "@/lib/metrics/access";
import { metrics } from "@/lib/metrics/registry";
import { otherMethods, route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/**
 * GET /api/metrics — Prometheus text format, for an admin session or `Authorization: Bearer
 * <metricsToken>`. The gauges of the index (calls, quarantine) are read at scrape time.
 */
export const GET = route("public", async ({ req, runtime, session }) => {
  metricsAccess(req, session, runtime.config.metricsToken);
  const { registry, callsIndexed, quarantined } = metrics();
  const calls = await runtime.store.calls.countsBySource();
  const waiting = await runtime.store.quarantine.openCounts();
  for (const id of runtime.sources.keys()) {
    callsIndexed.set({ source: id }, calls.get(id) ?? 0);
    quarantined.set({ source: id }, waiting.get(id) ?? 0);
  }
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
