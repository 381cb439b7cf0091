import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { openTestStore } from "@/lib/testing/store";
import { EMPTY_QUERY, parseCallQuery, type CallQuery } from "@/lib/calls/query";
import type { CallSummary } from "@/lib/model";
import { seedCalls, type SeedCall } from "@/lib/testing/seed-calls";
import type { Store } from "./index";

const TZ = "Asia/Shanghai";

let store: Store;
let seeded: SeedCall[];

beforeEach(async () => {
  store = await openTestStore();
  seeded = seedCalls(400, 7);
  await store.calls.upsert(
    seeded.map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
  );
});
afterEach(() => store.close());

function query(search: string): CallQuery {
  return parseCallQuery(new URLSearchParams(search));
}

/** As a supervisor searches (numbers match any part of them); operators' whole-number rule is in app/api/security. */
async function all(search: string): Promise<CallSummary[]> {
  const items: CallSummary[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.calls.list({ ...query(search), limit: 500, cursor, numbers: "any" }, TZ);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** The contract's meaning of each filter, computed independently over the seed data. */
function expected(predicate: (call: SeedCall["call"]["summary"], seed: SeedCall) => boolean): string[] {
  return seeded
    .filter((seed) => predicate(seed.call.summary, seed))
    .map((seed) => seed.call.key)
    .sort();
}

/** Seed keys of listed calls (the seed's vendorCallId is 1000 + its index, its key `k<index>`). */
function keysOf(items: CallSummary[]): string[] {
  return items.map((item) => `k${Number(item.vendorCallId) - 1000}`).sort();
}

const text = (seed: SeedCall) => (seed.call.transcript ?? []).map((line) => line.text).join("\n");
const started = (summary: SeedCall["call"]["summary"]) =>
  summary.startedAt ? Date.parse(summary.startedAt) : null;

describe("filters mean the same for every vendor", () => {
  const cases: [string, Parameters<typeof expected>[0]][] = [
    ["result=answered", (s) => s.result === "answered"],
    ["result=busy,no_answer,vacant", (s) => ["busy", "no_answer", "vacant"].includes(s.result)],
    ["hangup=customer", (s) => s.hangupBy === "customer"],
    ["hangup=robot", (s) => s.hangupBy === "robot"],
    ["roundsMin=3", (s) => s.rounds !== null && s.rounds >= 3],
    ["roundsMax=2", (s) => s.rounds !== null && s.rounds <= 2],
    ["roundsMin=2&roundsMax=5", (s) => s.rounds !== null && s.rounds >= 2 && s.rounds <= 5],
    ["intent=A,B", (s) => s.intent === "A" || s.intent === "B"],
    ["intent=none", (s) => s.intent === null],
    ["intent=F,none", (s) => s.intent === "F" || s.intent === null],
    ["durationMin=60", (s) => s.durationSec !== null && s.durationSec >= 60],
    ["durationMax=30.5", (s) => s.durationSec !== null && s.durationSec <= 30.5],
    ["source=alpha", (_s, seed) => seed.sourceId === "alpha"],
    ["source=alpha,gamma&task=t2", (s, seed) => seed.sourceId !== "beta" && s.taskId === "t2"],
    [
      "from=2026-11-05&to=2026-11-09",
      (s) => {
        const t = started(s);
        return (
          t !== null &&
          t >= Date.parse("2026-11-05T00:00:00+08:00") &&
          t < Date.parse("2026-11-10T00:00:00+08:00")
        );
      },
    ],
    [
      "from=2026-11-05T12:00:00%2B08:00",
      (s) => {
        const t = started(s);
        return t !== null && t >= Date.parse("2026-11-05T12:00:00+08:00");
      },
    ],
    ["review=unreviewed", () => true],
    ["review=flagged", () => false],
    [
      "result=answered&hangup=customer&intent=A,B,C&roundsMin=1",
      (s) =>
        s.result === "answered" &&
        s.hangupBy === "customer" &&
        ["A", "B", "C"].includes(s.intent ?? "") &&
        (s.rounds ?? -1) >= 1,
    ],
  ];

  test.each(cases)("%s", async (search, predicate) => {
    const want = expected(predicate);
    const items = await all(search);
    expect(keysOf(items)).toEqual(want);
    expect((await store.calls.list(query(search), TZ)).total).toBe(want.length);
  });

  test("the sample has something in every case that should match", () => {
    for (const [search, predicate] of cases) {
      if (search !== "review=flagged") expect(expected(predicate).length, search).toBeGreaterThan(0);
    }
  });
});

describe("search", () => {
  const cases: [string, (seed: SeedCall) => boolean][] = [
    ["利息", (seed) => text(seed).includes("利息")],
    ["价格", (seed) => text(seed).includes("价格")],
    ["手续费", (seed) => text(seed).includes("手续费")],
    ["贵", (seed) => text(seed).includes("贵")],
    ["vip", (seed) => text(seed).toLowerCase().includes("vip")],
    ["利息 价格", (seed) => text(seed).includes("利息") && text(seed).includes("价格")],
  ];

  test.each(cases)("q=%s finds exactly the calls whose transcript has it", async (q, predicate) => {
    const want = seeded
      .filter(predicate)
      .map((seed) => seed.call.key)
      .sort();
    expect(want.length).toBeGreaterThan(0);
    expect(keysOf(await all(`q=${encodeURIComponent(q)}`))).toEqual(want);
  });

  test("a partial or full phone number finds the call", async () => {
    const target = seeded[42]!.call;
    expect(keysOf(await all(`q=${target.summary.callee}`))).toContain(target.key);
    const middle = target.summary.callee.slice(3, 9);
    const want = seeded.filter(
      (seed) =>
        seed.call.summary.callee.includes(middle) || (seed.call.summary.caller ?? "").includes(middle),
    );
    expect(keysOf(await all(`q=${middle}`))).toEqual(want.map((seed) => seed.call.key).sort());
    // By default (an operator's search, or a caller that forgot to say) a part of a number finds nothing.
    expect((await store.calls.list({ ...query(`q=${middle}`), limit: 500 }, TZ)).items).toEqual([]);
  });

  test("a word that appears nowhere finds nothing, and text across utterances does not join up", async () => {
    expect(await all("q=火箭")).toEqual([]);
    // "吗？" ends one phrase and "利" starts another: "吗利" must not match across them.
    expect(await all("q=吗利")).toEqual([]);
  });

  test("search combines with filters", async () => {
    const want = seeded
      .filter((seed) => text(seed).includes("价格") && seed.call.summary.hangupBy === "customer")
      .map((seed) => seed.call.key)
      .sort();
    expect(keysOf(await all("q=价格&hangup=customer"))).toEqual(want);
    // A page that does not hold them all: its total is still theirs, not the word's.
    const page = await store.calls.list({ ...query("q=价格&hangup=customer"), limit: 3 }, TZ);
    expect(page.items).toHaveLength(3);
    expect(page.total).toBe(want.length);
    expect(page.totalIsEstimate).toBeUndefined();
    const alone = seeded.filter((seed) => text(seed).includes("价格")).length;
    expect((await store.calls.list({ ...query("q=价格"), limit: 3 }, TZ)).total).toBe(alone);
  });
});

describe("sorting and paging", () => {
  test("a filter no call matches is answered from the count tables, without walking the calls", async () => {
    // The count tables are dated on the first count; then a source without calls reads no call.
    await store.calls.list({ ...query("source=alpha"), limit: 5 }, TZ);
    const read: string[] = [];
    const all = store.sql.all.bind(store.sql);
    store.sql.all = ((text: string, params?: unknown[]) => {
      read.push(text);
      return all(text, params);
    }) as typeof store.sql.all;
    const page = await store.calls.list({ ...query("source=nowhere&intent=A"), limit: 5 }, TZ);
    expect(page).toEqual({ items: [], total: 0, nextCursor: null });
    expect(read.filter((text) => /FROM calls c\b/.test(text))).toEqual([]);
  });

  test("newest first by default; calls without a start time last", async () => {
    const items = await all("");
    const times = items.map((item) => (item.startedAt ? Date.parse(item.startedAt) : -Infinity));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(items).toHaveLength(400);
  });

  test.each(["durationSec:asc", "durationSec:desc", "rounds:asc", "rounds:desc", "startedAt:asc"])(
    "sort=%s",
    async (sort) => {
      const [field, dir] = sort.split(":") as ["durationSec" | "rounds" | "startedAt", "asc" | "desc"];
      const values = (await all(`sort=${sort}`)).map((item) => {
        const value =
          field === "startedAt" ? (item.startedAt ? Date.parse(item.startedAt) : null) : item[field];
        return value ?? -1;
      });
      expect(values).toEqual([...values].sort((a, b) => (dir === "asc" ? a - b : b - a)));
    },
  );

  // "answered" alone has indexes of its own for these orders (list-query.ts: ANSWERED_INDEX): the
  // same calls, in the same order, as the answered among a list that also holds busy calls. Paged
  // by 7, so the cursor crosses equal keys.
  test.each(["durationSec:asc", "durationSec:desc", "rounds:asc", "rounds:desc"])(
    "sort=%s among answered calls alone: the same calls and order as the general index gives",
    async (sort) => {
      const paged = async (search: string) => {
        const ids: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await store.calls.list({ ...query(search), limit: 7, cursor }, TZ);
          ids.push(...page.items.filter((item) => item.result === "answered").map((item) => item.id));
          cursor = page.nextCursor;
        } while (cursor);
        return ids;
      };
      for (const other of ["", "&intent=A,B"]) {
        const answered = await paged(`result=answered&sort=${sort}${other}`);
        expect(answered.length).toBeGreaterThan(10);
        expect(answered).toEqual(await paged(`result=answered,busy&sort=${sort}${other}`));
        const page = await store.calls.list(query(`result=answered&sort=${sort}${other}`), TZ);
        expect(page.total).toBe(answered.length);
      }
    },
  );

  test("pages neither repeat nor skip calls while new calls arrive", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let extra = 0;
    do {
      const page = await store.calls.list({ ...EMPTY_QUERY, limit: 17, cursor }, TZ);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      // Between pages, the vendor reports new calls: some newer than everything, some in the middle.
      const fresh = seedCalls(3, 1000 + extra, Date.parse("2026-11-10T00:00:00+08:00")).map((seed, i) => ({
        ...seed,
        call: { ...seed.call, key: `new-${extra}-${i}` },
      }));
      extra++;
      await store.calls.upsert(
        fresh.map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" as const })),
      );
    } while (cursor);
    const original = new Set(
      await Promise.all(
        seeded.map(
          async (seed) =>
            (await store.calls.list({ ...EMPTY_QUERY, q: seed.call.summary.callee, limit: 1 }, TZ)).items[0]
              ?.id,
        ),
      ),
    );
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of original) expect(seen).toContain(id);
  });

  test("neighbors are the calls just before and after, in the list's own order", async () => {
    for (const search of ["", "result=answered&sort=durationSec:asc", "intent=A,B"]) {
      const ids = (await all(search)).map((item) => item.id);
      for (const index of [0, 5, ids.length - 1]) {
        expect(await store.calls.neighbors(ids[index]!, query(search), TZ), `${search} #${index}`).toEqual({
          prev: ids[index - 1] ?? null,
          next: ids[index + 1] ?? null,
        });
      }
    }
    expect(await store.calls.neighbors("nope", query(""), TZ)).toBeNull();
  });

  test("a cursor from another sort order is refused, naming the parameter", async () => {
    const page = await store.calls.list({ ...EMPTY_QUERY, limit: 5 }, TZ);
    await expect(
      store.calls.list({ ...query("sort=rounds:asc"), cursor: page.nextCursor }, TZ),
    ).rejects.toThrow(/^cursor:/);
    await expect(store.calls.list({ ...EMPTY_QUERY, cursor: "not-a-cursor" }, TZ)).rejects.toThrow(
      /^cursor:/,
    );
  });
});

describe("upserts", () => {
  test("the vendor's payload is kept, as received", async () => {
    const seed = seeded[3]!;
    const id = (await store.calls.list({ ...EMPTY_QUERY, q: seed.call.summary.callee }, TZ)).items[0]!.id;
    expect(await store.calls.rawPayloads(id)).toEqual({ list: seed.call.raw, detail: null });
  });

  test("each call written in one page keeps its own payloads: list entries, and new calls known by their detail", async () => {
    const page = seeded.slice(0, 6).map(({ sourceId, vendor, call }, i) => ({
      sourceId,
      vendor,
      call: { ...call, key: `${call.key}-page`, raw: { record: i, text: "外呼".repeat(i * 50) } },
      from: i % 3 === 1 ? ("detail" as const) : ("list" as const),
    }));
    expect(await store.calls.upsert(page)).toMatchObject({ inserted: 6 });
    for (const input of page) {
      const row = await store.sql.get<{ id: string }>("SELECT id FROM calls WHERE call_key = ?", [
        input.call.key,
      ]);
      expect(await store.calls.rawPayloads(row!.id)).toEqual(
        input.from === "list"
          ? { list: input.call.raw, detail: null }
          : { list: null, detail: input.call.raw },
      );
    }
  });

  test("syncing the same calls again changes nothing and duplicates nothing", async () => {
    const again = await store.calls.upsert(
      seeded.map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
    );
    expect(again).toEqual({ inserted: 0, updated: 0, unchanged: 400 });
    expect((await store.calls.list(EMPTY_QUERY, TZ)).total).toBe(400);
  });

  test("a detail fills in what the list lacked, and a later list merges with it instead of clobbering", async () => {
    const seed = seeded.find((s) => s.call.summary.result === "answered")!;
    const id = (await store.calls.list({ ...EMPTY_QUERY, q: seed.call.summary.callee }, TZ)).items[0]!.id;
    const detail = {
      ...seed.call,
      summary: {
        ...seed.call.summary,
        answeredAt: "2026-11-03T10:00:09+08:00",
        resultLabel: "用户接听",
        tags: ["高意向"],
      },
      transcript: [
        {
          speaker: "robot" as const,
          text: "详细的开场白",
          startMs: 0,
          endMs: 2000,
          timing: "vendor" as const,
        },
      ],
      extra: { sureCount: 2 },
    };
    await store.calls.upsert([
      { sourceId: seed.sourceId, vendor: seed.vendor, call: detail, from: "detail" },
    ]);
    expect((await store.calls.get(id))!.summary.resultLabel).toBe("用户接听");
    expect((await all("q=详细的开场白")).map((item) => item.id)).toEqual([id]);
    const changedList = { ...seed.call, summary: { ...seed.call.summary, rounds: 99 } };
    await store.calls.upsert([
      { sourceId: seed.sourceId, vendor: seed.vendor, call: changedList, from: "list" },
    ]);
    const row = (await store.calls.get(id))!;
    // The newer list wins where it says something (rounds, its own label and transcript) …
    expect(row.summary.rounds).toBe(99);
    expect(row.summary.resultLabel).toBe(seed.call.summary.resultLabel);
    expect(row.transcript?.map((line) => line.text)).toEqual(seed.call.transcript!.map((line) => line.text));
    // … and the detail fills what the list never says.
    expect(row.summary.answeredAt).toBe("2026-11-03T10:00:09+08:00");
    expect(row.summary.tags).toEqual(["高意向"]);
    expect(row.extra).toMatchObject({ sureCount: 2 });
    expect(await all("q=详细的开场白")).toEqual([]);
  });

  test("a detail lands on the row it was fetched for, even when it names the call differently", async () => {
    const seed = seeded.find((s) => s.call.summary.result === "answered")!;
    const id = (await store.calls.list({ ...EMPTY_QUERY, q: seed.call.summary.callee }, TZ)).items[0]!.id;
    const detail = {
      ...seed.call,
      key: "the-vendors-own-id",
      transcript: [
        { speaker: "robot" as const, text: "详情里的话", startMs: 0, endMs: 1, timing: "vendor" as const },
      ],
    };
    await store.calls.upsert([
      { sourceId: seed.sourceId, vendor: seed.vendor, call: detail, from: "detail", key: seed.call.key },
    ]);
    expect((await store.calls.list(EMPTY_QUERY, TZ)).total).toBe(400);
    expect((await store.calls.get(id))!.transcript!.map((line) => line.text)).toEqual(["详情里的话"]);
  });

  test("a detail never wipes or masks who the call is: the list's callee, caller and task stand", async () => {
    const seed = seeded.find((s) => s.call.summary.caller)!;
    const id = (await store.calls.list({ ...EMPTY_QUERY, q: seed.call.summary.callee }, TZ)).items[0]!.id;
    const masked = {
      ...seed.call,
      summary: { ...seed.call.summary, callee: "186******", caller: "", taskId: "", rounds: 7 },
    };
    await store.calls.upsert([
      { sourceId: seed.sourceId, vendor: seed.vendor, call: masked, from: "detail", key: seed.call.key },
    ]);
    const row = (await store.calls.get(id))!;
    expect(row.summary).toMatchObject({
      callee: seed.call.summary.callee,
      caller: seed.call.summary.caller,
      taskId: seed.call.summary.taskId,
      rounds: 7,
    });
    expect((await all(`q=${seed.call.summary.callee}`)).map((item) => item.id)).toContain(id);
  });

  test("ids are stable: derived from source and vendor key (and the index's key), not from insertion order", async () => {
    const other = await openTestStore();
    await other.settings.set("call_id_key", (await store.settings.get("call_id_key"))!);
    await other.calls.upsert(
      [...seeded].reverse().map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
    );
    const a = (await store.calls.list({ ...EMPTY_QUERY, limit: 500 }, TZ)).items
      .map((item) => item.id)
      .sort();
    const b = (await other.calls.list({ ...EMPTY_QUERY, limit: 500 }, TZ)).items
      .map((item) => item.id)
      .sort();
    expect(a).toEqual(b);
    other.close();
  });

  test("reviews survive re-syncs and re-label the effective intent", async () => {
    const seed = seeded.find((s) => s.call.summary.intent === "A")!;
    const id = (await store.calls.list({ ...EMPTY_QUERY, q: seed.call.summary.callee }, TZ)).items[0]!.id;
    await store.reviews.update(id, { status: "flagged", intent: "F", note: "客户明确拒绝" }, "lee");
    await store.calls.upsert([
      {
        sourceId: seed.sourceId,
        vendor: seed.vendor,
        call: { ...seed.call, summary: { ...seed.call.summary, rounds: 42 } },
        from: "list",
      },
    ]);
    const flagged = await all("review=flagged");
    expect(flagged.map((item) => item.id)).toEqual([id]);
    expect(flagged[0]!.review).toMatchObject({
      status: "flagged",
      intent: "F",
      note: "客户明确拒绝",
      by: "lee",
    });
    expect((await all("intent=F")).map((item) => item.id)).toContain(id);
    expect((await all("intent=A")).map((item) => item.id)).not.toContain(id);
    expect(await store.reviews.history(id)).toHaveLength(1);
  });
});
