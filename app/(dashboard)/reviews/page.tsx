import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BatchesView } from "@/components/reviews/batches-view";
import { reviewKeys } from "@/lib/queries/reviews";
import { requirePageSession } from "@/lib/server/page-session";
import { presentBatchSummary } from "@/lib/server/present-batch";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("reviews");
  return { title: t("title") };
}

/** The review batches with their progress, in the cache before the first paint. */
export default async function ReviewsPage() {
  const { runtime, session } = await requirePageSession("/reviews");
  const client = new QueryClient();
  const batches = await runtime.store.batches.list();
  client.setQueryData(
    reviewKeys.batches,
    batches.map((batch) => presentBatchSummary(batch, session)),
  );
  return (
    <HydrationBoundary state={dehydrate(client)}>
      <BatchesView />
    </HydrationBoundary>
  );
}
