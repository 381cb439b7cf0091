import { route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/** GET /api/auth/session — who is signed in (401 when nobody). */
export const GET = route("operator", ({ session, runtime }) =>
  Response.json({
    username: session.username,
    role: session.role,
    name: session.name,
    open: runtime.users.open,
  }),
);
