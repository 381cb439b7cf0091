import type { z } from "zod";
import type { AdapterContext, VendorAdapter } from "./types";

/**
 * What one vendor folder exports from its index.ts: everything the rest of the app needs to know about
 * the vendor, so that adding one is its folder plus one line in lib/vendors/registry.ts. lib/config.ts
 * builds the `sources` union from the plugins' schemas; the runtime creates adapters and HTTP policies
 * from them; the secret fields are kept out of logs and answers.
 */

/** The fields every source has (lib/vendors/source-fields.ts), whatever its vendor. */
export interface BaseSource {
  id: string;
  name?: string | undefined;
  vendor: string;
  taskIds: string[];
  timezone?: string | undefined;
  rateLimitPerSecond?: number | undefined;
  timeoutMs?: number | undefined;
}

/** A vendor's source schema: a strict object of the common fields, its `vendor` literal and its own. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each vendor's shape is its own
export type SourceSchema = z.ZodObject<any, z.core.$strict> & z.ZodType<BaseSource>;

/** Keys of a source whose values are strings (credentials, base URLs). */
export type StringField<S> = { [K in keyof S]-?: S[K] extends string ? K : never }[keyof S] & string;

export interface VendorDefaults {
  /** The vendor's documented request limit, used when a source does not set `rateLimitPerSecond`. */
  ratePerSecond: number;
}

export interface VendorConfig<Schema extends SourceSchema> {
  /** The source's fields: `sourceFields`, `vendor: z.literal(id)` and the vendor's connection fields. */
  schema: Schema;
  /** Fields whose values are credentials: registered as secrets, never logged or answered. */
  secretFields: readonly StringField<z.output<Schema>>[];
  /** The field holding the vendor's base URL: recordings may come from its host. */
  baseUrlField: StringField<z.output<Schema>>;
  defaults: VendorDefaults;
}

export interface VendorPlugin<Schema extends SourceSchema = SourceSchema> {
  /** The `vendor` value of a source (CONTRACT.md §1). */
  readonly id: z.output<Schema>["vendor"];
  readonly config: VendorConfig<Schema>;
  createAdapter(ctx: AdapterContext<z.output<Schema>>): VendorAdapter;
}

/** A list of plugins: the app's own (lib/vendors/registry.ts) or a test's. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of plugins of different shapes
export type VendorRegistry = readonly VendorPlugin<any>[];

/** The source config any plugin of the registry accepts: the union of their schemas' outputs. */
export type SourceOf<R extends VendorRegistry> = z.output<R[number]["config"]["schema"]>;

/** Type-checks a plugin against its own schema (the id must be the schema's `vendor` literal). */
export function defineVendor<Schema extends SourceSchema>(
  plugin: VendorPlugin<Schema>,
): VendorPlugin<Schema> {
  return plugin;
}
