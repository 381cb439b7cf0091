import { z } from "zod";
import type { VendorConfig } from "../plugin";
import { HttpUrl, Secret, sourceFields } from "../source-fields";

/** A Tanyi source in callscope.config.json: the openapi base URL and the three signing credentials. */

export const VENDOR = "tanyi";

export const SourceSchema = z.strictObject({
  ...sourceFields,
  vendor: z.literal(VENDOR),
  baseUrl: HttpUrl,
  appKey: Secret,
  appSecret: Secret,
  tenantSign: Secret,
});
export type Source = z.infer<typeof SourceSchema>;

export const config: VendorConfig<typeof SourceSchema> = {
  schema: SourceSchema,
  // All three go into every request's signature; any one of them alone helps an impostor.
  secretFields: ["appSecret", "appKey", "tenantSign"],
  baseUrlField: "baseUrl",
  defaults: { ratePerSecond: 20 },
};
