import { SessionAnswer } from "@/lib/api/auth";
import { answerAs } from "@/lib/errors";
import { otherMethods, route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/** GET /api/auth/session — who is signed in (401 when nobody). */
export const GET = route("operator", async ({ session, runtime }) =>
  Response.json(
    answerAs(SessionAnswer, {
      username: session.username,
      role: session.role,
      name: session.name,
      open: runtime.users.open,
    }),
  ),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
