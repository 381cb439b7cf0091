import { NextRequest } from "next/server";
import { describe, expect, test } from "vitest";
import { proxy } from "@/proxy";

/**
 * A path with a bad percent-escape (`/api/calls/%ZZ`) fails in Next.js's router before any route runs
 * (a plain-text 500); proxy.ts answers it first. That the production build sends such paths through
 * the proxy is checked in e2e/error-statuses.spec.ts.
 */

const at = (pathname: string) => proxy(new NextRequest(`http://localhost:3000${pathname}`));

describe("a path with a bad percent-escape", () => {
  test("is a 400 invalid_request on every API path", async () => {
    for (const pathname of [
      "/api/calls/%ZZ",
      "/api/calls/%ZZ/peaks",
      "/api/calls/%ZZ/review",
      "/api/calls/%ZZ/annotations/1",
      "/api/review-batches/%ZZ",
      "/api/sources/%ZZ/sync",
      "/api/calls/%FF", // hex, but not UTF-8
    ]) {
      const response = at(pathname);
      expect(response.status, pathname).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("invalid_request");
      expect(error.message).toMatch(/path is not valid/);
    }
  });

  test("a page is the app's not-found page, with its script policy", () => {
    for (const pathname of ["/calls/%ZZ", "/reviews/%ZZ"]) {
      const response = at(pathname);
      expect(response.status, pathname).toBe(404);
      expect(new URL(response.headers.get("x-middleware-rewrite")!).pathname).toBe("/_not-found");
      expect(response.headers.get("content-security-policy")).toMatch(/'nonce-/);
    }
  });

  test("an escape that decodes goes on to its route", () => {
    expect(at("/api/calls/%25ZZ").headers.get("x-middleware-next")).toBe("1");
  });
});
