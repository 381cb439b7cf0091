import { createHmac, randomUUID } from "node:crypto";

/**
 * Aliyun RPC signature, version 1 (HMAC-SHA1), exactly as the POP gateway verifies it:
 * sort the parameters, RFC 3986-encode keys and values, join `k=v` with `&`,
 * StringToSign = METHOD & %2F & encode(joined), Signature = base64(HMAC-SHA1(secret + "&", StringToSign)).
 * Shared by the adapters (to sign) and the simulator (to verify).
 */

export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((key) => key !== "Signature")
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key]!)}`)
    .join("&");
}

export function stringToSign(method: string, params: Record<string, string>): string {
  return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(canonicalQuery(params))}`;
}

export function rpcSignature(
  method: string,
  params: Record<string, string>,
  accessKeySecret: string,
): string {
  return createHmac("sha1", `${accessKeySecret}&`).update(stringToSign(method, params)).digest("base64");
}

/** `2019-03-27T02:34:54Z`: UTC without milliseconds, as the gateway wants it. */
export function aliyunTimestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The full signed parameter set for one request: common parameters + the action's own + Signature. */
export function signRpcRequest(options: {
  method: "GET" | "POST";
  action: string;
  version: string;
  accessKeyId: string;
  accessKeySecret: string;
  params: Record<string, string>;
  now?: Date;
  nonce?: string;
}): Record<string, string> {
  const params: Record<string, string> = {
    ...options.params,
    Action: options.action,
    Version: options.version,
    Format: "JSON",
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    AccessKeyId: options.accessKeyId,
    SignatureNonce: options.nonce ?? randomUUID(),
    Timestamp: aliyunTimestamp(options.now),
  };
  params.Signature = rpcSignature(options.method, params, options.accessKeySecret);
  return params;
}

/** The query string to send: the same encoding the signature was computed over. */
export function toQueryString(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key]!)}`)
    .join("&");
}
