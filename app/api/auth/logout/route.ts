import { SESSION_COOKIE } from "@/lib/auth/session";
import { audit } from "@/lib/server/audit";
import { route } from "@/lib/server/handler";
import { isHttps } from "@/lib/server/request-info";

export const dynamic = "force-dynamic";

/** POST /api/auth/logout — ends the session (clears the cookie). */
export const POST = route("public", ({ req, runtime, session }) => {
  if (session) audit(runtime, session, req, "auth.logout", session.username);
  const response = Response.json({ ok: true });
  response.headers.append(
    "set-cookie",
    `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${isHttps(req) ? "; Secure" : ""}`,
  );
  return response;
});
