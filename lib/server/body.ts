import "server-only";
import type { z } from "zod";
import { AppError, parseOr } from "@/lib/errors";
import { log } from "@/lib/log";

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The body's bytes, counted while they arrive: past `limit` the read stops and the request is a
 * 413, so a 300 MB upload costs the server 64 KB, not 300 MB (a declared Content-Length over the
 * limit is refused before reading anything).
 */
export async function readBodyBytes(req: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  const tooLarge = () => new AppError("payload_too_large", `body: larger than ${limit / 1024} KB`);
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read().catch((err: unknown) => {
      throw notWhole(err);
    });
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/**
 * Reading the body fails only when the client's connection does (it went away mid-upload): the
 * client's doing, not a fault here, so a 400 (which nobody is left to read) and a debug line, never
 * a logged 500.
 */
function notWhole(cause: unknown): AppError {
  log.debug("request body not received whole", { error: cause instanceof Error ? cause : String(cause) });
  return new AppError("invalid_request", "body: the request body was not received whole", { cause });
}

/** A JSON body parsed against `schema`; anything else is a 4xx naming what is wrong, never a 500. */
export async function readJsonBody<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  const type = req.headers.get("content-type") ?? "";
  if (type && !/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError("invalid_body", "body: send JSON (Content-Type: application/json)");
  }
  const bytes = await readBodyBytes(req);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new AppError("invalid_body", "body: not valid JSON");
  }
  return parseOr(schema, value, "invalid_body");
}
