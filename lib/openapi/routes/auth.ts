import { Credentials, LoggedOut, SessionAnswer, SignedIn } from "@/lib/api/auth";
import type { RouteGroup } from "../spec";

export const auth: RouteGroup = {
  tag: "Sign-in",
  description: "Sessions: a signed HttpOnly cookie `callscope_session`, 12 hours.",
  operations: [
    {
      method: "post",
      path: "/api/auth/login",
      summary: "Sign in",
      access: "public",
      body: Credentials,
      answers: {
        200: {
          description: "signed in; the session cookie is set",
          schema: SignedIn,
          headers: { "set-cookie": "callscope_session=…; HttpOnly; SameSite=Lax" },
        },
        401: { description: "wrong username or password" },
        429: { description: "too many failed sign-ins; `Retry-After` says when to try again" },
      },
    },
    {
      method: "post",
      path: "/api/auth/logout",
      summary: "Sign out",
      description: "Ends the session on the server: its cookie no longer works anywhere.",
      access: "operator",
      answers: { 200: { description: "signed out; the cookie is cleared", schema: LoggedOut } },
    },
    {
      method: "get",
      path: "/api/auth/session",
      summary: "Who is signed in",
      access: "operator",
      answers: { 200: { description: "the session's user", schema: SessionAnswer } },
    },
  ],
};
