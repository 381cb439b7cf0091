import { expect, test } from "vitest";
import type { Session } from "@/lib/auth/session";
import type { CallDetail } from "@/lib/model";
import { presentSummary } from "./present";

const call: CallDetail = {
  id: "abc",
  sourceId: "s",
  vendor: "agent-api",
  taskId: "t",
  vendorCallId: "v",
  callee: "13735460951",
  caller: "0571-88996676",
  startedAt: null,
  answeredAt: null,
  endedAt: null,
  durationSec: 3,
  result: "answered",
  resultLabel: null,
  hangupBy: null,
  rounds: 1,
  intent: null,
  intentLabel: null,
  tags: [],
  alerts: [],
  hasRecording: false,
  review: { status: "unreviewed", intent: null, note: null, by: null, at: null },
  metrics: null,
  recordingUrl: null,
  transcript: [],
  extra: {
    transferNumber: "0571-88336676",
    components: [{ name: "微信", value: "17710726421" }],
    sureCount: 2,
    bridge: 13800138000,
    note: "回拨 138 0013 8000",
    created: "2022-09-29 15:09:13",
  },
};
const as = (role: Session["role"]): Session => ({
  id: `s-${role}`,
  username: role,
  role,
  name: null,
  expiresAt: Date.now() + 1000,
});

test("operators see every phone number masked, in the summary and in the vendor's extras", () => {
  const seen = presentSummary(call, as("operator"));
  expect(seen.callee).toBe("137****0951");
  expect(seen.caller).toBe("057*-****6676");
  expect(JSON.stringify(seen)).not.toMatch(/88336676|17710726421|13800138000|138 0013 8000/);
  expect(seen.extra.sureCount).toBe(2);
  expect(seen.extra.created).toBe("2022-09-29 15:09:13");
  expect(presentSummary(call, as("supervisor"))).toEqual(call);
});
