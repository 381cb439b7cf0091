import "server-only";
import type { SourceConfig } from "@/lib/config";
import { createAgentApiAdapter } from "./agent-api/client";
import { createAliyunAiccsAdapter } from "./aliyun-aiccs/client";
import { createAliyunDyvmsAdapter } from "./aliyun-dyvms/client";
import type { VendorHttp } from "./http";
import { createTanyiAdapter } from "./tanyi/client";
import type { VendorAdapter } from "./types";

/**
 * The registry: one adapter per vendor. The `never` default makes a new vendor in the config's
 * union a compile error here until it has an adapter.
 */
export function createAdapter(source: SourceConfig, timezone: string, http: VendorHttp): VendorAdapter {
  switch (source.vendor) {
    case "aliyun-dyvms":
      return createAliyunDyvmsAdapter({ source, timezone, http });
    case "aliyun-aiccs":
      return createAliyunAiccsAdapter({ source, timezone, http });
    case "tanyi":
      return createTanyiAdapter({ source, timezone, http });
    case "agent-api":
      return createAgentApiAdapter({ source, timezone, http });
    default: {
      const unhandled: never = source;
      throw new Error(`no adapter for vendor ${(unhandled as SourceConfig).vendor}`);
    }
  }
}

/** Documented request limits, used when a source does not set `rateLimitPerSecond`. */
export function defaultRatePerSecond(source: SourceConfig): number {
  switch (source.vendor) {
    case "aliyun-dyvms":
    case "aliyun-aiccs":
      return 100; // QueryRobotTaskCallList allows 100 calls/s per user
    case "tanyi":
      return 20;
    case "agent-api":
      return 20;
    default: {
      const unhandled: never = source;
      return unhandled;
    }
  }
}
