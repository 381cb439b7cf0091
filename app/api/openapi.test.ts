import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as auditRoute } from "@/app/api/audit/route";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { GET as session } from "@/app/api/auth/session/route";
import { GET as neighbors } from "@/app/api/calls/[id]/neighbors/route";
import { GET as peaks } from "@/app/api/calls/[id]/peaks/route";
import { PATCH as review } from "@/app/api/calls/[id]/review/route";
import { GET as detail } from "@/app/api/calls/[id]/route";
import { GET as list } from "@/app/api/calls/route";
import { GET as stats } from "@/app/api/calls/stats/route";
import { DELETE as clearFaults, POST as addFaults } from "@/app/api/demo/faults/route";
import { GET as health } from "@/app/api/health/route";
import { GET as openapi } from "@/app/api/openapi.json/route";
import { POST as reprocess } from "@/app/api/quarantine/reprocess/route";
import { GET as quarantine } from "@/app/api/quarantine/route";
import { POST as sync } from "@/app/api/sources/[id]/sync/route";
import { GET as sources } from "@/app/api/sources/route";
import { hashPassword } from "@/lib/auth/password";
import { EMPTY_QUERY } from "@/lib/calls/query";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { paramsOf, requestAs } from "@/lib/testing/runtime";
import { startSimulatedRuntime } from "@/lib/testing/simulated-runtime";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const document = buildOpenApiDocument() as Json;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Every `app/api/**\/route.ts` on disk as `METHOD /api/path/{param}`, from the files themselves. */
function routesOnDisk(): string[] {
  const root = join(process.cwd(), "app", "api");
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      // The catch-all answers unknown paths with a 404: no operation of the API.
      if (entry.isDirectory()) {
        if (entry.name !== "[[...path]]") walk(path);
      } else if (entry.name === "route.ts") {
        const url =
          "/api/" +
          relative(root, dir)
            .split(sep)
            .map((part) => part.replace(/^\[(\w+)\]$/, "{$1}"))
            .join("/");
        const source = readFileSync(path, "utf8");
        const methods = METHODS.filter((method) =>
          new RegExp(`export\\s+(const|(async\\s+)?function)\\s+${method}\\b`).test(source),
        );
        expect(methods, `${path} exports no handler`).not.toHaveLength(0);
        for (const method of methods) found.push(`${method} ${url.replace(/\/$/, "")}`);
      }
    }
  };
  walk(root);
  return found.sort();
}

/** Path parameters are compared without their names (`{id}` and `{callId}` are the same route). */
const shape = (route: string) => route.replace(/\{\w+\}/g, "{}");

const described = Object.entries(document.paths as Json).flatMap(([path, item]) =>
  Object.keys(item as Json).map((method) => `${method.toUpperCase()} ${path}`),
);

describe("the OpenAPI document", () => {
  test("describes every route handler on disk, with each method it exports", () => {
    const onDisk = routesOnDisk();
    expect(onDisk.length).toBeGreaterThanOrEqual(19);
    const missing = onDisk.filter((route) => !described.map(shape).includes(shape(route)));
    expect(missing).toEqual([]);
  });

  test("describes the contract's routes other branches are building (CONTRACT §3)", () => {
    for (const route of [
      "GET /api/calls/{id}/annotations",
      "POST /api/calls/{id}/annotations",
      "DELETE /api/calls/{id}/annotations/{annotationId}",
      "POST /api/review-batches",
      "GET /api/review-batches",
      "GET /api/review-batches/{id}",
      "GET /api/review-batches/{id}/next",
      "GET /api/analytics/dropoff",
      "GET /api/analytics/intent-agreement",
      "GET /api/analytics/daily",
      "GET /api/metrics",
    ]) {
      expect(described).toContain(route);
    }
    const calls = document.paths["/api/calls"].get;
    const names = calls.parameters.map((parameter: Json) => parameter.name);
    expect(names).toEqual(expect.arrayContaining(["alert", "annotation"]));
    const summary = calls.responses["200"].content["application/json"].schema.properties.items.items;
    expect(summary.properties.alerts).toMatchObject({ type: "array", items: { type: "string" } });
    const utterance =
      document.paths["/api/calls/{id}"].get.responses["200"].content["application/json"].schema.properties
        .transcript.items;
    expect(utterance.properties.timing.enum).toContain("aligned");
    expect(utterance.properties.confidence).toMatchObject({ type: "number", minimum: 0, maximum: 1 });
  });

  test("names every list parameter the query parser reads", () => {
    const names = document.paths["/api/calls"].get.parameters.map((parameter: Json) => parameter.name);
    expect(names).toEqual(expect.arrayContaining(Object.keys(EMPTY_QUERY)));
    const bad = document.paths["/api/calls"].get.parameters.find((p: Json) => p.name === "limit");
    expect(bad.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 500 });
  });

  test("is OpenAPI 3.1 whose every schema compiles as JSON Schema 2020-12", () => {
    expect(document.openapi).toBe("3.1.0");
    const ajv = addFormats(new Ajv2020({ strict: false }));
    ajv.addSchema({ $id: "doc", ...document });
    let schemas = 0;
    for (const [path, item] of Object.entries(document.paths as Json)) {
      for (const [method, op] of Object.entries(item as Json)) {
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        for (const answer of Object.values(op.responses as Json)) {
          for (const media of Object.values((answer.content ?? {}) as Json)) {
            if (media.schema?.$ref) continue;
            ajv.compile(media.schema);
            schemas++;
          }
        }
      }
    }
    expect(schemas).toBeGreaterThan(20);
    // The schemas say something: a call without its id, or an unknown intent, does not pass.
    const listSchema = document.paths["/api/calls"].get.responses["200"].content["application/json"].schema;
    const validate = ajv.compile(listSchema);
    expect(validate({ items: [], total: 0, nextCursor: null })).toBe(true);
    expect(validate({ items: [{ intent: "Z" }], total: 1, nextCursor: null })).toBe(false);
    expect(validate({ items: [], total: -1, nextCursor: null })).toBe(false);
  });
});

describe("real answers validate against the document", () => {
  let env: Awaited<ReturnType<typeof startSimulatedRuntime>>;
  let callId = "";
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  ajv.addSchema({ $id: "doc", ...(document as object) });

  /** Check a response against the document's schema for that operation and status. */
  async function conforms(method: string, path: string, response: Response): Promise<Json> {
    const op = document.paths[path]?.[method.toLowerCase()];
    expect(op, `${method} ${path} is described`).toBeDefined();
    const answer = op.responses[String(response.status)];
    expect(answer, `${method} ${path} answers ${response.status}, which the document lists`).toBeDefined();
    const media = answer.content?.["application/json"];
    if (!media) return {};
    const body = await response.json();
    const validate = ajv.compile(media.schema.$ref ? { $ref: `doc${media.schema.$ref}` } : media.schema);
    const ok = validate(body);
    expect(ok ? [] : validate.errors, `${method} ${path} ${response.status}`).toEqual([]);
    return body;
  }

  beforeAll(async () => {
    env = await startSimulatedRuntime({ calls: 20 });
    await env.runtime.sync.syncAll("test");
    callId = (
      await env.runtime.store.calls.list(
        { ...EMPTY_QUERY, source: ["hz-robot"], result: ["answered"], limit: 1 },
        "Asia/Shanghai",
      )
    ).items[0]!.id;
    const hash = await hashPassword("correct horse");
    const users = env.runtime.users;
    Object.assign(env.runtime, {
      users: {
        ...users,
        find: (name: string) =>
          name === "lee"
            ? { username: name, role: "supervisor", name: null, passwordHash: hash }
            : users.find(name),
      },
    });
  });
  afterAll(() => env.close());

  test("calls: list, stats, one call, peaks, neighbours, review", async () => {
    const page = await conforms(
      "GET",
      "/api/calls",
      await list(await requestAs("operator", "/api/calls?limit=5"), paramsOf({})),
    );
    expect(page.items).toHaveLength(5);
    await conforms(
      "GET",
      "/api/calls",
      await list(await requestAs("supervisor", "/api/calls?intent=A,none&sort=rounds:asc"), paramsOf({})),
    );
    await conforms(
      "GET",
      "/api/calls",
      await list(await requestAs("operator", "/api/calls?limit=0"), paramsOf({})),
    );
    await conforms(
      "GET",
      "/api/calls/stats",
      await stats(await requestAs("operator", "/api/calls/stats"), paramsOf({})),
    );
    const call = await conforms(
      "GET",
      "/api/calls/{id}",
      await detail(await requestAs("admin", `/api/calls/${callId}`), paramsOf({ id: callId })),
    );
    expect(call.transcript.length).toBeGreaterThan(0);
    await conforms(
      "GET",
      "/api/calls/{id}",
      await detail(await requestAs("admin", "/api/calls/nope"), paramsOf({ id: "nope" })),
    );
    await conforms(
      "GET",
      "/api/calls/{id}/peaks",
      await peaks(
        await requestAs("operator", `/api/calls/${callId}/peaks?points=200`),
        paramsOf({ id: callId }),
      ),
    );
    await conforms(
      "GET",
      "/api/calls/{id}/neighbors",
      await neighbors(
        await requestAs("operator", `/api/calls/${callId}/neighbors`),
        paramsOf({ id: callId }),
      ),
    );
    await conforms(
      "PATCH",
      "/api/calls/{id}/review",
      await review(
        await requestAs("supervisor", `/api/calls/${callId}/review`, {
          method: "PATCH",
          body: { status: "flagged", note: "x" },
        }),
        paramsOf({ id: callId }),
      ),
    );
    await conforms(
      "PATCH",
      "/api/calls/{id}/review",
      await review(
        await requestAs("operator", `/api/calls/${callId}/review`, { method: "PATCH", body: {} }),
        paramsOf({ id: callId }),
      ),
    );
  });

  test("sign-in, sources, administration, the document itself", async () => {
    await conforms("GET", "/api/health", health());
    await conforms(
      "POST",
      "/api/auth/login",
      await login(
        await requestAs(null, "/api/auth/login", {
          method: "POST",
          body: { username: "lee", password: "correct horse" },
        }),
        paramsOf({}),
      ),
    );
    await conforms(
      "POST",
      "/api/auth/login",
      await login(
        await requestAs(null, "/api/auth/login", {
          method: "POST",
          body: { username: "lee", password: "wrong" },
        }),
        paramsOf({}),
      ),
    );
    await conforms(
      "GET",
      "/api/auth/session",
      await session(await requestAs("operator", "/api/auth/session"), paramsOf({})),
    );
    await conforms(
      "GET",
      "/api/auth/session",
      await session(await requestAs(null, "/api/auth/session"), paramsOf({})),
    );
    await conforms(
      "GET",
      "/api/sources",
      await sources(await requestAs("operator", "/api/sources"), paramsOf({})),
    );
    await conforms(
      "POST",
      "/api/sources/{id}/sync",
      await sync(
        await requestAs("admin", "/api/sources/tanyi/sync", { method: "POST" }),
        paramsOf({ id: "tanyi" }),
      ),
    );
    await conforms(
      "GET",
      "/api/audit",
      await auditRoute(await requestAs("admin", "/api/audit?limit=5"), paramsOf({})),
    );
    await conforms(
      "GET",
      "/api/audit",
      await auditRoute(await requestAs("operator", "/api/audit"), paramsOf({})),
    );
    await conforms(
      "GET",
      "/api/quarantine",
      await quarantine(await requestAs("admin", "/api/quarantine"), paramsOf({})),
    );
    await conforms(
      "POST",
      "/api/quarantine/reprocess",
      await reprocess(
        await requestAs("admin", "/api/quarantine/reprocess", { method: "POST" }),
        paramsOf({}),
      ),
    );
    await conforms(
      "POST",
      "/api/demo/faults",
      await addFaults(
        await requestAs("admin", "/api/demo/faults", { method: "POST", body: { mode: "throttle" } }),
        paramsOf({}),
      ),
    );
    await conforms(
      "DELETE",
      "/api/demo/faults",
      await clearFaults(await requestAs("admin", "/api/demo/faults", { method: "DELETE" }), paramsOf({})),
    );
    const served = await conforms(
      "GET",
      "/api/openapi.json",
      await openapi(await requestAs("operator", "/api/openapi.json"), paramsOf({})),
    );
    expect(served).toEqual(JSON.parse(JSON.stringify(document)));
    await conforms(
      "POST",
      "/api/auth/logout",
      await logout(await requestAs("operator", "/api/auth/logout", { method: "POST" }), paramsOf({})),
    );
  });
});
