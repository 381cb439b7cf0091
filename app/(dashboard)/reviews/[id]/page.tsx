import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BatchView } from "@/components/reviews/batch-view";
import { atLeast } from "@/lib/auth/roles";
import { reviewKeys } from "@/lib/queries/reviews";
import { requirePageSession } from "@/lib/server/page-session";
import { presentBatch } from "@/lib/server/present-batch";

interface PageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("reviews");
  return { title: t("title") };
}

/** One review batch: its progress and calls, prefetched (callees masked for operators). */
export default async function BatchPage({ params }: PageProps) {
  const { id } = await params;
  const { runtime, session } = await requirePageSession(`/reviews/${encodeURIComponent(id)}`);
  const batch = await runtime.store.batches.get(id);
  if (!batch) notFound();
  const client = new QueryClient();
  client.setQueryData(reviewKeys.batch(id), presentBatch(batch, session));
  return (
    <HydrationBoundary state={dehydrate(client)}>
      <BatchView id={id} canReview={atLeast(session.role, "supervisor")} />
    </HydrationBoundary>
  );
}
