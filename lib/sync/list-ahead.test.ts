import { expect, test } from "vitest";
import type { CallPage } from "@/lib/vendors/types";
import { ListAhead } from "./list-ahead";

/** A vendor of `count` pages whose cursors are their numbers; `fail`: the page that fails. */
function vendor(count: number, fail?: number) {
  const asked: (string | null)[] = [];
  const list = async (cursor: string | null): Promise<CallPage> => {
    asked.push(cursor);
    const n = cursor === null ? 0 : Number(cursor);
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (n === fail) throw new Error(`page ${n} failed`);
    return {
      calls: [],
      problems: [],
      nextCursor: n + 1 < count ? String(n + 1) : null,
    } as unknown as CallPage;
  };
  return { list, asked };
}

const cursors = (pages: { next: string | null }[]) => pages.map((page) => page.next);

test("pages come in order, those that piled up together, never more than `ahead` at once", async () => {
  const { list, asked } = vendor(10);
  const ahead = new ListAhead(list, null, 3, 1000);
  await new Promise((resolve) => setTimeout(resolve, 50)); // a slow writer: the lister runs ahead …
  expect(asked).toHaveLength(3); // … but stops at three waiting pages
  const first = await ahead.take();
  expect(cursors(first)).toEqual(["1", "2", "3"]);
  const all = [...first];
  for (let pages = await ahead.take(); pages.length; pages = await ahead.take()) all.push(...pages);
  expect(cursors(all)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", null]);
  expect(asked).toEqual([null, "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
});

test("a failed listing is thrown after the pages before it are handed over", async () => {
  const { list } = vendor(10, 2);
  const ahead = new ListAhead(list, "0", 4, 1000);
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(cursors(await ahead.take())).toEqual(["1", "2"]);
  await expect(ahead.take()).rejects.toThrow("page 2 failed");
});

test("a cursor given twice ends the task; so does the page limit; stop ends the listing", async () => {
  const looping = async (): Promise<CallPage> =>
    ({ calls: [], problems: [], nextCursor: "same" }) as unknown as CallPage;
  const ahead = new ListAhead(looping, null, 4, 1000);
  const taken = [...(await ahead.take())];
  for (let pages = await ahead.take(); pages.length; pages = await ahead.take()) taken.push(...pages);
  expect(cursors(taken)).toEqual(["same", null]);

  const limited = new ListAhead(vendor(10).list, null, 4, 2);
  const got = [...(await limited.take())];
  for (let pages = await limited.take(); pages.length; pages = await limited.take()) got.push(...pages);
  expect(cursors(got)).toEqual(["1", "2"]);

  const { list, asked } = vendor(100);
  const stopped = new ListAhead(list, null, 2, 1000);
  await stopped.take();
  stopped.stop();
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(asked.length).toBeLessThanOrEqual(4);
});
