import { afterAll, beforeAll, expect, test } from "vitest";
import { GET as quarantine } from "@/app/api/quarantine/route";
import type { Runtime } from "@/lib/server/runtime";
import { installRuntime } from "@/lib/server/runtime";
import { createTestRuntime, paramsOf, requestAs } from "@/lib/testing/runtime";

/**
 * Finding 10: quarantined raw records keep the vendor's signed recording URLs on the server, for the
 * API and the admin page alike (both read them through lib/server/quarantine-view.ts; the page is
 * also checked in the browser by e2e/security.spec.ts).
 */

let runtime: Runtime;
// As a vendor's JSON text can spell it: plain, with escaped slashes, with an escaped "?" and "&".
const RAW = [
  '{"recordUrl":"https://oss-cn-hangzhou.aliyuncs.com/rec/1.wav?OSSAccessKeyId=LTAIxx&Expires=1900000000&Signature=c2lnbmVk",',
  '"escaped":"https:\\/\\/oss.aliyuncs.com\\/rec\\/2.wav?Signature=ZXNjYXBlZA",',
  '"unicode":"https://x.cn/r.wav\\u003fSignature=dW5pY29kZQ\\u0026Expires=3"}',
].join("");

beforeAll(async () => {
  runtime = await createTestRuntime();
  await runtime.store.quarantine.add("s", [{ taskId: "t", vendorCallId: "v", reason: "bad", raw: RAW }]);
});
afterAll(async () => {
  await runtime.close();
  installRuntime(null);
});

test("GET /api/quarantine holds no signature in any spelling, but the record is kept whole for reprocessing", async () => {
  const text = await (await quarantine(await requestAs("admin", "/api/quarantine"), paramsOf({}))).text();
  expect(text).toContain("oss-cn-hangzhou.aliyuncs.com/rec/1.wav?[signed query removed]");
  for (const secret of ["c2lnbmVk", "ZXNjYXBlZA", "dW5pY29kZQ", "LTAIxx", "Signature="])
    expect(text).not.toContain(secret);
  expect((await runtime.store.quarantine.open())[0]!.raw).toBe(RAW);
});

test("the admin page reads quarantined records through the same redaction", async () => {
  const { openQuarantine } = await import("@/lib/server/quarantine-view");
  const page = await openQuarantine(runtime);
  expect(page[0]!.raw).not.toMatch(/Signature|c2lnbmVk/);
});
