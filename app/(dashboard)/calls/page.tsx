import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { CallsView } from "@/components/calls/calls-view";
import { listQueryOf } from "@/components/calls/list-query";
import { requirePageSession } from "@/lib/server/page-session";
import { prefetchCallList, prefetchSources } from "../prefetch";
import { toParams, type SearchParams } from "../search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("calls");
  return { title: t("title") };
}

/**
 * The call list. The URL's filters are read with the same (lenient) parser the client uses, and
 * the first page, the summary and the sync state are put in the cache here, so rows show at once.
 */
export default async function CallsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = toParams(await searchParams);
  const returnTo = params.size ? `/calls?${params.toString()}` : "/calls";
  const { runtime, session } = await requirePageSession(returnTo);
  // Opening the list on a stale index starts a background sync, as GET /api/calls does.
  runtime.sync.syncStale();

  const query = listQueryOf(params);
  const client = new QueryClient();
  await prefetchSources(client, runtime, session);
  await prefetchCallList(client, runtime, session, query, { headers: await headers() });

  return (
    <HydrationBoundary state={dehydrate(client)}>
      <CallsView canSync={session.role === "admin"} canReview={session.role !== "operator"} />
    </HydrationBoundary>
  );
}
