import { answerAs } from "@/lib/errors";
import { CallDetail } from "@/lib/model";
import { audit } from "@/lib/server/audit";
import { otherMethods, route } from "@/lib/server/handler";
import { presentSummary } from "@/lib/server/present";

export const dynamic = "force-dynamic";

/**
 * GET /api/calls/{id} — live from the vendor (cached); the indexed copy, marked stale, when the vendor
 * fails. Lines carry aligned times when the alignment of this transcript is already in the index; it is
 * never computed here (the page shows the transcript at once and asks for the alignment separately).
 */
export const GET = route<{ id: string }>("operator", async ({ req, params, runtime, session }) => {
  const { detail } = await runtime.details.get(params.id);
  await audit(runtime, session, req, "call.open", params.id);
  return Response.json(
    answerAs(CallDetail, presentSummary(await runtime.alignments.present(detail), session)),
    {
      headers: { "cache-control": "private, no-store" },
    },
  );
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
