import type { Intent, Speaker } from "@/lib/model";
import type { SimLine } from "@/lib/simulator/types";
import type { ClipVoice } from "@/lib/simulator/voice/clips";
import type { Rng } from "./prng";
import type { Persona } from "./results";
import { GENERIC_CUSTOMER as CUSTOMER, GENERIC_ROBOT as ROBOT } from "./scripts/generic";
import type { IndustryScript, ScriptLine, Topic } from "./scripts/script-types";
import { Talk } from "./talk";

/**
 * One answered call, walked through its industry script as a small state machine: opening, the
 * customer's first reaction, the pitch, questions and their answers, then a close that depends on
 * who picked up (agreeing, thinking it over, busy, refusing, hostile). The intent grade is read from
 * how it went, not chosen up front.
 */

/** Calls that do not follow the usual course. */
export type Special =
  /** The vendor's ASR heard nothing: the robot keeps asking 能听到吗, the transcript comes back empty. */
  | "asr_failure"
  /** A patient customer with many questions, talking until `targetMs`. */
  | "patient";

export interface ConversationPlan {
  script: IndustryScript;
  persona: Persona;
  special: Special | null;
  /** For "patient" calls: keep the conversation going at least this long. */
  targetMs?: number;
  voice: ClipVoice;
  /** What is said. */
  rng: Rng;
  /** How long it all takes (gaps, latencies): separate, so retiming never changes what is said. */
  timing: Rng;
}

export type Outcome = "accepted" | "considering" | "neutral" | "busy" | "refused" | "hostile" | "no_dialog";

export interface Conversation {
  lines: SimLine[];
  talkMs: number;
  hangupBy: Speaker;
  rounds: number;
  outcome: Outcome;
  intent: Intent;
  /** What the customer asked about, in the order first asked. */
  concerns: string[];
  questions: number;
}

export function converse(plan: ConversationPlan): Conversation {
  const { script, rng } = plan;
  const talk = new Talk(rng, plan.voice, plan.timing);
  const concerns: string[] = [];
  let questions = 0;
  let pitchIndex = 0;

  const ask = (topic: Topic) => {
    // A bare 多少钱？ asks about the first topic (price or fee) as well as the topic's own wordings do.
    const wordings = topic === script.topics[0] && rng.chance(0.3) ? CUSTOMER.price : topic.asks;
    talk.customer(wordings);
    talk.robot(topic.answer);
    questions++;
    if (!concerns.includes(topic.concern)) concerns.push(topic.concern);
  };
  const nextPitch = () => {
    const pitch = script.pitches[pitchIndex];
    if (!pitch) return false;
    pitchIndex++;
    talk.robot(pitch);
    return true;
  };
  /** Small talk that happens in any longer call: 你再说一遍, 你是机器人吗？ */
  const aside = () => {
    const roll = rng.next();
    if (roll < 0.5 && talk.lastRobot) {
      talk.customer(CUSTOMER.repeat);
      talk.robot(talk.lastRobot); // the same clip again: the robot repeats itself word for word
    } else if (roll < 0.8) {
      talk.customer(CUSTOMER.robot);
      talk.robot(ROBOT.identity);
    } else {
      talk.customer(CUSTOMER.ack);
      if (!nextPitch()) talk.robot(ROBOT.more);
    }
  };
  const finish = (outcome: Outcome, rounds = talk.rounds): Conversation => {
    const intent = intentOf(outcome, questions);
    return {
      lines: talk.lines,
      talkMs: talk.finish(),
      hangupBy: talk.lastSpeaker === "customer" ? "customer" : "robot",
      rounds,
      outcome,
      intent,
      concerns,
      questions,
    };
  };

  talk.robot(rng.pick(script.opens));

  if (plan.special === "asr_failure") {
    talk.customer(CUSTOMER.hello, { bargeIn: false });
    talk.robot(ROBOT.hello);
    talk.customer(CUSTOMER.cannotHear, { bargeIn: false });
    if (rng.chance(0.5)) {
      talk.robot(ROBOT.hello);
      talk.customer(CUSTOMER.hello, { bargeIn: false });
    }
    talk.robot(ROBOT.badSignal);
    return finish("no_dialog", 0); // the robot never understood a word: no dialog rounds
  }

  const persona = plan.special === "patient" ? (rng.chance(0.5) ? "eager" : "interested") : plan.persona;

  // The customer's first reaction to the opening.
  const first = rng.next();
  if (persona === "refuser" && first < 0.15) {
    talk.customer(CUSTOMER.hangUp);
    return finish("refused");
  }
  if (persona === "busy" && first < 0.3) {
    talk.customer(CUSTOMER.busy);
    talk.robot(ROBOT.busy);
    return finish("busy");
  }
  if (persona === "hostile" && first < 0.5) {
    talk.customer(CUSTOMER.numberSource);
    talk.robot(ROBOT.numberSource);
    return hostileClose();
  }
  if (first < 0.7 && rng.chance(0.4)) {
    talk.customer(CUSTOMER.who);
    talk.robot(script.who);
    talk.robot(script.pitches[pitchIndex++]!, true);
  } else {
    talk.customer(rng.chance(0.6) ? CUSTOMER.hello : CUSTOMER.ack);
    nextPitch();
  }

  if (persona === "hostile") {
    if (rng.chance(0.5)) {
      talk.customer(CUSTOMER.robot);
      talk.robot(ROBOT.identity);
    }
    return hostileClose();
  }

  // Questions: how many depends on who picked up; patient customers go on until the target length.
  const topics = rng.shuffle(script.topics);
  const planned = {
    eager: rng.int(2, 4),
    interested: rng.int(2, 5),
    neutral: rng.int(1, 3),
    busy: rng.int(0, 2),
    refuser: rng.int(0, 2),
  }[persona];
  const target = plan.special === "patient" ? (plan.targetMs ?? 0) : 0;
  for (let k = 0; k < planned || talk.endMs < target; k++) {
    if (k > 0 && rng.chance(target ? 0.25 : 0.12)) aside();
    const topic = topics[k % topics.length]!;
    ask(topic);
    if (target && rng.chance(0.2)) talk.robot(ROBOT.more, true);
    // A patient customer goes through the topics again, in a new order, after each round.
    if (target && k % topics.length === topics.length - 1)
      topics.splice(0, topics.length, ...rng.shuffle(script.topics));
  }

  switch (persona) {
    case "busy":
      talk.customer(CUSTOMER.busy);
      talk.robot(ROBOT.busy);
      return finish("busy");
    case "refuser": {
      talk.customer(CUSTOMER.no);
      talk.robot(script.objections[0]);
      if (rng.chance(0.45)) {
        talk.customer(CUSTOMER.hangUp); // and the line goes dead: no reply
        return finish("refused");
      }
      talk.customer(CUSTOMER.no);
      talk.robot(script.objections[1]);
      talk.robot(script.bye, true);
      return finish("refused");
    }
    default:
      break;
  }

  // Eager, interested and neutral customers hear the rest of the pitch, then the invitation.
  if (pitchIndex < script.pitches.length) {
    talk.customer(rng.chance(0.5) ? CUSTOMER.ack : CUSTOMER.ok);
    nextPitch();
  }
  talk.robot(script.invite, true);

  if (persona === "eager") {
    talk.customer(script.accepts);
    talk.robot(script.confirm);
    closeWithBye(script.bye);
    return finish("accepted");
  }
  if (persona === "interested") {
    talk.customer(CUSTOMER.think);
    talk.robot(ROBOT.think);
    closeWithBye(script.bye);
    return finish(questions >= 2 ? "considering" : "neutral");
  }
  // neutral
  if (rng.chance(0.5)) {
    talk.customer(CUSTOMER.later);
    talk.robot(ROBOT.bye);
  } else {
    talk.customer(CUSTOMER.bye);
    talk.robot(script.bye);
  }
  return finish("neutral");

  function closeWithBye(bye: ScriptLine) {
    if (rng.chance(0.5)) {
      talk.customer(rng.chance(0.5) ? CUSTOMER.ok : CUSTOMER.bye);
      talk.robot(bye);
    } else {
      talk.robot(bye, true);
    }
  }

  function hostileClose(): Conversation {
    // 别再给我打电话了 gets the robot's do-not-call promise; 又是骚扰电话吧 is said while hanging up.
    const said = talk.customer(CUSTOMER.spam);
    if (said === CUSTOMER.spam[0] || rng.chance(0.3)) talk.robot(ROBOT.doNotCall);
    return finish("hostile");
  }
}

/**
 * The grade a vendor's intent model would give: A 明确有意向, B 有意向, C 一般, D 用户忙/再联系,
 * E 明确拒绝, F 无需跟进 (hostile, or nothing usable was said).
 */
export function intentOf(outcome: Outcome, questions: number): Intent {
  switch (outcome) {
    case "accepted":
      return "A";
    case "considering":
      return "B";
    case "neutral":
      return questions >= 3 ? "B" : "C";
    case "busy":
      return "D";
    case "refused":
      return "E";
    case "hostile":
    case "no_dialog":
      return "F";
  }
}

export const INTENT_MEANINGS: Record<Intent, string> = {
  A: "明确有意向",
  B: "有意向",
  C: "一般",
  D: "用户忙，再联系",
  E: "明确拒绝",
  F: "无需跟进",
};
