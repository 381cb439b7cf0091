import { answerAs } from "@/lib/errors";
import { CallAlignment } from "@/lib/model";
import { auditPlay } from "@/lib/server/audit";
import { otherMethods, route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/**
 * GET /api/calls/{id}/alignment — the detail's transcript placed on the recording's detected speech,
 * computed once (from the same pass over the recording as the peaks) and kept in the index. Errors as
 * for the peaks: 404 unknown call or no recording, 502 unreadable audio, 504 when the recording host
 * does not answer within the interactive deadline. No text in it: nothing to mask.
 */
export const GET = route<{ id: string }>("operator", async ({ req, params, runtime, session }) => {
  const alignment = await runtime.alignments.forCall(params.id);
  await auditPlay(runtime, session, req, params.id, null, "alignment.download");
  return Response.json(answerAs(CallAlignment, alignment), {
    // Tied to the transcript it was made for (transcriptHash): the page asks again when that changes.
    headers: { "cache-control": "private, no-store" },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
