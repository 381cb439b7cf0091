import { describe, expect, test, vi } from "vitest";

/**
 * Next.js gives each server bundle its own copy of a module, so the error classes exist several times
 * in one process. Here two fresh module graphs stand in for two bundles: an error thrown by one copy
 * must be answered correctly by the other.
 */
async function twoBundles() {
  vi.resetModules();
  const first = {
    errors: await import("./errors"),
    vendor: await import("./vendors/errors"),
    query: await import("./calls/query"),
    config: await import("./config"),
  };
  vi.resetModules();
  const second = {
    errors: await import("./errors"),
    vendor: await import("./vendors/errors"),
    query: await import("./calls/query"),
    config: await import("./config"),
  };
  return { first, second };
}

async function bodyOf(response: Response) {
  return { status: response.status, body: (await response.json()) as { error: { code: string } } };
}

describe("errors keep their meaning across bundles", () => {
  test("the copies really are different classes (instanceof would fail)", async () => {
    const { first, second } = await twoBundles();
    expect(first.errors.AppError).not.toBe(second.errors.AppError);
    expect(new first.errors.AppError("not_found", "x")).not.toBeInstanceOf(second.errors.AppError);
  });

  test("another bundle's not_found is a 404, not a 500", async () => {
    const { first, second } = await twoBundles();
    const answer = await bodyOf(
      second.errors.toErrorResponse(new first.errors.AppError("not_found", "no call")),
    );
    expect(answer).toEqual({ status: 404, body: { error: { code: "not_found", message: "no call" } } });
    expect(second.errors.isAppError(new first.errors.AppError("conflict", "x"))).toBe(true);
  });

  test("another bundle's vendor error and query error keep their status", async () => {
    const { first, second } = await twoBundles();
    const timeout = new first.vendor.VendorError("timeout", "the vendor did not answer");
    expect(second.vendor.isVendorError(timeout)).toBe(true);
    expect((await bodyOf(second.errors.toErrorResponse(timeout))).status).toBe(504);
    const query = new first.query.QueryError("limit", "must be at most 500");
    expect(second.query.isQueryError(query)).toBe(true);
    expect(await bodyOf(second.errors.toErrorResponse(query))).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_query" } },
    });
    expect(second.config.isConfigError(new first.config.ConfigError("bad"))).toBe(true);
  });

  test("a zod error from another copy of zod is a 400; look-alikes without the brand are 500s", async () => {
    const { second } = await twoBundles();
    const zodLike = Object.assign(new Error("x"), {
      name: "ZodError",
      issues: [{ path: ["status"], message: "Invalid option" }],
    });
    expect(await bodyOf(second.errors.toErrorResponse(zodLike))).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_request" } },
    });
    const impostor = Object.assign(new Error("x"), { name: "AppError", code: "not_found" });
    expect((await bodyOf(second.errors.toErrorResponse(impostor))).status).toBe(500);
    // A vendor error is an app error; an app error is not a vendor error.
    expect(second.vendor.isVendorError(new second.errors.AppError("not_found", "x"))).toBe(false);
  });
});
