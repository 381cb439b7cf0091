import "server-only";
import { z } from "zod";
import type { VendorHttp } from "./http";
import type { BaseSource, SourceOf, VendorPlugin, VendorRegistry } from "./plugin";
import { VENDOR_PLUGINS } from "./registry";
import type { VendorAdapter } from "./types";

/**
 * What the rest of the app asks of the vendors, answered from a registry (the app's own by default,
 * a test's when given): the config schema of a source, its adapter, its defaults and its secrets.
 */

export { VENDOR_PLUGINS, type RegisteredSource } from "./registry";

/** The `sources[]` entry schema: one strict object per vendor, chosen by `vendor`. */
export function sourceSchema<R extends VendorRegistry>(vendors: R): z.ZodType<SourceOf<R>> {
  const schemas = vendors.map((plugin) => plugin.config.schema);
  const [first, ...rest] = schemas;
  if (!first) throw new Error("a vendor registry needs at least one vendor");
  return z.discriminatedUnion("vendor", [first, ...rest], {
    error: `must be one of ${vendors.map((plugin) => plugin.id).join(", ")}`,
  }) as unknown as z.ZodType<SourceOf<R>>;
}

/** The plugin of a source's vendor; a vendor the registry lacks cannot have passed the config schema. */
export function pluginOf(source: BaseSource, vendors: VendorRegistry = VENDOR_PLUGINS): VendorPlugin {
  const plugin = vendors.find((candidate) => candidate.id === source.vendor);
  if (!plugin) throw new Error(`no adapter for vendor ${source.vendor}`);
  return plugin;
}

export function createAdapter(
  source: BaseSource,
  timezone: string,
  http: VendorHttp,
  vendors: VendorRegistry = VENDOR_PLUGINS,
): VendorAdapter {
  // The plugin was chosen by this source's own `vendor`, so the source is of its schema.
  const plugin = pluginOf(source, vendors);
  return plugin.createAdapter({ source: source as SourceOf<readonly [typeof plugin]>, timezone, http });
}

/** Documented request limits, used when a source does not set `rateLimitPerSecond`. */
export function defaultRatePerSecond(source: BaseSource, vendors: VendorRegistry = VENDOR_PLUGINS): number {
  return pluginOf(source, vendors).config.defaults.ratePerSecond;
}

/** The credential values of a source (to register as secrets: never logged, never answered). */
export function sourceSecrets(source: BaseSource, vendors: VendorRegistry = VENDOR_PLUGINS): string[] {
  const fields = pluginOf(source, vendors).config.secretFields as readonly string[];
  return fields
    .map((field) => (source as unknown as Record<string, unknown>)[field])
    .filter((value): value is string => typeof value === "string");
}

/** The vendor's base URL as the source configures it (recordings may come from its host). */
export function sourceBaseUrl(source: BaseSource, vendors: VendorRegistry = VENDOR_PLUGINS): string {
  const field = pluginOf(source, vendors).config.baseUrlField as string;
  return String((source as unknown as Record<string, unknown>)[field]);
}
