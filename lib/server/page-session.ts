import "server-only";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { readSession, SESSION_COOKIE, type Session } from "@/lib/auth/session";
import { OPEN_SESSION, sessionStore } from "./handler";
import { refusedHost } from "./host-check";
import { getRuntime, type Runtime } from "./runtime";

/** The signed-in user of a page render, or null. Pages check it themselves, like route handlers. */
export async function pageSession(): Promise<{ runtime: Runtime; session: Session | null }> {
  // Cookies first: it marks the render dynamic, so `next build` never starts the runtime to prerender.
  const value = (await cookies()).get(SESSION_COOKIE)?.value;
  const runtime = await getRuntime();
  // Without sign-in, a page served under a foreign host name is a DNS-rebinding read (host-check.ts).
  if (refusedHost(runtime, await headers())) notFound();
  if (runtime.users.open) return { runtime, session: OPEN_SESSION };
  return { runtime, session: await readSession(sessionStore(runtime), runtime.users, value) };
}

/** The session, or a redirect to sign in that comes back to `returnTo` afterwards. */
export async function requirePageSession(returnTo: string): Promise<{ runtime: Runtime; session: Session }> {
  const { runtime, session } = await pageSession();
  if (!session) redirect(`/login?next=${encodeURIComponent(returnTo)}`);
  return { runtime, session };
}
