import { describe, expect, test } from "vitest";
import { intentFromWord } from "./intent";
import { aliyunStatus, resultFromWord } from "./result-map";

describe("result words, whatever the vendor spells", () => {
  test.each([
    ["接通", "answered"],
    ["用户接听", "answered"],
    ["已接听", "answered"],
    ["ANSWERED", "answered"],
    ["用户接通", "answered"],
    ["无人接听", "no_answer"],
    ["NO_USER_RESPONSE", "no_answer"],
    ["no answer", "no_answer"],
    ["占线", "busy"],
    ["USER_BUSY", "busy"],
    ["被叫忙", "busy"],
    ["拒接", "refused"],
    ["CALL_REJECTED", "refused"],
    ["关机", "power_off"],
    ["用户关机", "power_off"],
    ["POWERED_OFF", "power_off"],
    ["停机", "suspended"],
    ["OUT_OF_SERVICE", "suspended"],
    ["SUSPEND", "suspended"],
    ["空号", "vacant"],
    ["INVALID_NUMBER", "vacant"],
    ["不在服务区", "unreachable"],
    ["NETWORK_BUSY", "unreachable"],
    ["呼损", "blocked"],
    ["INCOMING_CALL_BARRED", "blocked"],
    ["系统错误", "failed"],
    ["CANCEL", "failed"],
    ["CALL_STATE_9", "unknown"],
    ["用户", "unknown"],
    ["", "unknown"],
  ])("%s → %s", (word, result) => {
    expect(resultFromWord(word)).toBe(result);
  });

  test("Aliyun status codes", () => {
    expect(aliyunStatus("200000")).toEqual({ result: "answered", text: "用户接听" });
    expect(aliyunStatus("200111")?.result).toBe("refused");
    expect(aliyunStatus("200121")?.result).toBe("blocked");
    expect(aliyunStatus("999999")?.result).toBe("failed");
    expect(aliyunStatus("200999")).toBeNull();
  });
});

test.each([
  ["A", "A", null],
  ["b", "B", null],
  ["C级", "C", "C级"],
  ["D类客户", "D", "D类客户"],
  ["高意向", null, "高意向"],
  ["G", null, "G"],
])("intent word %s → %s", (word, intent, label) => {
  expect(intentFromWord(word)).toEqual({ intent, intentLabel: label });
});
