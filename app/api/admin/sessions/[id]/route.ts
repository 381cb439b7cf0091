import { AppError } from "@/lib/errors";
import { audit } from "@/lib/server/audit";
import { otherMethods, route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/** DELETE /api/admin/sessions/{id} — ends one session at once (admins); 404 when it is not open. */
export const DELETE = route<{ id: string }>("admin", async ({ req, params, runtime, session }) => {
  const target = (await runtime.store.sessions.listOpen()).find((row) => row.id === params.id);
  if (!target || !(await runtime.store.sessions.end(params.id, "admin")))
    throw new AppError("not_found", `no open session with id ${params.id}`);
  await audit(runtime, session, req, "session.end", target.username, { session: params.id });
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods("DELETE");
