import { describe, expect, it } from "vitest";
import { z } from "zod";
import { VendorError } from "../errors";
import type { NormalizedCall, RecordOutcome } from "../types";
import { detailCall, schemaReason } from "./normalize-all";

describe("detailCall", () => {
  it("hands back the call of a readable detail", () => {
    const call = { summary: { vendorCallId: "42" } } as unknown as NormalizedCall;
    expect(detailCall({ ok: true, call }, "Tanyi: call 42")).toBe(call);
  });

  it("turns an unreadable detail into a bad-response vendor error that names the call and the reason", () => {
    const outcome: RecordOutcome = {
      ok: false,
      problem: { taskId: "t1", vendorCallId: "42", reason: "callRecordId: expected a string", raw: "{}" },
    };
    let thrown: unknown;
    try {
      detailCall(outcome, "Tanyi: call 42");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(VendorError);
    const error = thrown as VendorError;
    expect(error.kind).toBe("bad_response");
    expect(error.vendorCode).toBe("bad_record");
    expect(error.message).toBe("Tanyi: call 42 cannot be read (callRecordId: expected a string)");
  });
});

describe("schemaReason", () => {
  const Record = z.object({ callId: z.string(), detail: z.object({ round: z.number() }) });

  it("names the first failing field by its path", () => {
    const result = Record.safeParse({ callId: 7, detail: { round: 1 } });
    expect(result.success).toBe(false);
    if (!result.success) expect(schemaReason(result.error)).toMatch(/^callId: /);
    const nested = Record.safeParse({ callId: "7", detail: { round: "x" } });
    expect(nested.success).toBe(false);
    if (!nested.success) expect(schemaReason(nested.error)).toMatch(/^detail\.round: /);
  });

  it("says (record) when the record itself is wrong", () => {
    const result = Record.safeParse("not an object");
    expect(result.success).toBe(false);
    if (!result.success) expect(schemaReason(result.error)).toMatch(/^\(record\): /);
  });
});
