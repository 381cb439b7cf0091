import { z } from "zod";
import { Role } from "@/lib/model";

/**
 * The auth routes' bodies and answers. The routes parse with these and the OpenAPI document
 * (lib/openapi) is generated from them, so the reference cannot drift from what is enforced.
 */

export const Credentials = z.strictObject({
  username: z.string().min(1, "required").max(64),
  password: z.string().min(1, "required").max(256),
});

export const SignedIn = z.object({ username: z.string(), role: Role, name: z.string().nullable() });

export const SessionAnswer = SignedIn.extend({
  /** `"auth": "none"`: everyone is an admin and the UI shows a warning banner. */
  open: z.boolean(),
});

export const LoggedOut = z.object({ ok: z.literal(true) });
