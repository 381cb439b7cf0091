import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { pageSession } from "@/lib/server/page-session";

/**
 * An unknown call is a 404 with its own page (calls/not-found.tsx). The check sits here, outside the
 * page's loading boundary: once the skeleton has streamed, the status is already 200 and a notFound()
 * from the page could only swap the content. A signed-out visitor learns nothing here; the page sends
 * them to sign in.
 */
export default async function CallLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const { runtime, session } = await pageSession();
  if (session && !(await runtime.store.calls.get(id))) notFound();
  return children;
}
