import { z } from "zod";
import {
  AuditPage,
  FaultList,
  FaultRules,
  QuarantinePage,
  ReprocessResult,
  SessionList,
} from "@/lib/api/admin";
import type { RouteGroup } from "../spec";

export const admin: RouteGroup = {
  tag: "Administration",
  description: "The audit log, vendor records that could not be read, and (demo only) fault injection.",
  operations: [
    {
      method: "get",
      path: "/api/admin/sessions",
      summary: "Open sessions",
      description: "Every signed-in session that has not ended, newest first; `?username=` for one user's.",
      access: "admin",
      query: z.object({ username: z.string().optional() }),
      answers: { 200: { description: "the open sessions", schema: SessionList } },
    },
    {
      method: "delete",
      path: "/api/admin/sessions",
      summary: "End every session of a user",
      description: "Their cookies stop working everywhere at once; audited.",
      access: "admin",
      query: z.object({ username: z.string() }),
      answers: {
        200: { description: "how many ended", schema: z.object({ ended: z.number().int() }) },
        400: { description: "no username" },
      },
    },
    {
      method: "delete",
      path: "/api/admin/sessions/{id}",
      summary: "End one session",
      access: "admin",
      answers: { 204: { description: "ended" }, 404: { description: "no open session with that id" } },
    },
    {
      method: "get",
      path: "/api/audit",
      summary: "Audit log",
      description: "Who did what, newest first.",
      access: "admin",
      query: z.object({
        before: z.number().int().min(1).describe("entries older than this id (`nextBefore`)").optional(),
        limit: z.number().int().min(1).max(500).default(100).optional(),
        action: z.string().describe("only this action (`auth.login`, `call.open` …)").optional(),
        username: z.string().optional(),
      }),
      answers: { 200: { description: "a page of entries", schema: AuditPage } },
    },
    {
      method: "get",
      path: "/api/quarantine",
      summary: "Quarantined vendor records",
      description: "Records that failed validation, kept raw with the reason; signed URL queries removed.",
      access: "admin",
      query: z.object({ source: z.string().describe("only this source").optional() }),
      answers: {
        200: { description: "open records (at most 500) and counts by source", schema: QuarantinePage },
      },
    },
    {
      method: "post",
      path: "/api/quarantine/reprocess",
      summary: "Read quarantined records again",
      description: "With this version's adapters; records that now pass go into the index.",
      access: "admin",
      answers: { 200: { description: "resolved and remaining, by source", schema: ReprocessResult } },
    },
    {
      method: "post",
      path: "/api/demo/faults",
      summary: "Make the simulated vendors misbehave (demo mode)",
      access: "admin",
      body: FaultRules,
      answers: {
        200: { description: "the rules in force", schema: FaultList },
        404: { description: "not in demo mode" },
      },
    },
    {
      method: "delete",
      path: "/api/demo/faults",
      summary: "Clear injected faults (demo mode)",
      access: "admin",
      answers: {
        200: { description: "no rules left", schema: FaultList },
        404: { description: "not in demo mode" },
      },
    },
  ],
};
