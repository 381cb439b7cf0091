import "server-only";
import type { NextRequest } from "next/server";
import { atLeast } from "@/lib/auth/roles";
import { readSession, SESSION_COOKIE, type Session, type SessionStore } from "@/lib/auth/session";
import type { Role } from "@/lib/config";
import { AppError, invalidQuery, toErrorResponse } from "@/lib/errors";
import { metrics } from "@/lib/metrics/registry";
import { routeLabel } from "@/lib/metrics/route-label";
import { refusedHost } from "./host-check";
import { maskedError, seesWhole } from "./present";
import { sameOrigin } from "./request-info";
import { getRuntime, type Runtime } from "./runtime";

/**
 * Every route handler is wrapped in this: it checks the session itself (never trusting middleware
 * alone — the CVE-2025-29927 class of bypasses skips middleware), enforces the role, refuses
 * cross-origin state changes, and turns any error into the one error body.
 */

export type Access = "public" | Role;

export interface HandlerContext<P> {
  req: NextRequest;
  params: P;
  runtime: Runtime;
  /** null only on public routes without a session. */
  session: Session | null;
}

export interface AuthedContext<P> extends HandlerContext<P> {
  session: Session;
}

export const OPEN_SESSION: Session = {
  id: "open",
  username: "anonymous",
  role: "admin",
  name: null,
  expiresAt: Number.MAX_SAFE_INTEGER,
};

/** The session store of a runtime: the index's sessions table and the key tokens are hashed with. */
export function sessionStore(runtime: Runtime): SessionStore {
  return { sessions: runtime.store.sessions, secret: runtime.sessionSecret };
}

export async function sessionOf(req: NextRequest, runtime: Runtime): Promise<Session | null> {
  if (runtime.users.open) return OPEN_SESSION;
  return readSession(sessionStore(runtime), runtime.users, req.cookies.get(SESSION_COOKIE)?.value);
}

export function route<P = Record<string, never>>(
  access: "public",
  handle: (ctx: HandlerContext<P>) => Response | Promise<Response>,
): (req: NextRequest, context: { params: Promise<P> }) => Promise<Response>;
export function route<P = Record<string, never>>(
  access: Role,
  handle: (ctx: AuthedContext<P>) => Response | Promise<Response>,
): (req: NextRequest, context: { params: Promise<P> }) => Promise<Response>;
export function route<P>(
  access: Access,
  handle: (ctx: AuthedContext<P>) => Response | Promise<Response>,
): (req: NextRequest, context: { params: Promise<P> }) => Promise<Response> {
  return async (req, context) => {
    const started = performance.now();
    const response = await answer(req, context);
    // Until headers: a streamed body (export, recording) is timed to its first byte, not its last.
    metrics().requestSeconds.observe(
      { route: routeLabel(req.nextUrl.pathname), method: req.method, status: String(response.status) },
      (performance.now() - started) / 1000,
    );
    return response;
  };

  async function answer(req: NextRequest, context: { params: Promise<P> }): Promise<Response> {
    let session: Session | null = null;
    try {
      const runtime = await getRuntime();
      const refused = refusedHost(runtime, req.headers);
      if (refused) throw new AppError("forbidden", `this server does not answer to the host name ${refused}`);
      if (!["GET", "HEAD", "OPTIONS"].includes(req.method) && !sameOrigin(req, runtime.config)) {
        throw new AppError("forbidden", "cross-origin request refused");
      }
      session = await sessionOf(req, runtime);
      if (access !== "public") {
        if (!session) throw new AppError("unauthorized", "sign in to continue");
        if (!atLeast(session.role, access))
          throw new AppError("forbidden", `this needs the ${access} role or higher`);
      }
      // A NUL character is no text any route takes (and PostgreSQL cannot even compare with it).
      for (const [name, value] of req.nextUrl.searchParams)
        if (`${name}${value}`.includes("\u0000"))
          throw invalidQuery(name.replaceAll("\u0000", "\\0"), "must not contain a NUL character (U+0000)");
      const params = (await context.params) ?? ({} as P);
      return await handle({ req, params, runtime, session: session as Session });
    } catch (err) {
      // A vendor's error words can hold a number: masked like any text for operators.
      return toErrorResponse(seesWhole(session) ? err : maskedError(err));
    }
  }
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Handler = (req: NextRequest, context: { params: Promise<unknown> }) => Promise<Response>;

/**
 * Handlers for the methods a route file does not serve, for it to export beside its own:
 * `export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");`. Left out, Next.js
 * answers them with an empty 405, not the one error body; OPTIONS is here because Next.js's own
 * would list these stubs as allowed. HEAD needs none: Next.js answers it with GET, real or a stub.
 * app/api/security/methods.test.ts checks that every route file exports the whole set.
 */
export function otherMethods<A extends Method>(
  ...allowed: A[]
): Record<Exclude<Method, A> | "OPTIONS", Handler> {
  const allow = [...allowed, ...(allowed.includes("GET" as A) ? ["HEAD"] : []), "OPTIONS"].sort().join(", ");
  const refuse: Handler = route("public", ({ req }) => {
    throw new AppError("method_not_allowed", `${req.method} is not allowed here (allowed: ${allow})`, {
      headers: { allow },
    });
  });
  const handlers: Record<string, Handler> = {
    OPTIONS: route("public", () => new Response(null, { status: 204, headers: { allow } })),
  };
  for (const method of METHODS) if (!allowed.includes(method as A)) handlers[method] = refuse;
  return handlers as Record<Exclude<Method, A> | "OPTIONS", Handler>;
}
