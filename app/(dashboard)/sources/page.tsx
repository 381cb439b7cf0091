import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SourcesView } from "@/components/sources/sources-view";
import { requirePageSession } from "@/lib/server/page-session";
import { prefetchSources } from "../prefetch";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sources");
  return { title: t("title") };
}

/** The sources and their sync: the state is prefetched here, then polled (faster while a sync runs). */
export default async function SourcesPage() {
  const { runtime, session } = await requirePageSession("/sources");
  const client = new QueryClient();
  await prefetchSources(client, runtime, session);
  return (
    <HydrationBoundary state={dehydrate(client)}>
      <SourcesView canSync={session.role === "admin"} />
    </HydrationBoundary>
  );
}
