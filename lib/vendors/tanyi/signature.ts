import { createHash } from "node:crypto";

/**
 * Tanyi's request signature: lowercase hex SHA-256 of UTF-8(tenantSign + "appKey=K&appSecret=S&
 * tenantSign=T&version=v1&timestamp=MS"). Pure and free of `server-only` (like aliyun-rpc-signature)
 * because the simulator verifies with the same formula; neither side ever sends appSecret itself.
 */

export const TANYI_VERSION = "v1";

export interface TanyiCredentials {
  appKey: string;
  appSecret: string;
  tenantSign: string;
}

export function tanyiSignature(credentials: TanyiCredentials, timestamp: string): string {
  const { appKey, appSecret, tenantSign } = credentials;
  const joined = `appKey=${appKey}&appSecret=${appSecret}&tenantSign=${tenantSign}&version=${TANYI_VERSION}&timestamp=${timestamp}`;
  return createHash("sha256")
    .update(tenantSign + joined, "utf8")
    .digest("hex");
}

/** The headers of one signed request; `timestamp` is ms since the epoch, taken afresh for every attempt. */
export function tanyiSignedHeaders(credentials: TanyiCredentials, timestamp: number): Record<string, string> {
  const ms = String(Math.floor(timestamp));
  return {
    appKey: credentials.appKey,
    version: TANYI_VERSION,
    timestamp: ms,
    signature: tanyiSignature(credentials, ms),
    // Not in the documented set, but some deployments route tenants by it. appSecret never leaves the process.
    tenantSign: credentials.tenantSign,
  };
}
