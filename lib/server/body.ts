import "server-only";
import type { z } from "zod";
import { AppError, parseOr } from "@/lib/errors";

const MAX_BODY_BYTES = 64 * 1024;

/** A JSON body parsed against `schema`; anything else is a 4xx naming what is wrong, never a 500. */
export async function readJsonBody<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  const type = req.headers.get("content-type") ?? "";
  if (type && !/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError("invalid_body", "body: send JSON (Content-Type: application/json)");
  }
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new AppError("payload_too_large", "body: too large");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("invalid_body", "body: not valid JSON");
  }
  return parseOr(schema, value, "invalid_body");
}
