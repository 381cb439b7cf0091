import { z } from "zod";
import type { VendorConfig } from "../../plugin";
import { HttpUrl, Secret, sourceFields } from "../../source-fields";

/**
 * A made-up fifth vendor, for lib/vendors/registry.test.ts: proof that a vendor is one folder plus
 * one registry line. Its API: `GET {baseUrl}/tasks/{taskId}/calls?page=N` with `X-Api-Key`.
 */

export const VENDOR = "fifth-vendor";

export const SourceSchema = z.strictObject({
  ...sourceFields,
  vendor: z.literal(VENDOR),
  apiBase: HttpUrl,
  apiKey: Secret,
});
export type Source = z.infer<typeof SourceSchema>;

export const config: VendorConfig<typeof SourceSchema> = {
  schema: SourceSchema,
  secretFields: ["apiKey"],
  baseUrlField: "apiBase",
  defaults: { ratePerSecond: 7 },
};
