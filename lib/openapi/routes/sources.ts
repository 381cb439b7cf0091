import { z } from "zod";
import { SyncStarted } from "@/lib/api/calls";
import { SourceStatus } from "@/lib/model";
import type { RouteGroup } from "../spec";

export const sources: RouteGroup = {
  tag: "Sources",
  description: "The configured vendor accounts and their syncs into the index.",
  operations: [
    {
      method: "get",
      path: "/api/sources",
      summary: "Sources and their sync state",
      access: "operator",
      answers: { 200: { description: "one entry per configured source", schema: z.array(SourceStatus) } },
    },
    {
      method: "post",
      path: "/api/sources/{id}/sync",
      summary: "Start a sync",
      description: "Starts a sync of the source's tasks into the index, or joins the one under way.",
      access: "admin",
      answers: {
        202: { description: "the sync is under way", schema: SyncStarted },
        404: { description: "no source with that id" },
      },
    },
  ],
};
