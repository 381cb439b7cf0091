import type { z } from "zod";
import type { Role } from "@/lib/model";

/**
 * One operation of the HTTP API, described with the zod schemas the route itself parses and answers
 * with. Each route group keeps its operations in its own file under ./routes, so groups added by
 * different people merge without touching each other.
 */

export type Method = "get" | "post" | "patch" | "put" | "delete";

/** Who may call it: anyone, a session of at least this role, or (metrics) an admin or the metrics token. */
export type Access = "public" | Role | "admin-or-token";

export interface Answer {
  description: string;
  /** A JSON body of this shape. */
  schema?: z.ZodType;
  /** A non-JSON body (CSV, audio, Prometheus text): its media type. */
  media?: string;
  headers?: Record<string, string>;
}

/** The bulk index reads' answer when the instance's line for them is full or too slow (lib/server/in-line.ts). */
export const BUSY: Answer = {
  description: "`busy`: too many index reads are waiting on this instance; try again after `Retry-After`",
  headers: { "Retry-After": "seconds to wait before trying again" },
};

export interface Operation {
  method: Method;
  /** OpenAPI path, `{name}` for a path parameter: `/api/calls/{id}`. */
  path: string;
  summary: string;
  description?: string;
  access: Access;
  /** Query parameters: one per key of this object schema. Comma-separated lists are arrays. */
  query?: z.ZodObject;
  /** A JSON request body. */
  body?: z.ZodType;
  /** Extra request headers the operation reads (`Range`). */
  headers?: Record<string, string>;
  /** Successful (and route-specific error) answers by status. Common error answers are added for you. */
  answers: Record<number, Answer>;
}

export interface RouteGroup {
  /** The tag the group's operations appear under in the reference. */
  tag: string;
  description: string;
  operations: Operation[];
}
