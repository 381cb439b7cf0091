import fs from "node:fs";
import path from "node:path";
import type { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as unknownPath from "@/app/api/[[...path]]/route";
import type { Runtime } from "@/lib/server/runtime";
import { installRuntime } from "@/lib/server/runtime";
import { createTestRuntime, paramsOf, requestAs } from "@/lib/testing/runtime";

/**
 * Unknown API paths and methods answer the one error body, not Next.js's HTML 404 page or empty 405.
 * That the catch-all shadows no real route is Next.js's routing: e2e/error-statuses.spec.ts.
 */

let runtime: Runtime;
beforeAll(async () => {
  runtime = await createTestRuntime();
});
afterAll(async () => {
  await runtime.close();
  installRuntime(null);
});

type Handler = (req: NextRequest, context: { params: Promise<unknown> }) => Promise<Response>;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

async function errorOf(response: Response): Promise<{ status: number; code: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, code: body.error.code };
}

describe("unknown API paths and methods", () => {
  test("an unknown /api path is a 404 not_found for every method", async () => {
    for (const method of [...METHODS, "OPTIONS"] as const) {
      const handler = unknownPath[method as keyof typeof unknownPath] as Handler;
      const response = await handler(await requestAs(null, "/api/no/such/thing", { method }), paramsOf({}));
      expect(await errorOf(response), method).toEqual({ status: 404, code: "not_found" });
    }
  });

  const root = path.resolve(import.meta.dirname, "..");
  const routeFiles = fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith("route.ts") && !file.startsWith("[[...path]]"));

  test.each(routeFiles)("%s: a method it does not serve is a 405 naming the ones it does", async (file) => {
    const handlers = (await import(path.join(root, file))) as Record<string, unknown>;
    const answers = new Map<string, Response>();
    for (const method of METHODS) {
      // Not exported, Next.js would answer an empty 405 of its own.
      expect(handlers[method], `${file} exports ${method}`).toBeTypeOf("function");
      const req = await requestAs(null, `/api/${file}`, { method });
      answers.set(method, await (handlers[method] as Handler)(req, paramsOf({ id: "x", annotationId: "1" })));
    }
    const served = METHODS.filter((method) => answers.get(method)!.status !== 405);
    expect(served.length).toBeGreaterThan(0);
    const allow = [...served, ...(served.includes("GET") ? ["HEAD"] : []), "OPTIONS"].sort().join(", ");
    for (const [method, response] of answers) {
      if (served.includes(method)) continue;
      expect(response.headers.get("allow"), method).toBe(allow);
      expect(await errorOf(response)).toEqual({ status: 405, code: "method_not_allowed" });
    }
    const options = await (handlers.OPTIONS as Handler)(
      await requestAs(null, `/api/${file}`, { method: "OPTIONS" }),
      paramsOf({}),
    );
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe(allow);
  });
});
