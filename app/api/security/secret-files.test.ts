import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { sessionSecret } from "@/lib/auth/session-secret";
import { openStore } from "@/lib/store";

/** Finding 11: a bad session-secret file stops start-up; the data folder and its files are private. */

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "callscope-secret-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

test.each([
  ["not hex", "this is not a hex secret at all, but it is long enough to pass a length check"],
  ["empty (a full disk)", ""],
  ["too short", "abcdef0123"],
])("a session-secret file that is %s refuses to start, naming the file", (_name, content) => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, "session-secret"), content);
  expect(() => sessionSecret({}, dir)).toThrow(/session-secret: not a valid session secret/);
});

test("a generated secret is 32 random bytes in a 0600 file, in a 0700 folder", () => {
  const dir = path.join(tempDir(), "data");
  const secret = sessionSecret({}, dir);
  expect(secret.length).toBe(32);
  expect(fs.statSync(path.join(dir, "session-secret")).mode & 0o777).toBe(0o600);
  expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  expect(sessionSecret({}, dir).equals(secret)).toBe(true);
});

test("the index files are 0600 and a folder open to others is tightened", async () => {
  const dir = path.join(tempDir(), "data");
  fs.mkdirSync(dir, { mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  const file = path.join(dir, "callscope.db");
  const store = await openStore(file);
  await store.settings.set("x", "y");
  for (const part of ["", "-wal"]) expect(fs.statSync(`${file}${part}`).mode & 0o777, part).toBe(0o600);
  store.close();
  sessionSecret({}, dir);
  expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
});

test("SESSION_SECRET shorter than 32 characters is refused", () => {
  expect(() => sessionSecret({ SESSION_SECRET: "short" }, null)).toThrow(/at least 32/);
});
