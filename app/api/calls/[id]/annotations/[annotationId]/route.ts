import { AppError } from "@/lib/errors";
import { audit } from "@/lib/server/audit";
import { otherMethods, route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/**
 * DELETE /api/calls/{id}/annotations/{annotationId} — by its author or an admin. The annotation is
 * marked deleted, not erased, and the audit log keeps what it said.
 */
export const DELETE = route<{ id: string; annotationId: string }>(
  "supervisor",
  async ({ req, params, runtime, session }) => {
    const annotation = await runtime.store.annotations.get(params.id, params.annotationId);
    if (!annotation) {
      throw new AppError("not_found", `no annotation ${params.annotationId} on call ${params.id}`);
    }
    if (annotation.by !== session.username && session.role !== "admin") {
      throw new AppError("forbidden", "only its author or an admin can delete an annotation");
    }
    await runtime.store.annotations.remove(annotation.id, session.username);
    await audit(runtime, session, req, "annotation.remove", params.id, {
      annotation: annotation.id,
      label: annotation.label,
      atMs: annotation.atMs,
      utterance: annotation.utterance,
      note: annotation.note,
      author: annotation.by,
    });
    return new Response(null, { status: 204 });
  },
);

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods("DELETE");
