import { invalidQuery } from "@/lib/errors";
import { otherMethods, route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/** GET /api/audit[?before=id&limit=n&action=a&username=u] — who did what, newest first (admins). */
export const GET = route("admin", async ({ req, runtime }) => {
  const params = req.nextUrl.searchParams;
  const number = (name: string, max: number) => {
    const raw = params.get(name);
    if (raw === null || raw === "") return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > max)
      throw invalidQuery(name, `must be a whole number from 1 to ${max}`);
    return value;
  };
  const limit = number("limit", 500) ?? 100;
  const items = await runtime.store.audit.list({
    limit,
    before: number("before", Number.MAX_SAFE_INTEGER),
    action: params.get("action") || undefined,
    username: params.get("username") || undefined,
  });
  return Response.json(
    { items, nextBefore: items.length === limit ? (items[items.length - 1]?.id ?? null) : null },
    { headers: { "cache-control": "private, no-store" } },
  );
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
