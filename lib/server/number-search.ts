import "server-only";
import { findNumbers } from "@/lib/auth/pii";
import { seesFullNumbers } from "@/lib/auth/roles";
import type { Session } from "@/lib/auth/session";
import type { CallQuery } from "@/lib/calls/query";
import { AppError } from "@/lib/errors";
import { audit } from "./audit";
import type { Runtime } from "./runtime";

/**
 * How a viewer's `q` may match numbers. Supervisors and admins see numbers whole, so they search
 * any part of one. Operators find a call by its whole number only (the store's default), and each
 * number they search is audited and counted: guessing the four masked digits of a number whole
 * takes up to 10,000 searches, and an operator gets NUMBER_SEARCHES distinct numbers an hour.
 */

export const NUMBER_SEARCHES = 30;
const WINDOW_MS = 60 * 60_000;

const KEY = Symbol.for("callscope.numberSearches");
/** username → number → when first searched in the current window. */
const searches: Map<string, Map<string, number>> = ((globalThis as Record<symbol, unknown>)[KEY] ??=
  new Map()) as Map<string, Map<string, number>>;

export async function scopeListQuery<T extends Pick<CallQuery, "q">>(
  query: T,
  context: { runtime: Runtime; session: Session; req: { headers: Headers } | null; via: string },
  now = Date.now(),
): Promise<T & { numbers?: "any" }> {
  if (seesFullNumbers(context.session.role)) return { ...query, numbers: "any" };
  const numbers = query.q ? findNumbers(query.q).map((span) => span.digits) : [];
  if (numbers.length === 0) return query;
  const mine = searches.get(context.session.username) ?? new Map<string, number>();
  for (const [number, at] of mine) if (now - at >= WINDOW_MS) mine.delete(number);
  const fresh = [...new Set(numbers)].filter((number) => !mine.has(number));
  if (fresh.length && mine.size + fresh.length > NUMBER_SEARCHES) {
    const oldest = Math.min(...mine.values());
    const wait = Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
    if (context.req)
      await audit(context.runtime, context.session, context.req, "calls.search_number_refused", null, {
        numbers: fresh,
        via: context.via,
      });
    throw new AppError(
      "too_many_requests",
      `q: too many phone-number searches (${NUMBER_SEARCHES} an hour); try again in ${Math.ceil(wait / 60)} min`,
      { headers: { "retry-after": String(wait) } },
    );
  }
  for (const number of fresh) mine.set(number, now);
  searches.set(context.session.username, mine);
  if (fresh.length && context.req)
    await audit(context.runtime, context.session, context.req, "calls.search_number", null, {
      numbers: fresh,
      via: context.via,
    });
  return query;
}

/** For tests: forget who searched what. */
export function resetNumberSearches(): void {
  searches.clear();
}
