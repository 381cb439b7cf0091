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
const PRUNE_EVERY_MS = 60_000;

/**
 * The limit's step, over the numbers `searched` in the window (number → when first searched):
 * `fresh` are the numbers not searched yet; refused (with the seconds until the oldest search
 * leaves the window) when they would take the user past NUMBER_SEARCHES.
 */
export function numberSearchStep(
  searched: Map<string, number>,
  numbers: readonly string[],
  now: number,
): { result: { fresh: string[]; wait: number }; add: string[] } {
  const fresh = [...new Set(numbers)].filter((number) => !searched.has(number));
  if (fresh.length && searched.size + fresh.length > NUMBER_SEARCHES) {
    // None searched yet: more than the limit in one query waits a whole window (not Infinity s).
    const oldest = searched.size ? Math.min(...searched.values()) : now;
    const wait = Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
    return { result: { fresh, wait }, add: [] };
  }
  return { result: { fresh, wait: 0 }, add: fresh };
}

const pruned = new WeakMap<object, number>();

export async function scopeListQuery<
  T extends Pick<CallQuery, "q"> & Partial<Pick<CallQuery, "lastRobotLine">>,
>(
  query: T,
  context: { runtime: Runtime; session: Session; req: { headers: Headers } | null; via: string },
  now = Date.now(),
): Promise<T & { numbers?: "any" }> {
  if (seesFullNumbers(context.session.role)) return { ...query, numbers: "any" };
  // The robot's last line is matched exactly: with a number in it, each guess of the digits masked
  // from its text in drop-off was a yes or no. It is a number search like `q`'s, counted and audited.
  const numbers = [query.q, query.lastRobotLine].flatMap((text) =>
    text ? findNumbers(text).map((span) => span.digits) : [],
  );
  if (numbers.length === 0) return query;
  // Counted in the index, checked and recorded in one step: every instance sharing it counts the
  // same searches, and concurrent searches cannot all slip under the limit.
  const searches = context.runtime.store.numberSearches;
  const { fresh, wait } = await searches.update(context.session.username, now - WINDOW_MS, now, (searched) =>
    numberSearchStep(searched, numbers, now),
  );
  if (now - (pruned.get(searches) ?? 0) >= PRUNE_EVERY_MS) {
    pruned.set(searches, now);
    await searches.prune(now - WINDOW_MS);
  }
  if (wait > 0) {
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
  if (fresh.length && context.req)
    await audit(context.runtime, context.session, context.req, "calls.search_number", null, {
      numbers: fresh,
      via: context.via,
    });
  return query;
}

/** For tests: forget who searched what. */
export async function resetNumberSearches(runtime: Pick<Runtime, "store">): Promise<void> {
  await runtime.store.numberSearches.clear();
}
