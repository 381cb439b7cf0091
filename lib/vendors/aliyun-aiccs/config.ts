import { z } from "zod";
import type { VendorConfig } from "../plugin";
import { HttpUrl, Secret, sourceFields } from "../source-fields";

/** An AICCS source in callscope.config.json: the RPC endpoint and an Aliyun AccessKey pair. */

export const VENDOR = "aliyun-aiccs";

export const SourceSchema = z.strictObject({
  ...sourceFields,
  vendor: z.literal(VENDOR),
  endpoint: HttpUrl,
  accessKeyId: Secret,
  accessKeySecret: Secret,
});
export type Source = z.infer<typeof SourceSchema>;

export const config: VendorConfig<typeof SourceSchema> = {
  schema: SourceSchema,
  // The AccessKey id names the key (it shows in Aliyun's own logs); the secret signs with it.
  secretFields: ["accessKeySecret"],
  baseUrlField: "endpoint",
  // Aliyun RPC APIs of the same account share Dyvms' documented 100 calls/s per user.
  defaults: { ratePerSecond: 100 },
};
