import { z } from "zod";
import type { RouteGroup } from "../spec";

export const meta: RouteGroup = {
  tag: "Service",
  description: "Liveness, this reference, and metrics for monitoring.",
  operations: [
    {
      method: "get",
      path: "/api/health",
      summary: "Liveness",
      description: "Answers without touching the index or any vendor.",
      access: "public",
      answers: { 200: { description: "the server can serve", schema: z.object({ ok: z.literal(true) }) } },
    },
    {
      method: "get",
      path: "/api/openapi.json",
      summary: "This API, described (OpenAPI 3.1)",
      description:
        "Generated from the zod schemas the routes validate with. Read it as a page at `/api-docs`.",
      access: "operator",
      answers: {
        200: {
          description: "the OpenAPI document",
          schema: z
            .object({ openapi: z.string(), info: z.object({}).loose(), paths: z.object({}).loose() })
            .loose(),
        },
      },
    },
    {
      method: "get",
      path: "/api/metrics",
      summary: "Metrics (Prometheus text format)",
      description:
        "Request latency by route; vendor requests, errors and latency by source and code; sync runs and " +
        "their duration; calls indexed; quarantine size; recordings streamed. For an admin session, or " +
        "`Authorization: Bearer <metricsToken>` (config `metricsToken`).",
      access: "admin-or-token",
      answers: {
        200: { description: "Prometheus exposition format 0.0.4", media: "text/plain; version=0.0.4" },
      },
    },
  ],
};
