import { z } from "zod";
import { CallStats, Neighbors, Peaks, ReviewPatch } from "@/lib/api/calls";
import { CallAlignment, Review } from "@/lib/model";
import { ListFilters, ListQuery } from "../list-query";
import { DocCallDetail, DocCallList } from "../model";
import { BUSY, type RouteGroup } from "../spec";

export const calls: RouteGroup = {
  tag: "Calls",
  description:
    "The call index and one call. Operators get phone, ID-card and bank-card numbers masked in every answer.",
  operations: [
    {
      method: "get",
      path: "/api/calls",
      summary: "List calls",
      description:
        "From the index, newest first by default. An unknown value or a malformed number is a 400 " +
        "`invalid_query` whose message starts with the parameter's name. Opening it on a stale index starts a sync.",
      access: "operator",
      query: ListQuery,
      answers: { 200: { description: "one page of calls", schema: DocCallList }, 503: BUSY },
    },
    {
      method: "get",
      path: "/api/calls/stats",
      summary: "Totals for the filters",
      access: "operator",
      query: ListFilters,
      answers: { 200: { description: "counts by result and by intent", schema: CallStats }, 503: BUSY },
    },
    {
      method: "get",
      path: "/api/calls/export",
      summary: "Export calls as CSV",
      description: "Every call matching the filters, in the list's order, streamed (UTF-8 with BOM).",
      access: "operator",
      query: ListQuery.omit({ limit: true, cursor: true }),
      answers: { 200: { description: "CSV, one call a row", media: "text/csv; charset=utf-8" } },
    },
    {
      method: "get",
      path: "/api/calls/{id}",
      summary: "One call, live from the vendor",
      description:
        "Fetched from the vendor (cached 30 s); the indexed copy with `stale: true` when the vendor fails.",
      access: "operator",
      answers: {
        200: { description: "the call with its transcript", schema: DocCallDetail },
        404: { description: "no call with that id" },
        502: { description: "the vendor failed and the index holds no copy" },
      },
    },
    {
      method: "get",
      path: "/api/calls/{id}/recording",
      summary: "The recording, streamed",
      description: "The vendor's audio, streamed through; the vendor's signed URL never reaches the browser.",
      access: "operator",
      headers: { range: "`bytes=start-end`: a part of the audio" },
      answers: {
        200: { description: "the whole recording", media: "audio/*" },
        206: {
          description: "the range asked for",
          media: "audio/*",
          headers: { "content-range": "bytes start-end/size" },
        },
        404: { description: "no call, or a call without a recording" },
        416: { description: "the range lies outside the recording" },
      },
    },
    {
      method: "get",
      path: "/api/calls/{id}/peaks",
      summary: "Waveform peaks",
      description: "Computed on the server once and cached, for drawing the waveform without decoding audio.",
      access: "operator",
      query: z.object({
        points: z.number().int().min(50).max(100_000).describe("points per channel").optional(),
      }),
      answers: {
        200: { description: "one array of peaks per channel", schema: Peaks },
        404: { description: "no call, or a call without a recording" },
      },
    },
    {
      method: "get",
      path: "/api/calls/{id}/alignment",
      summary: "Audio-aligned timing of the transcript",
      description:
        "The detail's transcript placed on the speech detected in the recording (per party: stereo channels, " +
        "a customer-only track, or turns in mono), with the call's conversation metrics. Computed once, in the " +
        "same read of the recording as the peaks, and cached per transcript (`transcriptHash`, as on the detail). " +
        "Lines the aligner is not sure of keep their estimated times (`timing` says which).",
      access: "operator",
      answers: {
        200: {
          description: "per line: times, timing, confidence, its speech; each party's speech",
          schema: CallAlignment,
        },
        404: { description: "no call, or a call without a recording" },
        502: { description: "the recording could not be fetched or is not readable audio" },
        504: { description: "the recording host did not answer within the interactive deadline" },
      },
    },
    {
      method: "get",
      path: "/api/calls/{id}/neighbors",
      summary: "The previous and next call of a list",
      access: "operator",
      query: ListQuery.omit({ limit: true, cursor: true }),
      answers: {
        200: { description: "ids of the neighbours in that list's order", schema: Neighbors },
        404: { description: "no call with that id" },
      },
    },
    {
      method: "patch",
      path: "/api/calls/{id}/review",
      summary: "Review a call",
      description: "Every change is kept in the history and the audit log.",
      access: "supervisor",
      body: ReviewPatch,
      answers: {
        200: { description: "the review now", schema: Review },
        404: { description: "no call with that id" },
      },
    },
  ],
};
