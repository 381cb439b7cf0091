import { describe, expect, it } from "vitest";
import { VendorError } from "../errors";
import type { NormalizedCall, RecordOutcome } from "../types";
import { detailCall } from "./normalize-all";

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
