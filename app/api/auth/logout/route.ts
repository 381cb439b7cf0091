import { SESSION_COOKIE } from "@/lib/auth/session";
import { errorBody } from "@/lib/errors";
import { audit } from "@/lib/server/audit";
import { otherMethods, route } from "@/lib/server/handler";
import { isHttps } from "@/lib/server/request-info";

export const dynamic = "force-dynamic";

/**
 * POST /api/auth/logout — ends the session on the server and clears the cookie. Without a session it is a 401 like
 * every other route (CONTRACT §3), and clears whatever cookie was sent all the same.
 */
export const POST = route("public", async ({ req, runtime, session }) => {
  if (session) {
    // Ended on the server: any copy of the cookie is dead from now on, not just this browser's.
    await runtime.store.sessions.end(session.id, "logout");
    await audit(runtime, session, req, "auth.logout", session.username, { session: session.id });
  }
  const response = session
    ? Response.json({ ok: true })
    : Response.json(errorBody("unauthorized", "no session to end"), { status: 401 });
  response.headers.append(
    "set-cookie",
    `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${isHttps(req, runtime.config) ? "; Secure" : ""}`,
  );
  return response;
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
