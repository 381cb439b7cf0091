import { otherMethods } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/** Liveness: answers without touching the index or any vendor, so it is the floor the benchmark compares to. */
export function GET() {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
