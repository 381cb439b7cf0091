import "server-only";
import type { Session } from "@/lib/auth/session";
import { parseCallQuery, QueryError, type CallQuery } from "@/lib/calls/query";
import { scopeListQuery } from "./number-search";
import type { Runtime } from "./runtime";

/**
 * The list query of a request, as every list-shaped route reads it: the shared parser, plus the
 * values only the server knows — a `source` or `task` this deployment has never configured is an
 * unknown value, a 400 naming the parameter, not an empty list that looks like "no calls" — and
 * how `q` may match numbers for this viewer (operators: whole numbers only, audited and counted).
 */
export async function readListQuery(
  req: Request & { nextUrl: URL },
  runtime: Runtime,
  session: Session,
  /** A list query held elsewhere than the URL (a review batch's `query`). */
  params: URLSearchParams = req.nextUrl.searchParams,
): Promise<CallQuery> {
  const query = parseCallQuery(params);
  const sources = new Set(runtime.config.sources.map((source) => source.id));
  for (const source of query.source) {
    if (!sources.has(source))
      throw new QueryError(
        "source",
        `unknown value "${source}" (expected one of ${[...sources].join(", ")})`,
      );
  }
  const tasks = new Set(runtime.config.sources.flatMap((source) => source.taskIds));
  for (const task of query.task) {
    if (!tasks.has(task)) throw new QueryError("task", `unknown value "${task}" (not a configured task id)`);
  }
  const alerts = new Set((runtime.config.alerts ?? []).map((alert) => alert.name));
  for (const alert of query.alert) {
    if (!alerts.has(alert))
      throw new QueryError(
        "alert",
        alerts.size
          ? `unknown value "${alert}" (expected one of ${[...alerts].join(", ")})`
          : `unknown value "${alert}" (no alerts are configured)`,
      );
  }
  return await scopeListQuery(query, { runtime, session, req, via: req.nextUrl.pathname });
}
