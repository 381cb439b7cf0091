import { otherMethods, route } from "@/lib/server/handler";
import { openQuarantine } from "@/lib/server/quarantine-view";

export const dynamic = "force-dynamic";

/** GET /api/quarantine[?source=id] — vendor records that failed validation, raw, with the reason (admins). */
export const GET = route("admin", async ({ req, runtime }) => {
  const source = req.nextUrl.searchParams.get("source") || undefined;
  // Raw records may hold the vendor's signed recording URLs: their signatures stay on the server.
  const items = await openQuarantine(runtime, source);
  return Response.json(
    { items, counts: Object.fromEntries(await runtime.store.quarantine.openCounts()) },
    {
      headers: { "cache-control": "private, no-store" },
    },
  );
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
