import { z } from "zod";
import { IsoDateTime } from "@/lib/model";
import { ANNOTATION_LABELS } from "@/lib/vocabulary";
import type { RouteGroup } from "../spec";

/** CONTRACT §3 annotations: a label (and note) pinned to a moment or an utterance of a call. */

const Label = z.enum(ANNOTATION_LABELS);

export const Annotation = z.object({
  id: z.union([z.string(), z.number().int()]),
  atMs: z.number().nonnegative().nullable().describe("offset into the recording"),
  utterance: z.number().int().nonnegative().nullable().describe("index in the transcript"),
  label: Label,
  note: z.string().nullable().describe("masked for operators"),
  by: z.string(),
  at: IsoDateTime,
});

export const NewAnnotation = z
  .object({
    atMs: z.number().nonnegative().optional(),
    utterance: z.number().int().nonnegative().optional(),
    label: Label,
    note: z.string().max(2000).optional(),
  })
  .refine((body) => body.atMs !== undefined || body.utterance !== undefined, {
    message: "send atMs or utterance",
  });

export const annotations: RouteGroup = {
  tag: "Annotations",
  description: "Notes pinned to a moment or an utterance of a call.",
  operations: [
    {
      method: "get",
      path: "/api/calls/{id}/annotations",
      summary: "A call's annotations",
      access: "operator",
      answers: {
        200: { description: "the annotations (notes masked for operators)", schema: z.array(Annotation) },
        404: { description: "no call with that id" },
      },
    },
    {
      method: "post",
      path: "/api/calls/{id}/annotations",
      summary: "Annotate a call",
      description: "At least one of `atMs` / `utterance`.",
      access: "supervisor",
      body: NewAnnotation,
      answers: {
        201: { description: "the annotation", schema: Annotation },
        404: { description: "no call with that id" },
      },
    },
    {
      method: "delete",
      path: "/api/calls/{id}/annotations/{annotationId}",
      summary: "Delete an annotation",
      description: "Its author or an admin.",
      access: "supervisor",
      answers: {
        204: { description: "deleted" },
        404: { description: "no such annotation on that call" },
      },
    },
  ],
};
