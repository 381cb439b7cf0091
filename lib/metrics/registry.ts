import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * The process's Prometheus metrics. Next.js bundles each route separately, so a module-level
 * registry would exist once per bundle; the one instance lives on globalThis, like the runtime.
 * This module imports nothing from the app, so any layer may record into it.
 */

export interface Metrics {
  registry: Registry;
  requestSeconds: Histogram<"route" | "method" | "status">;
  vendorRequests: Counter<"source" | "code">;
  vendorErrors: Counter<"source" | "code">;
  vendorSeconds: Histogram<"source" | "code">;
  syncRuns: Counter<"source" | "outcome">;
  syncSeconds: Histogram<"source" | "outcome">;
  callsIndexed: Gauge<"source">;
  quarantined: Gauge<"source">;
  recordingsStreamed: Counter<"status">;
}

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "callscope_process_" });
  const registers = [registry];
  return {
    registry,
    requestSeconds: new Histogram({
      name: "callscope_http_request_duration_seconds",
      help: "API request latency, by route template (never a call id), method and status",
      labelNames: ["route", "method", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    vendorRequests: new Counter({
      name: "callscope_vendor_requests_total",
      help: "HTTP requests to vendors (each attempt), by source and HTTP status or failure kind",
      labelNames: ["source", "code"],
      registers,
    }),
    vendorErrors: new Counter({
      name: "callscope_vendor_errors_total",
      help: "Vendor requests that failed, by source and failure kind (throttled, timeout, unavailable, …)",
      labelNames: ["source", "code"],
      registers,
    }),
    vendorSeconds: new Histogram({
      name: "callscope_vendor_request_duration_seconds",
      help: "Vendor request latency (each attempt, body read included), by source and code",
      labelNames: ["source", "code"],
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 30],
      registers,
    }),
    syncRuns: new Counter({
      name: "callscope_sync_runs_total",
      help: "Sync runs that ended, by source and outcome (done, error, interrupted)",
      labelNames: ["source", "outcome"],
      registers,
    }),
    syncSeconds: new Histogram({
      name: "callscope_sync_duration_seconds",
      help: "Duration of sync runs, by source and outcome",
      labelNames: ["source", "outcome"],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800],
      registers,
    }),
    callsIndexed: new Gauge({
      name: "callscope_calls_indexed",
      help: "Calls in the index, by source",
      labelNames: ["source"],
      registers,
    }),
    quarantined: new Gauge({
      name: "callscope_quarantine_records",
      help: "Vendor records waiting in quarantine (failed validation), by source",
      labelNames: ["source"],
      registers,
    }),
    recordingsStreamed: new Counter({
      name: "callscope_recordings_streamed_total",
      help: "Recording requests answered with audio, by status (200 whole, 206 range)",
      labelNames: ["status"],
      registers,
    }),
  };
}

const KEY = Symbol.for("callscope.metrics");

export function metrics(): Metrics {
  const holder = globalThis as Record<symbol, Metrics | undefined>;
  return (holder[KEY] ??= create());
}
