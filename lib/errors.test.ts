import { describe, expect, test } from "vitest";
import { z } from "zod";
import { QueryError } from "./calls/query";
import { AppError, parseOr, toErrorResponse } from "./errors";
import { registerSecret } from "./secrets";
import { VendorError } from "./vendors/errors";

async function answer(err: unknown) {
  const response = toErrorResponse(err);
  return {
    status: response.status,
    body: (await response.json()) as { error: { code: string; message: string } },
  };
}

describe("one error body for every route", () => {
  test("a zod failure on a body is a 400 naming the field", async () => {
    const schema = z.object({ review: z.object({ status: z.enum(["reviewed", "flagged"]) }) });
    let caught: unknown;
    try {
      parseOr(schema, { review: { status: "done" } }, "invalid_body");
    } catch (err) {
      caught = err;
    }
    const { status, body } = await answer(caught);
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_body");
    expect(body.error.message).toMatch(/^review\.status: /);
  });

  test("a bare ZodError is a 400 too, never a 500", async () => {
    const result = z.object({ limit: z.number() }).safeParse({ limit: "x" });
    const { status, body } = await answer(result.error);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/^limit: /);
  });

  test("a bad query parameter is invalid_query naming the parameter", async () => {
    const { status, body } = await answer(new QueryError("roundsMin", '"abc" is not a number'));
    expect({ status, body }).toEqual({
      status: 400,
      body: { error: { code: "invalid_query", message: 'roundsMin: "abc" is not a number' } },
    });
  });

  test("vendor failures are 502 (504 for a timeout) with the vendor's words and no secret", async () => {
    registerSecret("super-secret-signing-key");
    const rejected = await answer(
      new VendorError("rejected", "杭州外呼: 任务不存在 (5002) key=super-secret-signing-key"),
    );
    expect(rejected.status).toBe(502);
    expect(rejected.body.error.code).toBe("vendor_error");
    expect(rejected.body.error.message).toBe("杭州外呼: 任务不存在 (5002) key=[redacted]");
    expect((await answer(new VendorError("timeout", "x"))).status).toBe(504);
    expect((await answer(new VendorError("throttled", "x"))).status).toBe(502);
    expect((await answer(new VendorError("unavailable", "x"))).body.error.code).toBe("vendor_unavailable");
    expect((await answer(new VendorError("bad_response", "x"))).body.error.code).toBe("vendor_bad_response");
  });

  test("anything unexpected is a 500 that shows no internals", async () => {
    const { status, body } = await answer(
      new TypeError("Cannot read properties of undefined (reading 'db') at /work/main/lib/x.ts:12"),
    );
    expect(status).toBe(500);
    expect(body.error.code).toBe("internal");
    expect(body.error.message).not.toMatch(/undefined|\/work|\.ts/);
  });

  test("app errors keep their status and headers", async () => {
    const response = toErrorResponse(
      new AppError("too_many_requests", "slow down", { headers: { "retry-after": "30" } }),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("30");
  });
});
