import { z } from "zod";
import { AppError, answerAs } from "@/lib/errors";
import { Annotation, AnnotationLabel } from "@/lib/model";
import { audit } from "@/lib/server/audit";
import { readJsonBody } from "@/lib/server/body";
import { otherMethods, route } from "@/lib/server/handler";
import { presentText } from "@/lib/server/present";

export const dynamic = "force-dynamic";

const NewAnnotation = z
  .strictObject({
    atMs: z
      .number()
      .int("a whole number of milliseconds")
      .nonnegative()
      .max(86_400_000)
      .nullable()
      .optional(),
    utterance: z.number().int("the index of a line in the transcript").nonnegative().nullable().optional(),
    label: AnnotationLabel,
    note: z.string().max(2000, "at most 2000 characters").nullable().optional(),
  })
  .refine((body) => body.atMs != null || body.utterance != null, {
    message: "send at least one of atMs, utterance",
    path: ["atMs"],
  });

/** GET /api/calls/{id}/annotations — everyone reads them; operators with numbers in notes masked. */
export const GET = route<{ id: string }>("operator", async ({ params, runtime, session }) => {
  if (!(await runtime.store.calls.get(params.id)))
    throw new AppError("not_found", `no call with id ${params.id}`);
  const annotations = (await runtime.store.annotations.list(params.id)).map((annotation) => ({
    ...annotation,
    note: presentText(annotation.note, session),
  }));
  return Response.json(answerAs(z.array(Annotation), annotations), {
    headers: { "cache-control": "private, no-store" },
  });
});

/** POST /api/calls/{id}/annotations — supervisors and admins mark a line and/or a moment; audited. */
export const POST = route<{ id: string }>("supervisor", async ({ req, params, runtime, session }) => {
  const body = await readJsonBody(req, NewAnnotation);
  const call = await runtime.store.calls.get(params.id);
  if (!call) throw new AppError("not_found", `no call with id ${params.id}`);
  // Lines are counted in the transcript the reviewer sees: the live detail (cached from opening the
  // call), which a call whose transcript the index still waits for already has.
  const lines =
    body.utterance == null
      ? 0
      : (call.transcript?.length ?? (await runtime.details.get(params.id)).detail.transcript.length);
  if (body.utterance != null && body.utterance >= lines) {
    throw new AppError(
      "invalid_body",
      `utterance: the call's transcript has ${lines} line${lines === 1 ? "" : "s"} (0–${Math.max(0, lines - 1)})`,
    );
  }
  const annotation = await runtime.store.annotations.add(
    params.id,
    {
      atMs: body.atMs ?? null,
      utterance: body.utterance ?? null,
      label: body.label,
      note: body.note ?? null,
    },
    session.username,
  );
  await audit(runtime, session, req, "annotation.add", params.id, {
    annotation: annotation.id,
    label: annotation.label,
    atMs: annotation.atMs,
    utterance: annotation.utterance,
    note: annotation.note,
  });
  return Response.json(answerAs(Annotation, annotation), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
