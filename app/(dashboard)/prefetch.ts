import "server-only";
import type { QueryClient } from "@tanstack/react-query";
import type { Session } from "@/lib/auth/session";
import type { CallQuery } from "@/lib/calls/query";
import { CallList, SourceStatus } from "@/lib/model";
import { callKeys, type CallStats } from "@/lib/queries/calls";
import { isBusy } from "@/lib/server/in-line";
import { scopeListQuery } from "@/lib/server/number-search";
import { presentSummary, presentSyncStatus } from "@/lib/server/present";
import type { Runtime } from "@/lib/server/runtime";

/**
 * Server-side fills of the React Query cache, under the same keys and in the same shapes as the
 * client's queryOptions, so a page's first rows, summary and sync state render without a round trip.
 */

export async function sourceStatuses(runtime: Runtime, session: Session): Promise<SourceStatus[]> {
  const statuses = await runtime.sync.statuses();
  return [...runtime.sources.values()].map(({ config }) =>
    SourceStatus.parse({
      id: config.id,
      name: config.name ?? config.id,
      vendor: config.vendor,
      taskIds: config.taskIds,
      sync: presentSyncStatus(statuses.get(config.id)!, session),
    }),
  );
}

export async function prefetchSources(
  client: QueryClient,
  runtime: Runtime,
  session: Session,
): Promise<void> {
  client.setQueryData(callKeys.sources, await sourceStatuses(runtime, session));
}

/** The first page of the list and the summary for `query`, as this session may see them (numbers masked for operators). */
export async function prefetchCallList(
  client: QueryClient,
  runtime: Runtime,
  session: Session,
  listQuery: CallQuery,
  request: { headers: Headers },
): Promise<void> {
  // The page answers the same query as GET /api/calls: numbers matched as this viewer may.
  const query = await scopeListQuery(listQuery, { runtime, session, req: request, via: "/calls" });
  // In the same line as GET /api/calls and its summary bar (lib/server/in-line.ts). When the line is
  // full the page renders without them: the browser asks for them itself, and retries.
  let page, stats;
  try {
    [page, stats] = await runtime.indexReads.run(() =>
      Promise.all([runtime.calls.list({ ...query, cursor: null }), runtime.calls.stats(query)]),
    );
  } catch (err) {
    if (isBusy(err)) return;
    throw err;
  }
  const first = CallList.parse({ ...page, items: page.items.map((call) => presentSummary(call, session)) });
  client.setQueryData(callKeys.list(listQuery), { pages: [first], pageParams: [null] });
  client.setQueryData<CallStats>(callKeys.stats(listQuery), stats);
}
