import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { demoDatasetSize } from "./support/demo-dataset";
import { exited, startOwnServer, type OwnServer } from "./support/own-server";

/**
 * Two production instances on one PostgreSQL, used the way a team behind a load balancer would:
 * a session made on one works on the other, a sync on one shows on the other, both list the same
 * calls, a review saved on one shows on the other, signing out on one ends the session on both,
 * syncs started on both at once never index a call twice, and when an instance is SIGKILLed in
 * the middle of a sync, the other resumes its runs from their checkpoints once the lease runs out.
 */

const PG_URL = process.env.CALLSCOPE_TEST_PG_URL;
const BASE = Number(process.env.E2E_PORT ?? 3100);
const PORT_A = BASE + 1;
const PORT_B = BASE + 2;
/** The demo's size: a few pages per source, so a sync slowed on A is still listing when A dies. */
const CALLS = 1_000;
/**
 * How long a sync lease holds without renewal here: the default 30 s would make the take-over slow
 * to watch; much shorter, and a loaded machine's stalls hand runs back and forth (safe, but slow).
 */
const LEASE_MS = 10_000;
const COOKIE = "callscope_session";

interface SourceStatus {
  id: string;
  sync: {
    state: string;
    lastSyncedAt: string | null;
    error: string | null;
    progress?: { pages: number; calls: number; details: number; detailsPending: number };
  };
}
interface Run {
  id: number;
  source_id: string;
  reason: string;
  state: string;
  pages: number;
  calls: number;
  started_at: string;
  finished_at: string | null;
}
interface Review {
  status: string;
  intent: string | null;
  note: string | null;
  by: string | null;
}

// About two minutes on a quiet machine; a loaded one (shared CI runners) may take twice that.
test.setTimeout(360_000);

test("two instances on one PostgreSQL: sessions, syncs, lists, reviews and a take-over after SIGKILL", async ({
  browser,
}) => {
  test.skip(
    !PG_URL,
    "CALLSCOPE_TEST_PG_URL is not set: two instances need a PostgreSQL to share (.ci/run sets it; locally e.g. postgres://callscope:callscope@127.0.0.1:5432/callscope_test)",
  );
  const database = `callscope_e2e_two_${randomBytes(4).toString("hex")}`;
  const url = new URL(PG_URL!);
  url.pathname = `/${database}`;
  const DATABASE_URL = url.toString();
  await admin(`CREATE DATABASE ${database} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  // Counts and ids (int8) as numbers, as the app reads them.
  const db = new pg.Client({
    connectionString: DATABASE_URL,
    types: {
      getTypeParser: ((oid: number, format: "text") =>
        oid === 20 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const servers: OwnServer[] = [];
  /** A again, after the kill (started while B resumes A's runs). */
  let restarting = null as Promise<OwnServer> | null;
  const common = {
    CALLSCOPE_DATABASE: DATABASE_URL,
    CALLSCOPE_DEMO_CALLS: String(CALLS),
    // One secret for every instance (README: "Running several instances").
    SESSION_SECRET: randomBytes(32).toString("hex"),
    CALLSCOPE_SYNC_LEASE_MS: String(LEASE_MS),
    // Not under test here, and two instances analysing recordings would starve a 2-core runner.
    CALLSCOPE_BACKGROUND_ANALYSIS: "0",
  };
  const start = async (port: number, env: Record<string, string> = {}) => {
    const server = await startOwnServer(port, { ...common, ...env });
    servers.push(server);
    return server;
  };
  const t0 = Date.now();
  // Where the time goes (the spec should stay near two minutes): printed with the test's output.
  const mark = (what: string) =>
    console.log(`two-instances: +${((Date.now() - t0) / 1000).toFixed(1)} s ${what}`);
  try {
    await db.connect();
    const count = async (statement: string) => Number((await db.query(statement)).rows[0].n);
    // The demo's dataset is deterministic: what its vendors hold, worked out while A starts.
    const expecting = demoDatasetSize(CALLS);

    // A alone first, its vendors slowed to one request every 25 s per source (the first at once):
    // its sync is still listing when B is up, and when A is killed.
    const a = await start(PORT_A, { CALLSCOPE_DEMO_RATE_LIMIT: "0.04" });
    const admin1 = await signIn(a, "admin");
    const supervisor = await signIn(a, "supervisor");
    await expect
      .poll(
        async () => (await sources(a, admin1)).some((s) => s.sync.state === "syncing" && pagesOf(s) >= 1),
        {
          timeout: 60_000,
        },
      )
      .toBe(true);
    const expected = await expecting;
    mark(`A up and syncing; the demo's vendors hold ${expected} calls`);
    const b = await start(PORT_B);
    mark("B up");

    await test.step("a session made on A works on B (same cookie)", async () => {
      for (const [cookie, role] of [
        [admin1, "admin"],
        [supervisor, "supervisor"],
      ] as const) {
        const answer = await get(b, "/api/auth/session", cookie);
        expect(answer.status).toBe(200);
        expect(await answer.json()).toMatchObject({ username: role, role, open: false });
      }
      // And a cookie nobody issued is refused on B as on A.
      expect((await get(b, "/api/auth/session", "not-a-session")).status).toBe(401);
    });
    mark("a session made on A works on B (same cookie)");

    await test.step("the sync running on A shows its progress on B", async () => {
      // The runs under way are A's: B, started after, found every source's lease taken.
      const held = await db.query<{ holder: string }>(
        "SELECT holder FROM sync_leases WHERE expires_at > $1",
        [Date.now()],
      );
      expect(held.rows.length).toBeGreaterThan(0);
      for (const row of held.rows) expect(row.holder.split("-")[0]).toBe(String(a.child.pid));
      const first = await sources(b, admin1);
      expect(first.some((s) => s.sync.state === "syncing" && pagesOf(s) >= 1)).toBe(true);
      // As a person on B sees it: the sources page shows the listing under way…
      const page = await pageOn(browser, b, admin1);
      await page.goto("/sources");
      const listing = page.getByRole("progressbar", {
        name: /正在拉取列表：已拉取 [\d,]+ 通（[1-9][\d,]* 页）/,
      });
      await expect(listing.first()).toBeVisible({ timeout: 30_000 });
      const shown = await progressLabels(page);
      // …and follows it as A lists on: B's answer and B's page both move on.
      const seen = totalPages(await sources(b, admin1));
      await expect
        .poll(async () => totalPages(await sources(b, admin1)), { timeout: 40_000 })
        .toBeGreaterThan(seen);
      await expect.poll(() => progressLabels(page), { timeout: 20_000 }).not.toEqual(shown);
      await page.context().close();
    });
    mark("the sync running on A shows its progress on B");

    // The runs A was in the middle of when it was killed.
    let cut: Run[] = [];
    await test.step("A is SIGKILLed mid-sync: B resumes its runs, nothing lost, nothing twice", async () => {
      a.child.kill("SIGKILL");
      await exited(a.child);
      expect(a.child.signalCode).toBe("SIGKILL");
      cut = (await db.query<Run>("SELECT * FROM sync_runs WHERE state = 'running' ORDER BY id")).rows;
      const indexedAtKill = await count("SELECT COUNT(*) AS n FROM calls");
      expect(cut.length, "A's runs were under way when it died").toBeGreaterThan(0);
      expect(indexedAtKill, "A died before it had listed everything").toBeLessThan(expected);

      // B takes each run over once A's lease runs out (LEASE_MS, seen within B's watch interval).
      await expect
        .poll(
          async () => {
            const resumes = await db.query<Run>("SELECT * FROM sync_runs WHERE reason = 'resume'");
            return cut.every((run) =>
              resumes.rows.some((r) => r.source_id === run.source_id && r.id > run.id),
            );
          },
          { timeout: 30_000, intervals: [250] },
        )
        .toBe(true);
      mark("B has taken A's runs over");
      // A comes back meanwhile (the rest of the test needs two instances): it finds B holding them.
      restarting = start(PORT_A);
      await expect
        .poll(
          async () =>
            (await sources(b, admin1)).every(
              (s) => s.sync.state === "idle" && s.sync.lastSyncedAt !== null && s.sync.error === null,
            ),
          { timeout: 90_000, intervals: [500] },
        )
        .toBe(true);
      await expectEveryCallOnce(db, expected);
      expect(await total(b, admin1)).toBe(expected);
      // Nothing left half-done either: every call that needed its detail has it.
      expect(await count("SELECT COUNT(*) AS n FROM calls WHERE transcript_state = 'pending'")).toBe(0);

      // Recorded: each cut run marked interrupted, then B's resume, done. A restarted meanwhile, and
      // its start-up sync may take the lease the moment B lets go: a run after the resume is A's,
      // still running or done, never cut short.
      const runs = (await db.query<Run>("SELECT * FROM sync_runs ORDER BY id")).rows;
      for (const run of cut) {
        expect(runs.find((r) => r.id === run.id)?.state, `run ${run.id}`).toBe("interrupted");
        const later = runs.filter((r) => r.source_id === run.source_id && r.id > run.id);
        expect(later[0]?.reason, `the run after ${run.source_id}'s cut one`).toBe("resume");
        expect(later[0]?.state, `${run.source_id}'s resumed run`).toBe("done");
        for (const next of later.slice(1))
          expect(["running", "done"], `${run.source_id}'s run ${next.id} (${next.reason})`).toContain(
            next.state,
          );
      }
    });
    mark("A is SIGKILLed mid-sync: B resumes its runs, nothing lost, nothing twice");
    const a2 = await restarting!;
    mark("A up again");

    await test.step("both list the same calls (A restarted)", async () => {
      // The session made on A before it died still holds on the new A: it lives in the database.
      expect((await get(a2, "/api/auth/session", admin1)).status).toBe(200);
      for (const server of [a2, b])
        await expect
          .poll(async () => (await sources(server, admin1)).every((s) => s.sync.state === "idle"), {
            timeout: 90_000,
            intervals: [500],
          })
          .toBe(true);
      const onA = await allIds(a2, admin1);
      const onB = await allIds(b, admin1);
      expect(onA.total).toBe(expected);
      expect(onB.total).toBe(expected);
      expect(onA.ids.length).toBe(expected);
      expect(new Set(onA.ids).size).toBe(expected);
      expect(onB.ids).toEqual(onA.ids);
    });
    mark("both list the same calls (A restarted)");

    await test.step("syncs of a source started on both at once never index a call twice", async () => {
      const before = Number((await db.query("SELECT COALESCE(MAX(id), 0) AS n FROM sync_runs")).rows[0].n);
      const ids = ["hz-robot", "aicc", "tanyi", "agent"];
      const started = await Promise.all(
        ids.flatMap((id) => [a2, b].map((server) => post(server, `/api/sources/${id}/sync`, admin1))),
      );
      expect(started.map((answer) => answer.status)).toEqual(ids.flatMap(() => [202, 202]));
      let manual: Run[] = [];
      await expect
        .poll(
          async () => {
            const runs = (await db.query<Run>("SELECT * FROM sync_runs WHERE id > $1", [before])).rows;
            manual = runs.filter((run) => run.reason === "manual" && run.state === "done");
            return (
              runs.every((run) => run.state !== "running") &&
              ids.every((id) => manual.some((r) => r.source_id === id))
            );
          },
          { timeout: 60_000, intervals: [500] },
        )
        .toBe(true);
      await expectEveryCallOnce(db, expected);
      expect(await total(a2, admin1)).toBe(expected);
      expect(await total(b, admin1)).toBe(expected);
      // One run of a source at a time, over the whole test: no two finished runs overlap.
      const done = (await db.query<Run>("SELECT * FROM sync_runs WHERE state = 'done' ORDER BY started_at"))
        .rows;
      for (const id of ids) {
        const own = done.filter((run) => run.source_id === id);
        for (let i = 1; i < own.length; i++)
          expect(
            Date.parse(own[i]!.started_at),
            `${id}: run ${own[i]!.id} started before run ${own[i - 1]!.id} ended`,
          ).toBeGreaterThanOrEqual(Date.parse(own[i - 1]!.finished_at!));
      }
      // B's resumes went on from A's checkpoints: each listed fewer pages than a full listing of
      // its source (the manual sync just made), and with the cut run it covered the listing.
      const runs = (await db.query<Run>("SELECT * FROM sync_runs ORDER BY id")).rows;
      for (const run of cut) {
        // The resume, and any hand-over of it (a loaded machine's stall may pass it on once more):
        // the resume runs that follow the cut one, up to the first that finished.
        const resumes: Run[] = [];
        for (const r of runs.filter((r) => r.source_id === run.source_id && r.id > run.id)) {
          if (r.reason !== "resume") break;
          resumes.push(r);
          if (r.state === "done") break;
        }
        const resumed = resumes.reduce((sum, r) => sum + r.pages, 0);
        const full = manual.find((r) => r.source_id === run.source_id)!;
        expect(resumed, `${run.source_id}: resumed ${resumed} of ${full.pages} pages`).toBeLessThan(
          full.pages,
        );
        expect(run.pages + resumed, run.source_id).toBeGreaterThanOrEqual(full.pages);
        console.log(
          `two-instances: ${run.source_id}: ${run.pages} pages on A before the kill + ${resumed} resumed on B = ${full.pages} in a full listing`,
        );
      }
    });
    mark("syncs of a source started on both at once never index a call twice");

    await test.step("a review saved on A shows on B", async () => {
      const { items } = (await (await get(b, "/api/calls?source=tanyi&limit=1", supervisor)).json()) as {
        items: { id: string }[];
      };
      const id = items[0]!.id;
      // A reviewer on B has the call open already (B remembers its detail).
      const earlier = (await (await get(b, `/api/calls/${id}`, supervisor)).json()) as { review: Review };
      expect(earlier.review.status).toBe("unreviewed");

      const note = `两实例复核 ${randomBytes(3).toString("hex")}`;
      const saved = await patch(a2, `/api/calls/${id}/review`, supervisor, {
        status: "flagged",
        intent: "B",
        note,
      });
      expect(saved.status).toBe(200);

      const detail = (await (await get(b, `/api/calls/${id}`, supervisor)).json()) as { review: Review };
      expect(detail.review).toMatchObject({ status: "flagged", intent: "B", note, by: "supervisor" });
      const flagged = (await (await get(b, "/api/calls?review=flagged&limit=500", supervisor)).json()) as {
        items: { id: string }[];
      };
      expect(flagged.items.map((item) => item.id)).toContain(id);
      // In B's browser: the call page shows the review made on A.
      const page = await pageOn(browser, b, supervisor);
      await page.goto(`/calls/${id}`);
      await expect(page.locator('textarea[name="note"]')).toHaveValue(note, { timeout: 30_000 });
      await expect(page.locator('input[name="status"][value="flagged"]')).toBeChecked();
      await page.context().close();
    });
    mark("a review saved on A shows on B");

    await test.step("signing out on A ends the session on B", async () => {
      const page = await pageOn(browser, b, supervisor);
      await page.goto("/calls");
      await expect(page).toHaveURL(/\/calls$/);
      expect((await post(a2, "/api/auth/logout", supervisor)).status).toBe(200);

      expect((await get(b, "/api/auth/session", supervisor)).status).toBe(401);
      const pageAnswer = await get(b, "/calls", supervisor);
      expect(pageAnswer.status).toBe(307);
      expect(pageAnswer.headers.get("location")).toMatch(/\/login\?next=%2Fcalls$/);
      // The browser still holding the cookie on B is sent to sign in.
      await page.goto("/calls");
      await expect(page).toHaveURL(/\/login\?next=%2Fcalls$/);
      await page.context().close();
      const ended = await db.query("SELECT ended_reason FROM sessions WHERE username = 'supervisor'");
      expect(ended.rows.map((row) => row.ended_reason)).toEqual(["logout"]);
      // The admin's session, signed in on the same A, is untouched.
      expect((await get(b, "/api/auth/session", admin1)).status).toBe(200);
    });
    mark("signing out on A ends the session on B");
  } finally {
    await restarting?.catch(() => undefined);
    for (const server of servers) {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGTERM");
      await exited(server.child);
    }
    // What each instance said and what the runs were: the first things to read when this fails.
    const info = test.info();
    for (const [n, server] of servers.entries()) {
      const file = info.outputPath(`instance-${n + 1}-port-${new URL(server.url).port}.log`);
      fs.writeFileSync(file, server.output());
      await info.attach(path.basename(file), { path: file, contentType: "text/plain" });
    }
    const runs = await db.query("SELECT * FROM sync_runs ORDER BY id").catch(() => null);
    if (runs) {
      const file = info.outputPath("sync_runs.json");
      fs.writeFileSync(file, JSON.stringify(runs.rows, null, 1));
      await info.attach("sync_runs.json", { path: file, contentType: "application/json" });
    }
    await db.end().catch(() => undefined);
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
});

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Every call once: by source and vendor key (the sync's key), by public id, and by vendor call id. */
async function expectEveryCallOnce(db: pg.Client, expected: number): Promise<void> {
  const counts = (
    await db.query<{ n: number; keys: number; ids: number }>(
      `SELECT COUNT(*)::int AS n, COUNT(DISTINCT (source_id, call_key))::int AS keys,
         COUNT(DISTINCT id)::int AS ids FROM calls`,
    )
  ).rows[0];
  expect(counts).toEqual({ n: expected, keys: expected, ids: expected });
  const twice = await db.query(
    `SELECT source_id, vendor_call_id, COUNT(*) AS n FROM calls WHERE vendor_call_id IS NOT NULL
     GROUP BY source_id, vendor_call_id HAVING COUNT(*) > 1 LIMIT 5`,
  );
  expect(twice.rows).toEqual([]);
}

async function signIn(server: OwnServer, role: string): Promise<string> {
  const answer = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url },
    body: JSON.stringify({ username: role, password: role }),
  });
  if (!answer.ok) throw new Error(`sign-in as ${role} on ${server.url}: HTTP ${answer.status}`);
  const cookie = answer.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .find((pair) => pair.startsWith(`${COOKIE}=`));
  if (!cookie) throw new Error(`sign-in as ${role}: no ${COOKIE} cookie`);
  return cookie.slice(COOKIE.length + 1);
}

function get(server: OwnServer, path: string, cookie: string): Promise<Response> {
  return fetch(`${server.url}${path}`, { headers: { cookie: `${COOKIE}=${cookie}` }, redirect: "manual" });
}

function post(server: OwnServer, path: string, cookie: string): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { cookie: `${COOKIE}=${cookie}`, origin: server.url },
  });
}

function patch(server: OwnServer, path: string, cookie: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: "PATCH",
    headers: { cookie: `${COOKIE}=${cookie}`, origin: server.url, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function sources(server: OwnServer, cookie: string): Promise<SourceStatus[]> {
  const answer = await get(server, "/api/sources", cookie);
  if (!answer.ok) throw new Error(`GET /api/sources on ${server.url}: HTTP ${answer.status}`);
  return (await answer.json()) as SourceStatus[];
}

function pagesOf(source: SourceStatus): number {
  return source.sync.progress?.pages ?? 0;
}

function totalPages(list: SourceStatus[]): number {
  return list.reduce((sum, source) => sum + pagesOf(source), 0);
}

async function total(server: OwnServer, cookie: string): Promise<number> {
  return ((await (await get(server, "/api/calls?limit=1", cookie)).json()) as { total: number }).total;
}

/** Every call id the list gives, page by page, in its order. */
async function allIds(server: OwnServer, cookie: string): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let total = -1;
  let cursor: string | null = null;
  do {
    const answer = await get(
      server,
      `/api/calls?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      cookie,
    );
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as {
      items: { id: string }[];
      total: number;
      nextCursor: string | null;
    };
    ids.push(...body.items.map((item) => item.id));
    total = body.total;
    cursor = body.nextCursor;
  } while (cursor);
  return { ids, total };
}

/** What the progress bars on a sources page say. */
async function progressLabels(page: Page): Promise<string[]> {
  return page
    .getByRole("progressbar")
    .evaluateAll((bars) => bars.map((bar) => bar.getAttribute("aria-label") ?? ""));
}

/** A browser page on `server` holding the session cookie made elsewhere. */
async function pageOn(browser: Browser, server: OwnServer, cookie: string) {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  });
  await context.addCookies([
    { name: COOKIE, value: cookie, url: server.url, httpOnly: true, sameSite: "Lax" },
  ]);
  return context.newPage();
}
