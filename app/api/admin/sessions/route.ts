import { SessionList } from "@/lib/api/admin";
import { answerAs, invalidQuery } from "@/lib/errors";
import { audit } from "@/lib/server/audit";
import { otherMethods, route } from "@/lib/server/handler";
import { presentSessions } from "@/lib/server/sessions-view";

export const dynamic = "force-dynamic";

/** GET /api/admin/sessions[?username=u] — open sessions, newest first (admins). */
export const GET = route("admin", async ({ req, runtime, session }) => {
  const username = req.nextUrl.searchParams.get("username") || undefined;
  return Response.json(answerAs(SessionList, { items: await presentSessions(runtime, session, username) }), {
    headers: { "cache-control": "private, no-store" },
  });
});

/** DELETE /api/admin/sessions?username=u — ends every session of that user: `{ ended }`. */
export const DELETE = route("admin", async ({ req, runtime, session }) => {
  const username = req.nextUrl.searchParams.get("username");
  if (!username) throw invalidQuery("username", "required: whose sessions to end");
  const ended = await runtime.store.sessions.endAllOf(username, "admin");
  await audit(runtime, session, req, "session.end_all", username, { ended });
  return Response.json({ ended });
});

export const { POST, PUT, PATCH, OPTIONS } = otherMethods("GET", "DELETE");
