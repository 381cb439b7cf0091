import { route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/** GET /api/quarantine[?source=id] — vendor records that failed validation, raw, with the reason (admins). */
export const GET = route("admin", ({ req, runtime }) => {
  const source = req.nextUrl.searchParams.get("source") || undefined;
  // Raw records may hold the vendor's signed recording URLs: their signatures stay on the server.
  const items = runtime.store.quarantine.open(source, 500).map((item) => ({
    ...item,
    raw: item.raw.replace(/(https?:\/\/[^"\s?]+)\?[^"\s]*/g, "$1?[signed query removed]"),
  }));
  return Response.json(
    { items, counts: Object.fromEntries(runtime.store.quarantine.openCounts()) },
    {
      headers: { "cache-control": "private, no-store" },
    },
  );
});
