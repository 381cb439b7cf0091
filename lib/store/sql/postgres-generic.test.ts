import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Store } from "@/lib/store";
import { sessionInput } from "@/lib/testing/sessions";
import { openTestStore, testBackend } from "@/lib/testing/store";

/**
 * Reads marked `generic` are prepared once per connection (PostgresSql.all): a sign-in's session
 * lookup and a page's rows by seq. They must keep answering when a newer instance's migration
 * changes a table they read, and give each call's own values whatever the plan.
 */
describe.skipIf(testBackend() !== "postgres")("PostgreSQL prepared reads", () => {
  let store: Store;
  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(async () => {
    await store.close();
  });

  test("a session lookup still answers after a migration adds a column or changes one's type", async () => {
    const now = Date.now();
    const session = (id: string) => sessionInput(id, now);
    await store.sessions.create(session("a"));
    // Past PostgreSQL's five custom plans: the statement now runs its cached plan.
    for (let i = 0; i < 7; i++) expect((await store.sessions.byToken("hash-a"))?.id).toBe("a");
    await store.sql.run("ALTER TABLE sessions ADD COLUMN added_later TEXT");
    expect((await store.sessions.byToken("hash-a"))?.username).toBe("sup");
    // A newer instance changed a column's type: the prepared lookup no longer fits, and is run unprepared.
    await store.sql.run("ALTER TABLE sessions ALTER COLUMN user_agent TYPE VARCHAR(500)");
    for (let i = 0; i < 3; i++) expect((await store.sessions.byToken("hash-a"))?.id).toBe("a");
    await store.sessions.create(session("b"));
    expect((await store.sessions.byToken("hash-b"))?.id).toBe("b");
    expect(await store.sessions.byToken("hash-none")).toBeNull();
  });
});
