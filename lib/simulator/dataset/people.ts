import type { Industry } from "@/lib/simulator/types";
import type { ClipVoice } from "@/lib/simulator/voice/clips";
import type { Rng } from "./prng";

/** Who is called: how a Chinese call list names them (张先生, 李女士), and the voice they speak with. */

const SURNAMES = [
  "张",
  "李",
  "王",
  "刘",
  "陈",
  "杨",
  "赵",
  "黄",
  "周",
  "吴",
  "徐",
  "孙",
  "胡",
  "朱",
  "高",
  "林",
  "何",
  "郭",
  "马",
  "罗",
  "梁",
  "宋",
  "郑",
  "谢",
  "韩",
  "唐",
  "冯",
  "于",
  "董",
  "萧",
];

export interface Person {
  customerName: string;
  voice: ClipVoice;
}

export function personFor(rng: Rng): Person {
  const male = rng.chance(0.55);
  return {
    customerName: `${rng.pick(SURNAMES)}${male ? "先生" : "女士"}`,
    // Men speak with one of two male voices, women with the female one (see make-clips.mjs).
    voice: male ? (rng.chance(0.6) ? "m1" : "m2") : "f1",
  };
}

/** Task variables as AICCS keeps them per number: always name, product and company, then the industry's own. */
export function variablesFor(
  industry: Industry,
  customerName: string,
  product: string,
  company: string,
  rng: Rng,
): Record<string, string> {
  const base = { name: customerName, product, company };
  switch (industry) {
    case "房产":
      return {
        ...base,
        project: "星河湾",
        city: rng.pick(["杭州", "济南", "南京", "苏州"]),
        budget: `${rng.int(150, 450)}万`,
      };
    case "保险":
      return {
        ...base,
        policyNo: `AK2025${String(rng.int(0, 99_999_999)).padStart(8, "0")}`,
        expireDate: `2026-12-${String(rng.int(1, 28)).padStart(2, "0")}`,
      };
    case "信用卡":
      return {
        ...base,
        cardTail: String(rng.int(0, 9999)).padStart(4, "0"),
        billAmount: `${rng.int(3_000, 48_000)}.00`,
      };
    case "汽车":
      return {
        ...base,
        model: "远航E7",
        store: "城东店",
        intentModel: rng.pick(["E7 长续航版", "E7 四驱版", "E7 标准版"]),
      };
    case "教育":
      return { ...base, childAge: String(rng.int(6, 12)), course: "少儿编程" };
  }
}
