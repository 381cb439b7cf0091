import { z } from "zod";
import type { VendorConfig } from "../plugin";
import { HttpUrl, Secret, sourceFields } from "../source-fields";

/** An agent-api source in callscope.config.json: the base URL, the account's user id and its bearer token. */

export const VENDOR = "agent-api";

export const SourceSchema = z.strictObject({
  ...sourceFields,
  vendor: z.literal(VENDOR),
  baseUrl: HttpUrl,
  userId: z.string().min(1),
  token: Secret,
});
export type Source = z.infer<typeof SourceSchema>;

export const config: VendorConfig<typeof SourceSchema> = {
  schema: SourceSchema,
  // The user id is part of every URL (it is not a credential); the token is.
  secretFields: ["token"],
  baseUrlField: "baseUrl",
  defaults: { ratePerSecond: 20 },
};
