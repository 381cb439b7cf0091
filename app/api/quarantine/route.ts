import { route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/** GET /api/quarantine[?source=id] — vendor records that failed validation, raw, with the reason (admins). */
export const GET = route("admin", ({ req, runtime }) => {
  const source = req.nextUrl.searchParams.get("source") || undefined;
  const items = runtime.store.quarantine.open(source, 500);
  return Response.json({ items, counts: Object.fromEntries(runtime.store.quarantine.openCounts()) }, {
    headers: { "cache-control": "private, no-store" },
  });
});
