import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { CallView } from "@/components/call/call-view";
import { atLeast } from "@/lib/auth/roles";
import { isAppError } from "@/lib/errors";
import { CallDetail } from "@/lib/model";
import { callDetailOptions } from "@/lib/queries/calls";
import { reviewKeys } from "@/lib/queries/reviews";
import { audit } from "@/lib/server/audit";
import { requirePageSession } from "@/lib/server/page-session";
import { presentSummary, presentText } from "@/lib/server/present";

interface PageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * One call: the detail is loaded here (live from the vendor, or the indexed copy), masked for the
 * viewer, audited once, and handed to the client already in React Query's cache — the transcript
 * shows without a round trip. A vendor failure is shown by the client, with a retry.
 */
export default async function CallPage({ params, searchParams }: PageProps) {
  const { id } = await params;
  const search = await searchParams;
  const initialMs = momentOf(search.t);
  const batchId = batchOf(search.batch);
  const { runtime, session } = await requirePageSession(
    `/calls/${encodeURIComponent(id)}${batchId ? `?batch=${batchId}` : ""}`,
  );

  const queryClient = new QueryClient();
  let serverError: { status: number; code: string; message: string } | null = null;
  try {
    const { detail } = await runtime.details.get(id);
    const requestHeaders = await headers();
    const host = requestHeaders.get("host") ?? "localhost";
    await audit(
      runtime,
      session,
      new Request(`http://${host}/calls/${encodeURIComponent(id)}`, { headers: requestHeaders }),
      "call.open",
      id,
    );
    queryClient.setQueryData(
      callDetailOptions(id).queryKey,
      CallDetail.parse(presentSummary(await runtime.alignments.present(detail), session)),
    );
    queryClient.setQueryData(
      reviewKeys.annotations(id),
      (await runtime.store.annotations.list(id)).map((annotation) => ({
        ...annotation,
        note: presentText(annotation.note, session),
      })),
    );
  } catch (err) {
    // Gone since the layout looked (a reset index): still the not-found page, if with a 200.
    if (isAppError(err) && err.code === "not_found") notFound();
    if (!isAppError(err)) throw err;
    serverError = { status: err.status, code: err.code, message: err.message };
  }

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <CallView
        key={id}
        id={id}
        canReview={atLeast(session.role, "supervisor")}
        initialMs={initialMs}
        serverError={serverError}
        alertRules={runtime.config.alerts.map(({ name, phrases }) => ({ name, phrases }))}
        batchId={batchId}
        viewer={{ username: session.username, role: session.role }}
      />
    </HydrationBoundary>
  );
}

/** `?batch=<id>`: batch ids are URL-safe; anything else is ignored. */
function batchOf(value: string | string[] | undefined): string | null {
  const raw = Array.isArray(value) ? value[0] : value;
  return raw && /^[A-Za-z0-9_-]{1,64}$/.test(raw) ? raw : null;
}

/** `?t=12.5` (seconds) → ms; anything else is ignored. */
function momentOf(value: string | string[] | undefined): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !/^\d+(\.\d+)?$/.test(raw)) return null;
  return Math.round(Number(raw) * 1000);
}
