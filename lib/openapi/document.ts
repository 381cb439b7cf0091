import { z } from "zod";
import { ERROR_STATUS } from "@/lib/errors";
import { ErrorBody } from "@/lib/model";
import { admin } from "./routes/admin";
import { analytics } from "./routes/analytics";
import { annotations } from "./routes/annotations";
import { auth } from "./routes/auth";
import { calls } from "./routes/calls";
import { meta } from "./routes/meta";
import { reviewBatches } from "./routes/review-batches";
import { sources } from "./routes/sources";
import type { Answer, Operation, RouteGroup } from "./spec";

/** Every route group, in the order the reference shows them. A new group is one file and one line here. */
export const ROUTE_GROUPS: RouteGroup[] = [
  meta,
  auth,
  calls,
  annotations,
  reviewBatches,
  analytics,
  sources,
  admin,
];

type Json = Record<string, unknown>;

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect); requests as read, answers as sent. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
  }) as Json;
  return rest;
}

const ERROR_MEDIA = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };

/** Error answers every operation of that access can give, besides its own. */
function commonErrors(op: Operation): Record<number, string> {
  const errors: Record<number, string> = {};
  if (op.query || op.body) errors[400] = "a parameter or the body is not valid; the message names it";
  if (op.access !== "public") errors[401] = "no session (or, for metrics, no valid token)";
  if (op.access !== "public" && op.access !== "operator") errors[403] = `needs the ${roleOf(op)} role`;
  if (op.method !== "get") errors[403] = errors[403] ?? "cross-origin request refused";
  errors[500] = "an internal error, logged; the message holds no internals";
  return errors;
}

function roleOf(op: Operation): string {
  return op.access === "admin-or-token" ? "admin" : op.access;
}

function answer(status: number, body: Answer): Json {
  const out: Json = { description: body.description };
  if (body.schema) out.content = { "application/json": { schema: jsonSchema(body.schema, "output") } };
  else if (body.media) out.content = { [body.media]: { schema: { type: "string", format: "binary" } } };
  else if (status >= 400) out.content = ERROR_MEDIA;
  if (body.headers) {
    out.headers = Object.fromEntries(
      Object.entries(body.headers).map(([name, description]) => [
        name,
        { description, schema: { type: "string" } },
      ]),
    );
  }
  return out;
}

function parameters(op: Operation): Json[] {
  const out: Json[] = [];
  for (const [, name] of op.path.matchAll(/\{(\w+)\}/g)) {
    out.push({ name, in: "path", required: true, schema: { type: "string" } });
  }
  for (const [name, schema] of Object.entries(op.query?.shape ?? {})) {
    const json = jsonSchema(schema as z.ZodType, "input");
    out.push({
      name,
      in: "query",
      required: !(schema as z.ZodType).safeParse(undefined).success,
      ...(json.description ? { description: json.description } : {}),
      schema: json,
      // Lists travel comma-separated: `?intent=A,B`.
      ...(json.type === "array" ? { style: "form", explode: false } : {}),
    });
  }
  for (const [name, description] of Object.entries(op.headers ?? {})) {
    out.push({ name, in: "header", required: false, description, schema: { type: "string" } });
  }
  return out;
}

function operation(op: Operation, tag: string): Json {
  const responses: Json = {};
  for (const [status, body] of Object.entries(op.answers)) responses[status] = answer(Number(status), body);
  for (const [status, description] of Object.entries(commonErrors(op))) {
    responses[status] ??= { description, content: ERROR_MEDIA };
  }
  return {
    operationId: `${op.method}${op.path.replace(/^\/api/, "").replace(/[^A-Za-z0-9]+(\w)?/g, (_, c?: string) => (c ?? "").toUpperCase())}`,
    tags: [tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    "x-access": op.access,
    security:
      op.access === "public"
        ? []
        : op.access === "admin-or-token"
          ? [{ session: [] }, { metricsToken: [] }]
          : [{ session: [] }],
    ...(parameters(op).length ? { parameters: parameters(op) } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchema(op.body, "input") } },
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of every route. Built once per process: it depends on code only. */
export function buildOpenApiDocument(groups: RouteGroup[] = ROUTE_GROUPS): Json {
  const paths: Record<string, Json> = {};
  for (const group of groups) {
    for (const op of group.operations) {
      const item = (paths[op.path] ??= {});
      if (item[op.method]) throw new Error(`${op.method.toUpperCase()} ${op.path} is described twice`);
      item[op.method] = operation(op, group.tag);
    }
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Callscope API",
      version: "1",
      description:
        'JSON, UTF-8. Errors are always `{ "error": { "code", "message" } }`. Every route but `health` and ' +
        '`auth/login` needs a session (cookie `callscope_session`), unless the deployment runs with `"auth": "none"`. ' +
        "Changes (POST, PATCH, DELETE) must come from the same origin.",
    },
    tags: groups.map((group) => ({ name: group.tag, description: group.description })),
    paths,
    components: {
      schemas: {
        Error: {
          ...jsonSchema(ErrorBody, "output"),
          description: `codes: ${Object.keys(ERROR_STATUS).join(", ")}`,
        },
      },
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "callscope_session" },
        metricsToken: {
          type: "http",
          scheme: "bearer",
          description: "config `metricsToken`; /api/metrics only",
        },
      },
    },
  };
}

let cached: Json | null = null;

export function openApiDocument(): Json {
  return (cached ??= buildOpenApiDocument());
}
