import { Credentials, SignedIn } from "@/lib/api/auth";
import { loginThrottle } from "@/lib/auth/login-throttle";
import { verifyPassword } from "@/lib/auth/password";
import { SESSION_COOKIE, startSession } from "@/lib/auth/session";
import { AppError, answerAs } from "@/lib/errors";
import { audit } from "@/lib/server/audit";
import { readJsonBody } from "@/lib/server/body";
import { otherMethods, route, sessionStore } from "@/lib/server/handler";
import { clientIp, isHttps } from "@/lib/server/request-info";

export const dynamic = "force-dynamic";

/** A hash to verify against when the user does not exist, so timing does not reveal which names exist. */
const DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/** POST /api/auth/login {username, password} — 200 and a session cookie; 401 on wrong credentials. */
export const POST = route("public", async ({ req, runtime }) => {
  const { username, password } = await readJsonBody(req, Credentials);
  const ip = clientIp(req, runtime.config);
  // Counted before the password is verified, in one step with the check, in the index every
  // instance shares (see LoginThrottle).
  const throttle = loginThrottle(runtime.store.loginAttempts);
  const wait = await throttle.begin(username, ip);
  if (wait > 0) {
    throw new AppError(
      "too_many_requests",
      `too many failed sign-ins; try again in ${Math.ceil(wait / 1000)} s`,
      {
        headers: { "retry-after": String(Math.ceil(wait / 1000)) },
      },
    );
  }
  const user = runtime.users.find(username);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) {
    await audit(runtime, null, req, "auth.login_failed", username);
    throw new AppError("unauthorized", "wrong username or password");
  }
  await throttle.succeed(username, ip);
  const session = await startSession(sessionStore(runtime), user, {
    ip,
    userAgent: req.headers.get("user-agent"),
  });
  await audit(
    runtime,
    {
      id: session.id,
      username: user.username,
      role: user.role,
      name: user.name,
      expiresAt: session.expiresAt,
    },
    req,
    "auth.login",
    user.username,
  );
  const response = Response.json(
    answerAs(SignedIn, { username: user.username, role: user.role, name: user.name }),
  );
  response.headers.append(
    "set-cookie",
    [
      `${SESSION_COOKIE}=${session.value}`,
      "Path=/",
      "HttpOnly",
      "SameSite=Lax",
      `Max-Age=${Math.floor((session.expiresAt - Date.now()) / 1000)}`,
      ...(isHttps(req, runtime.config) ? ["Secure"] : []),
    ].join("; "),
  );
  return response;
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
