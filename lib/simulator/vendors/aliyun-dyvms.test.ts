import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIM_CREDENTIALS } from "@/lib/simulator/credentials";
import { startSimulator, type SimulatorHandle } from "@/lib/simulator/server";
import { arrayDataset } from "@/lib/simulator/testing/array-dataset";
import { BASE_DIAL, TASK, truthCalls } from "@/lib/simulator/testing/dyvms-truth";
import { sampleSimCall } from "@/lib/simulator/testing/sample-call";
import { signRpcRequest, toQueryString } from "@/lib/vendors/shared/aliyun-rpc-signature";
import { createAliyunDyvmsSimVendor } from "./aliyun-dyvms";

describe("the simulated Dyvms gateway", () => {
  let sim: SimulatorHandle;
  let endpoint: string;
  const creds = SIM_CREDENTIALS.aliyun;

  beforeAll(async () => {
    sim = await startSimulator({
      dataset: arrayDataset(truthCalls()),
      vendors: [createAliyunDyvmsSimVendor()],
      credentials: SIM_CREDENTIALS,
    });
    endpoint = `${sim.url}/aliyun-dyvms`;
  });
  afterAll(() => sim.close());

  function signed(
    method: "GET" | "POST",
    params: Record<string, string>,
    extra: { now?: Date; secret?: string } = {},
  ) {
    return signRpcRequest({
      method,
      action: "QueryRobotTaskCallList",
      version: "2017-05-25",
      accessKeyId: creds.accessKeyId,
      accessKeySecret: extra.secret ?? creds.accessKeySecret,
      params,
      now: extra.now,
    });
  }

  async function get(query: string) {
    const res = await fetch(`${endpoint}/?${query}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it("accepts a POST form body signed for POST", async () => {
    const body = toQueryString(signed("POST", { TaskId: TASK, PageNo: "2", PageSize: "3" }));
    const res = await fetch(`${endpoint}/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    const json = (await res.json()) as { Code: string; Data: unknown };
    expect(res.status).toBe(200);
    expect(json.Code).toBe("OK");
    // Even pages carry Data as a real array, odd pages as a JSON string.
    expect(Array.isArray(json.Data)).toBe(true);
    expect((json.Data as unknown[]).length).toBe(3);
  });

  it("renders the list with the docs' types: strings for duration and dialogCount, a numeric taskId", async () => {
    const { body } = await get(toQueryString(signed("GET", { TaskId: TASK, PageNo: "1", PageSize: "2" })));
    expect(typeof body.Data).toBe("string");
    const entries = JSON.parse(body.Data as string) as Record<string, unknown>[];
    expect(entries[1]).toMatchObject({
      taskId: 4001112222,
      duration: "16",
      dialogCount: "1",
      callStartTime: "2026.11.16 10:31:00",
    });
    expect(entries[1]).toHaveProperty("konwledgeCount");
  });

  it("refuses a replayed nonce", async () => {
    const query = toQueryString(signed("GET", { TaskId: TASK }));
    expect((await get(query)).status).toBe(200);
    const replay = await get(query);
    expect(replay.status).toBe(400);
    expect(replay.body.Code).toBe("SignatureNonceUsed");
  });

  it("refuses a timestamp more than 15 minutes off", async () => {
    const stale = await get(
      toQueryString(signed("GET", { TaskId: TASK }, { now: new Date(Date.now() - 16 * 60_000) })),
    );
    expect(stale.status).toBe(400);
    expect(stale.body.Code).toBe("InvalidTimeStamp.Expired");
  });

  it("refuses a bad signature with the string to sign but never the secret", async () => {
    const wrong = await get(
      toQueryString(signed("GET", { TaskId: TASK }, { secret: "not-the-secret-at-all" })),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.Code).toBe("SignatureDoesNotMatch");
    expect(wrong.body.Message).toMatch(
      /^Specified signature is not matched with our calculation\. server string to sign is:GET&%2F&/,
    );
    expect(JSON.stringify(wrong.body)).not.toContain(creds.accessKeySecret);
  });

  it("names a missing parameter", async () => {
    const params = signRpcRequest({
      method: "GET",
      action: "QueryCallDetailByTaskId",
      version: "2017-05-25",
      accessKeyId: creds.accessKeyId,
      accessKeySecret: creds.accessKeySecret,
      params: { TaskId: TASK, QueryDate: String(BASE_DIAL) },
    });
    const res = await get(toQueryString(params));
    expect(res.status).toBe(400);
    expect(res.body.Code).toBe("MissingCallee");
  });

  // How fast it renders is the bench's business; here, that a full page holds every call.
  it("renders a 100-call page with every call on it", async () => {
    const many = Array.from({ length: 100 }, (_, i) =>
      sampleSimCall({ index: i, callee: `1380000${String(i).padStart(4, "0")}` }),
    );
    const vendor = createAliyunDyvmsSimVendor();
    const context = { ...sim.context, dataset: arrayDataset(many) };
    const query = new URLSearchParams(signed("GET", { TaskId: TASK, PageNo: "1", PageSize: "100" }));
    const res = await vendor.handle({ method: "GET", path: "/", query, headers: {}, body: "" }, context);
    expect(res.status).toBe(200);
    const text = String(res.body);
    for (const call of many) expect(text).toContain(call.callee);
  });
});
