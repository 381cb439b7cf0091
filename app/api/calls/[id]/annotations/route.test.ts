import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { GET as exportCsv } from "@/app/api/calls/export/route";
import { GET as list } from "@/app/api/calls/route";
import { GET as stats } from "@/app/api/calls/stats/route";
import { GET as neighbors } from "@/app/api/calls/[id]/neighbors/route";
import { EMPTY_QUERY } from "@/lib/calls/query";
import type { Annotation, CallList } from "@/lib/model";
import { installRuntime, type Runtime } from "@/lib/server/runtime";
import { parseCsv } from "@/lib/testing/csv";
import { startSession } from "@/lib/auth/session";
import { createTestRuntime, paramsOf, requestAs } from "@/lib/testing/runtime";
import { seedCalls } from "@/lib/testing/seed-calls";
import { DELETE } from "./[annotationId]/route";
import { GET, POST } from "./route";

let runtime: Runtime;
let callId = "";
let lines = 0;
let otherId = "";

beforeEach(async () => {
  runtime = await createTestRuntime();
  await runtime.store.calls.upsert(seedCalls(60, 3).map((seed) => ({ ...seed, from: "list" as const })));
  const page = await runtime.store.calls.list(
    { ...EMPTY_QUERY, result: ["answered"], limit: 50 },
    "Asia/Shanghai",
  );
  const answered = (
    await Promise.all(page.items.map(async (call) => (await runtime.store.calls.get(call.id))!))
  ).filter((call) => (call.transcript?.length ?? 0) >= 2);
  callId = answered[0]!.summary.id;
  lines = answered[0]!.transcript!.length;
  otherId = answered[1]!.summary.id;
  // A second supervisor, to try deleting someone else's annotation.
  const users = runtime.users;
  Object.assign(runtime, {
    users: {
      ...users,
      find: (name: string) =>
        name === "lee"
          ? { username: "lee", role: "supervisor", name: null, passwordHash: "scrypt$test-lee" }
          : users.find(name),
    },
  });
});

afterEach(async () => {
  await runtime.close();
  installRuntime(null);
});

/** A server-side session for the second supervisor, "lee". */
async function leeSession() {
  return await startSession(
    { sessions: runtime.store.sessions, secret: runtime.sessionSecret },
    { username: "lee", passwordHash: "scrypt$test-lee" },
    { ip: null, userAgent: "test" },
  );
}

type Who = "operator" | "supervisor" | "admin" | "lee" | null;

async function as(who: Who, path: string, init: Parameters<typeof requestAs>[2] = {}) {
  if (who !== "lee") return await requestAs(who, path, init);
  // The cookie goes in with the other headers: a request reads its cookies when it is made.
  const { value } = await leeSession();
  return await requestAs(null, path, {
    ...init,
    headers: { ...init.headers, cookie: `callscope_session=${value}` },
  });
}

async function add(who: Who, body: unknown, id = callId) {
  return POST(await as(who, `/api/calls/${id}/annotations`, { method: "POST", body }), paramsOf({ id }));
}

async function read(who: Who, id = callId): Promise<Annotation[]> {
  const response = await GET(await as(who, `/api/calls/${id}/annotations`), paramsOf({ id }));
  expect(response.status).toBe(200);
  return (await response.json()) as Annotation[];
}

async function remove(who: Who, annotationId: string, id = callId) {
  return DELETE(
    await as(who, `/api/calls/${id}/annotations/${annotationId}`, { method: "DELETE" }),
    paramsOf({ id, annotationId }),
  );
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe("annotations", () => {
  test("a supervisor marks a line and a moment; everyone reads them, with who and when", async () => {
    const line = await add("supervisor", {
      utterance: 1,
      atMs: 3000,
      label: "asr_error",
      note: "把“利率”听成了“立律”",
    });
    expect(line.status).toBe(201);
    const created = (await line.json()) as Annotation;
    expect(created).toMatchObject({ utterance: 1, atMs: 3000, label: "asr_error", by: "supervisor" });
    expect(typeof created.id).toBe("string");
    expect(Date.parse(created.at)).toBeGreaterThan(Date.now() - 60_000);
    const moment = await add("admin", { atMs: 12_345, label: "good" });
    expect(moment.status).toBe(201);
    expect(await moment.json()).toMatchObject({ utterance: null, atMs: 12_345, note: null, by: "admin" });

    const seen = await read("operator");
    expect(seen.map((a) => a.label)).toEqual(["asr_error", "good"]);
    expect(await read("supervisor", otherId)).toEqual([]);
  });

  test("operators read notes with phone and card numbers masked; supervisors whole", async () => {
    await add("supervisor", {
      utterance: 0,
      label: "note",
      note: "客户说回拨 13812345678，卡号 6222 0212 3456 7890 123",
    });
    const operator = (await read("operator"))[0]!.note!;
    expect(operator).not.toContain("13812345678");
    expect(operator).toContain("138****5678");
    expect(operator).not.toContain("6222 0212 3456 7890 123");
    expect((await read("supervisor"))[0]!.note).toContain("13812345678");
  });

  test("operators cannot annotate", async () => {
    const response = await add("operator", { utterance: 0, label: "good" });
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe("forbidden");
  });

  test.each([
    [{ utterance: 0, label: "typo" }, "label"],
    [{ utterance: 0 }, "label"],
    [{ label: "good" }, "atMs"],
    [{ atMs: -5, label: "good" }, "atMs"],
    [{ atMs: 1.5, label: "good" }, "atMs"],
    [{ utterance: "2", label: "good" }, "utterance"],
    [{ utterance: 0, label: "good", note: "x".repeat(2001) }, "note"],
    [{ utterance: 0, label: "good", colour: "red" }, "colour"],
  ])("bad input %j is a 400 naming %s", async (body, field) => {
    const response = await add("supervisor", body);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("invalid_body");
    expect(error.message).toContain(field);
  });

  test("a line the transcript does not have is a 400 naming utterance", async () => {
    const response = await add("supervisor", { utterance: lines, label: "good" });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/^utterance: /);
  });

  test("unknown calls and annotations are 404s", async () => {
    expect((await add("supervisor", { atMs: 0, label: "good" }, "nope")).status).toBe(404);
    expect(
      (await GET(await as("operator", "/api/calls/nope/annotations"), paramsOf({ id: "nope" }))).status,
    ).toBe(404);
    expect((await remove("admin", "999")).status).toBe(404);
    expect((await remove("admin", "abc")).status).toBe(404);
    const created = (await (await add("supervisor", { atMs: 0, label: "good" })).json()) as Annotation;
    // The right annotation id under another call's URL is no annotation.
    expect((await remove("admin", created.id, otherId)).status).toBe(404);
  });

  test("deleted by its author or an admin only; the deletion is kept in the audit log", async () => {
    const mine = (await (
      await add("supervisor", { utterance: 0, label: "wrong_answer", note: "答非所问" })
    ).json()) as Annotation;
    const other = await remove("lee", mine.id);
    expect(other.status).toBe(403);
    expect((await errorOf(other)).code).toBe("forbidden");
    expect((await remove("operator", mine.id)).status).toBe(403);
    expect((await remove("supervisor", mine.id)).status).toBe(204);
    expect(await read("supervisor")).toEqual([]);
    expect((await remove("supervisor", mine.id)).status).toBe(404);

    const leeOwn = (await (await add("lee", { atMs: 100, label: "good" })).json()) as Annotation;
    expect((await remove("admin", leeOwn.id)).status).toBe(204);

    const added = await runtime.store.audit.list({ action: "annotation.add" });
    const removed = await runtime.store.audit.list({ action: "annotation.remove" });
    expect(added).toHaveLength(2);
    expect(
      removed.map((entry) => [entry.username, entry.target, entry.detail?.label, entry.detail?.note]),
    ).toEqual([
      ["admin", callId, "good", null],
      ["supervisor", callId, "wrong_answer", "答非所问"],
    ]);
  });
});

describe("the annotation list filter", () => {
  async function ids(search: string) {
    const response = await list(await requestAs("operator", `/api/calls?${search}`), paramsOf({}));
    expect(response.status, await response.clone().text()).toBe(200);
    return ((await response.json()) as CallList).items.map((item) => item.id);
  }

  test("annotation=asr_error lists the calls carrying one; deleted ones no longer count", async () => {
    await add("supervisor", { utterance: 0, label: "asr_error" });
    const good = (await (await add("supervisor", { atMs: 0, label: "good" }, otherId)).json()) as Annotation;
    expect(await ids("annotation=asr_error")).toEqual([callId]);
    expect((await ids("annotation=asr_error,good")).sort()).toEqual([callId, otherId].sort());
    expect(await ids("annotation=missed_intent")).toEqual([]);
    await remove("supervisor", good.id, otherId);
    expect(await ids("annotation=good")).toEqual([]);
    const summary = (await (
      await stats(await requestAs("operator", "/api/calls/stats?annotation=asr_error"), paramsOf({}))
    ).json()) as {
      total: number;
    };
    expect(summary.total).toBe(1);
    const around = await neighbors(
      await requestAs("operator", `/api/calls/${callId}/neighbors?annotation=asr_error`),
      paramsOf({ id: callId }),
    );
    expect(await around.json()).toEqual({ prev: null, next: null });
  });

  test("an unknown label is a 400 invalid_query naming the parameter", async () => {
    const response = await list(await requestAs("operator", "/api/calls?annotation=typo"), paramsOf({}));
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("invalid_query");
    expect(error.message).toMatch(/^annotation: /);
  });

  test("the CSV export counts each call's annotations per label", async () => {
    await add("supervisor", { utterance: 0, label: "asr_error" });
    await add("supervisor", { utterance: 1, label: "asr_error" });
    await add("admin", { atMs: 500, label: "good" });
    const response = await exportCsv(await requestAs("operator", "/api/calls/export"), paramsOf({}));
    const [header, ...rows] = parseCsv((await response.text()).replace("\uFEFF", ""));
    const column = (name: string) => header!.indexOf(name);
    expect(column("annotations.asr_error")).toBeGreaterThan(0);
    const row = rows.find((cells) => cells[0] === callId)!;
    expect(row[column("annotations.asr_error")]).toBe("2");
    expect(row[column("annotations.good")]).toBe("1");
    expect(row[column("annotations.wrong_answer")]).toBe("0");
    const other = rows.find((cells) => cells[0] === otherId)!;
    expect(other[column("annotations.asr_error")]).toBe("0");
  });
});
