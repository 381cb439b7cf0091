import { expect, test, vi } from "vitest";
import { isAppError } from "@/lib/errors";
import { isConfigError } from "@/lib/config";
import { indexReadsAtOnce, Line } from "./in-line";

/** A piece of work that runs until let go, and records that it started. */
function held(started: string[], name: string) {
  let release!: () => void;
  const done = new Promise<string>((resolve) => (release = () => resolve(name)));
  return {
    work: () => {
      started.push(name);
      return done;
    },
    release,
  };
}

const turns = () => new Promise((resolve) => setTimeout(resolve, 0));

test("at most `size` are served at once; the others in order of arrival", async () => {
  const line = new Line(2);
  const started: string[] = [];
  const signal = new AbortController().signal;
  const pieces = ["a", "b", "c", "d", "e"].map((name) => held(started, name));
  const answers = pieces.map((piece) => line.run(piece.work, signal));
  await turns();
  expect(started).toEqual(["a", "b"]);
  expect(line.queued).toBe(3);
  pieces[1]!.release();
  await turns();
  expect(started).toEqual(["a", "b", "c"]);
  pieces[0]!.release();
  pieces[2]!.release();
  await turns();
  expect(started).toEqual(["a", "b", "c", "d", "e"]);
  pieces[3]!.release();
  pieces[4]!.release();
  expect(await Promise.all(answers)).toEqual(["a", "b", "c", "d", "e"]);
  expect(line.queued).toBe(0);
  // All places free again: two start at once.
  const more = [held(started, "f"), held(started, "g")];
  const last = more.map((piece) => line.run(piece.work, signal));
  await turns();
  expect(started.slice(5)).toEqual(["f", "g"]);
  more.forEach((piece) => piece.release());
  await Promise.all(last);
});

test("work that fails frees its place; a request cancelled while waiting leaves without being served", async () => {
  const line = new Line(1);
  const started: string[] = [];
  const first = held(started, "first");
  const running = line.run(first.work);
  const leaving = new AbortController();
  const cancelled = line.run(async () => {
    started.push("cancelled");
    return "served";
  }, leaving.signal);
  const failing = line.run(async () => {
    started.push("failing");
    throw new Error("the index failed");
  }, new AbortController().signal);
  const after = held(started, "after");
  const next = line.run(after.work);
  leaving.abort();
  await expect(cancelled).rejects.toThrow("cancelled while it waited");
  expect(line.queued).toBe(2);
  first.release();
  await expect(failing).rejects.toThrow("the index failed");
  await turns();
  expect(started).toEqual(["first", "failing", "after"]);
  after.release();
  expect(await Promise.all([running, next])).toEqual(["first", "after"]);
  // Already cancelled: not served.
  const gone = AbortSignal.abort();
  const busy = held(started, "busy");
  const holding = line.run(busy.work);
  await expect(line.run(async () => "served", gone)).rejects.toThrow("cancelled");
  busy.release();
  await holding;
});

/** What a line's refusal answers: 503 busy, with Retry-After. */
async function refusal(answer: Promise<unknown>) {
  const err = await answer.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(isAppError(err)).toBe(true);
  const { status, code, headers, message } = err as import("@/lib/errors").AppError;
  return { status, code, retryAfter: headers["retry-after"], message };
}

test("a full line answers a newcomer 503 busy at once, and still serves the ones waiting", async () => {
  const line = new Line(1, { maxWaiting: 2 });
  const started: string[] = [];
  const pieces = ["a", "b", "c"].map((name) => held(started, name));
  const answers = pieces.map((piece) => line.run(piece.work));
  await turns();
  expect(line.queued).toBe(2);
  const refused = await refusal(line.run(async () => "served"));
  expect(refused).toMatchObject({ status: 503, code: "busy", retryAfter: "1" });
  expect(refused.message).toContain("2 requests are already waiting");
  for (const piece of pieces) {
    piece.release();
    await turns();
  }
  expect(await Promise.all(answers)).toEqual(["a", "b", "c"]);
  expect(started).toEqual(["a", "b", "c"]);
  // Room again: the next one is served.
  expect(await line.run(async () => "served")).toBe("served");
});

test("a request waiting longer than maxWaitMs is answered 503 busy and leaves its place to the next", async () => {
  vi.useFakeTimers();
  try {
    const line = new Line(1, { maxWaitMs: 15_000 });
    const started: string[] = [];
    const first = held(started, "first");
    const running = line.run(first.work);
    const late = line.run(async () => "late");
    const answered = refusal(late);
    await vi.advanceTimersByTimeAsync(14_999);
    expect(line.queued).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await answered).toMatchObject({ status: 503, code: "busy", retryAfter: "1" });
    expect(line.queued).toBe(0);
    const next = held(started, "next");
    const following = line.run(next.work);
    first.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual(["first", "next"]);
    next.release();
    expect(await Promise.all([running, following])).toEqual(["first", "next"]);
    // One served before its time is up is not refused later by its timer.
    const third = held(started, "third");
    const holding = line.run(third.work);
    const served = line.run(async () => "served in time");
    await vi.advanceTimersByTimeAsync(1_000);
    third.release();
    expect(await served).toBe("served in time");
    await holding;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(line.queued).toBe(0);
  } finally {
    vi.useRealTimers();
  }
});

test("a line serves at least one at once", () => {
  expect(() => new Line(0)).toThrow("at least one");
});

test("CALLSCOPE_INDEX_READS sets how many at once (default 4); a bad value stops start-up naming it", () => {
  expect(indexReadsAtOnce({})).toBe(4);
  expect(indexReadsAtOnce({ CALLSCOPE_INDEX_READS: "8" })).toBe(8);
  for (const bad of ["0", "65", "2.5", "many"]) {
    let thrown: unknown;
    try {
      indexReadsAtOnce({ CALLSCOPE_INDEX_READS: bad });
    } catch (err) {
      thrown = err;
    }
    expect(isConfigError(thrown)).toBe(true);
    expect(String((thrown as Error).message)).toContain(
      `CALLSCOPE_INDEX_READS: expected a whole number 1–64, got "${bad}"`,
    );
  }
});
