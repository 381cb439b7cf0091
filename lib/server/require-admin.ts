import "server-only";
import { notFound } from "next/navigation";
import { requirePageSession } from "./page-session";

/** Admin pages: sign in first; anyone else gets a 404 (the page does not exist for them). */
export async function requireAdminPage(returnTo: string) {
  const context = await requirePageSession(returnTo);
  if (context.session.role !== "admin") notFound();
  return context;
}
