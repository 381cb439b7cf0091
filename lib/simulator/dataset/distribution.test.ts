import { describe, expect, it } from "vitest";
import { CALL_RESULTS, INTENTS } from "@/lib/model";
import { INDUSTRIES, SIM_SOURCES } from "@/lib/simulator/types";
import { SCRIPTS } from "./scripts/pool";
import { DUAL_CHANNEL_TASKS, SOURCE_AUDIO } from "./tasks";
import { DAY_MS, SHANGHAI_OFFSET_MS, shanghaiDayStart } from "./schedule";
import { allCalls, ANCHOR, demoDataset } from "./test-fixtures";

const HOUR = 3_600_000;
const shanghaiHour = (epochMs: number) =>
  ((((epochMs + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR;

describe("the mix of a 400-call demo", () => {
  const calls = allCalls(demoDataset());
  const answered = calls.filter((call) => call.result === "answered");

  it("has every result kind and every intent, whatever the seed", () => {
    for (const seed of [1, 2, 3, 20261111, 4_000_000_000]) {
      const some = allCalls(demoDataset(seed));
      expect(new Set(some.map((call) => call.result))).toEqual(new Set(CALL_RESULTS));
      expect(new Set(some.map((call) => call.intent).filter(Boolean))).toEqual(new Set(INTENTS));
    }
  });

  it("answers about half the calls, with realistic failures", () => {
    const share = (result: string) => calls.filter((call) => call.result === result).length / calls.length;
    expect(share("answered")).toBeGreaterThanOrEqual(0.45);
    expect(share("answered")).toBeLessThanOrEqual(0.55);
    expect(share("no_answer")).toBeGreaterThanOrEqual(0.1);
    expect(share("no_answer")).toBeLessThanOrEqual(0.22);
    expect(share("unknown")).toBeGreaterThan(0);
    expect(share("unknown")).toBeLessThanOrEqual(0.02);
  });

  it("gives answered calls an intent, a hang-up side, tags, a recording; others none of those", () => {
    for (const call of calls) {
      const isAnswered = call.result === "answered";
      expect(call.intent !== null).toBe(isAnswered);
      expect(call.hangupBy !== null).toBe(isAnswered);
      expect(call.recording !== null).toBe(isAnswered);
      expect(call.answerAt !== null).toBe(isAnswered);
      if (!isAnswered) {
        expect(call).toMatchObject({ talkMs: 0, rounds: 0, lines: [], tags: [], concerns: [] });
        continue;
      }
      expect(call.tags.length).toBeGreaterThanOrEqual(2);
      expect(call.tags.length).toBeLessThanOrEqual(3);
      expect(call.recording).toEqual({
        durationMs: call.talkMs,
        sampleRate: 8000,
        encoding: SOURCE_AUDIO[call.source].encoding,
        channels: DUAL_CHANNEL_TASKS.has(call.taskId) ? 2 : SOURCE_AUDIO[call.source].channels,
      });
      const concerns = SCRIPTS[call.industry].topics.map((topic) => topic.concern);
      for (const concern of call.concerns) expect(concerns).toContain(concern);
      expect(call.variables).toMatchObject({
        name: call.customerName,
        product: SCRIPTS[call.industry].product,
      });
    }
  });

  it("has mostly 20 s – 3 min conversations, about 5 % long ones, and a 30-minute one per source", () => {
    const seconds = answered.map((call) => call.talkMs / 1000);
    const usual = seconds.filter((s) => s >= 20 && s <= 180).length / seconds.length;
    const long = seconds.filter((s) => s >= 300 && s <= 12 * 60 + 60).length / seconds.length;
    expect(usual).toBeGreaterThan(0.6);
    expect(long).toBeGreaterThan(0.01);
    expect(long).toBeLessThan(0.1);
    for (const source of SIM_SOURCES) {
      const longest = Math.max(
        ...answered.filter((call) => call.source === source).map((call) => call.talkMs),
      );
      expect(longest, source).toBeGreaterThanOrEqual(30 * 60_000);
    }
  });

  it("has a few ASR failures: an empty transcript over a recording that has speech", () => {
    const failed = answered.filter((call) => call.lines.length === 0);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length / answered.length).toBeLessThan(0.08);
    for (const call of failed) {
      expect(call.audioLines?.length).toBeGreaterThan(2);
      expect(call.recording?.durationMs).toBeGreaterThan(call.audioLines!.at(-1)!.endMs);
      expect(call).toMatchObject({ rounds: 0, intent: "F" });
    }
  });

  it("lets about 15 % of customer lines barge in", () => {
    const customerLines = answered.flatMap((call) =>
      call.lines.filter((line) => line.speaker === "customer"),
    );
    const share = customerLines.filter((line) => line.interrupted).length / customerLines.length;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.2);
  });

  it("grades intent from how the conversation went", () => {
    const says = (call: (typeof calls)[number], id: RegExp) =>
      call.lines.some((line) => id.test(line.clipId));
    for (const call of answered) {
      if (call.lines.length === 0) continue;
      if (call.intent === "A") expect(says(call, /\.yes\.\d$/)).toBe(true);
      if (call.intent === "D") expect(says(call, /^gen\.c\.busy/)).toBe(true);
      if (call.intent === "E") expect(says(call, /^gen\.c\.(no|hangup)/)).toBe(true);
      if (call.intent === "F") expect(says(call, /^gen\.c\.(spam|source)/)).toBe(true);
      // Customers who hang up abruptly get no reply; polite closings are the robot's.
      expect(call.hangupBy).toBe(call.lines.at(-1)!.speaker);
      if (call.hangupBy === "customer") expect(call.lines.at(-1)!.clipId).toMatch(/^gen\.c\.(hangup|spam)/);
    }
  });

  it("counts rounds as the customer turns the robot answered", () => {
    for (const call of answered) {
      if (call.lines.length === 0) continue;
      const answeredTurns = call.lines.filter(
        (line, i) => line.speaker === "customer" && call.lines[i + 1]?.speaker === "robot",
      ).length;
      expect(call.rounds).toBe(answeredTurns);
    }
  });

  it("covers all five industries in two tasks per source, dialled in order", () => {
    const dataset = demoDataset();
    expect(new Set(dataset.tasks.map((task) => task.industry))).toEqual(new Set(INDUSTRIES));
    for (const source of SIM_SOURCES) {
      const tasks = dataset.tasksOf(source);
      expect(tasks).toHaveLength(2);
      expect(tasks.reduce((sum, task) => sum + dataset.taskCallCount(task.taskId), 0)).toBe(100);
      for (const task of tasks) {
        expect(task.name).toMatch(/[\u4e00-\u9fff]/);
        const list = dataset.taskCalls(task.taskId, 0, 100);
        for (let i = 1; i < list.length; i++) expect(list[i]!.dialAt).toBeGreaterThan(list[i - 1]!.dialAt);
        expect(list.every((call) => call.taskId === task.taskId && call.industry === task.industry)).toBe(
          true,
        );
      }
    }
  });

  it("dials in the 30 days before the anchor, in working hours with a few evenings", () => {
    const firstDay = shanghaiDayStart(ANCHOR) - 30 * DAY_MS;
    for (const call of calls) {
      expect(call.dialAt).toBeGreaterThanOrEqual(firstDay);
      expect(call.endAt).toBeLessThan(ANCHOR);
      const hour = shanghaiHour(call.dialAt);
      expect(hour).toBeGreaterThanOrEqual(9);
      expect(hour).toBeLessThan(21.5);
      if (call.answerAt !== null) {
        expect(call.answerAt - call.dialAt).toBeGreaterThanOrEqual(3_000);
        expect(call.answerAt - call.dialAt).toBeLessThanOrEqual(25_000);
        expect(call.endAt).toBe(call.answerAt + call.talkMs);
      }
    }
    const daytime = calls.filter((call) => shanghaiHour(call.dialAt) < 20.5).length / calls.length;
    expect(daytime).toBeGreaterThan(0.88);
    expect(daytime).toBeLessThan(1);
    const days = new Set(calls.map((call) => Math.floor((call.dialAt + SHANGHAI_OFFSET_MS) / DAY_MS)));
    expect(days.size).toBe(30);
  });

  it("calls realistic people from landlines", () => {
    for (const call of calls) {
      expect(call.callee).toMatch(/^1[35789]\d{9}$/);
      expect(call.caller).toMatch(/^0\d{2,3}-?\d{7,8}$/);
      expect(call.customerName).toMatch(/^[\u4e00-\u9fff](先生|女士)$/);
      expect(call.batchId).toMatch(/^\d{12}$/);
    }
  });
});
