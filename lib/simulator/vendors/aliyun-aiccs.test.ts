import { describe, expect, it } from "vitest";
import { SIM_CREDENTIALS } from "@/lib/simulator/credentials";
import { truthCall, TASK } from "@/lib/simulator/testing/aiccs-truth";
import { arrayDataset } from "@/lib/simulator/testing/array-dataset";
import type { SimCall } from "@/lib/simulator/types";
import { signRpcRequest } from "@/lib/vendors/shared/aliyun-rpc-signature";
import { createAliyunAiccsSimVendor } from "./aliyun-aiccs";

/** The simulated AICCS gateway's own wire format (the adapter's contract with it: lib/vendors/aliyun-aiccs). */

const { accessKeyId: KEY_ID, accessKeySecret: SECRET } = SIM_CREDENTIALS.aliyun;

// How fast it renders is the bench's business; here, that a full page holds every record.
describe("simulator pages", () => {
  it("renders a 100-record page with every record on it", async () => {
    const many = Array.from({ length: 100 }, (_, i) =>
      truthCall(i, i % 3 === 0 ? "no_answer" : "answered", {
        vendorCallId: String(9_662_000_000_000_100_000n + BigInt(i)),
      }),
    );
    const vendor = createAliyunAiccsSimVendor();
    const context = {
      dataset: arrayDataset(many),
      credentials: SIM_CREDENTIALS,
      baseUrl: "http://127.0.0.1:1",
      recordingUrl: (call: SimCall) =>
        `http://127.0.0.1:1/oss/aiccs/${call.vendorCallId}.wav?Expires=1&Signature=x`,
      now: Date.now,
    };
    const render = async () => {
      const params = signRpcRequest({
        method: "GET",
        action: "QueryAiCallDetailPage",
        version: "2019-10-15",
        accessKeyId: KEY_ID,
        accessKeySecret: SECRET,
        params: { TaskId: TASK, PageNo: "1", PageSize: "100" },
      });
      const request = { method: "GET", path: "/", query: new URLSearchParams(params), headers: {}, body: "" };
      const response = await vendor.handle(request, context);
      expect(response.status).toBe(200);
      return String(response.body);
    };
    const text = await render();
    const data = (JSON.parse(text) as { Data: { List: unknown[]; Total: number } }).Data;
    expect(data.Total).toBe(100);
    expect(data.List).toHaveLength(100);
    // DetailIds beyond 2^53 travel as bare numbers: look for each one in the text, digit for digit.
    for (const call of many) expect(text).toContain(call.vendorCallId);
  });
});
