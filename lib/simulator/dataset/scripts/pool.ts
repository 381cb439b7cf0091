import type { Industry } from "@/lib/simulator/types";
import { CAR_SCRIPT } from "./car";
import { CREDIT_CARD_SCRIPT } from "./credit-card";
import { EDUCATION_SCRIPT } from "./education";
import { GENERIC_CUSTOMER, GENERIC_ROBOT } from "./generic";
import { HOUSE_SCRIPT } from "./house";
import { INSURANCE_SCRIPT } from "./insurance";
import type { IndustryScript, ScriptLine } from "./script-types";

/** Every script, by industry, and the whole line pool the voice clips are made from. */
export const SCRIPTS: Record<Industry, IndustryScript> = {
  房产: HOUSE_SCRIPT,
  保险: INSURANCE_SCRIPT,
  信用卡: CREDIT_CARD_SCRIPT,
  汽车: CAR_SCRIPT,
  教育: EDUCATION_SCRIPT,
};

export function scriptLines(script: IndustryScript): ScriptLine[] {
  return [
    ...script.opens,
    script.who,
    ...script.pitches,
    ...script.topics.flatMap((topic) => [...topic.asks, topic.answer]),
    ...script.objections,
    script.invite,
    script.confirm,
    script.bye,
    ...script.accepts,
  ];
}

/** Every line any call can contain, each once (make-clips.mjs voices exactly these). */
export function allScriptLines(): ScriptLine[] {
  return [
    ...Object.values(GENERIC_ROBOT),
    ...Object.values(GENERIC_CUSTOMER).flat(),
    ...Object.values(SCRIPTS).flatMap(scriptLines),
  ];
}
