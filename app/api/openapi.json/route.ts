import { openApiDocument } from "@/lib/openapi/document";
import { otherMethods, route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/** GET /api/openapi.json — OpenAPI 3.1 of every route, generated from the zod schemas the routes use. */
export const GET = route("operator", async () =>
  Response.json(openApiDocument(), { headers: { "cache-control": "private, max-age=300" } }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
