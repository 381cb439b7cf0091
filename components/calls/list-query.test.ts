import { describe, expect, test } from "vitest";
import { parseCallQuery } from "@/lib/calls/query";
import { LIST_PAGE_SIZE, listHref, listQueryOf, nextSort } from "./list-query";

describe("the list's URL", () => {
  test("reads like the API's documentation: commas and colons unescaped, defaults left out", () => {
    const query = listQueryOf(new URLSearchParams("intent=A%2CB&hangup=robot&sort=durationSec%3Adesc"));
    expect(listHref(query)).toBe("/calls?hangup=robot&intent=A,B&sort=durationSec:desc");
    expect(listHref(listQueryOf(new URLSearchParams("sort=startedAt:desc&limit=20&cursor=abc")))).toBe(
      "/calls",
    );
  });

  test("means what the API reads from it", () => {
    const href = listHref(
      listQueryOf(new URLSearchParams("result=answered,busy&q=多少钱&roundsMin=2&from=2026-11-01")),
    );
    const api = parseCallQuery(new URL(href, "http://x").searchParams);
    expect(api).toMatchObject({
      result: ["answered", "busy"],
      q: "多少钱",
      roundsMin: 2,
      from: "2026-11-01",
    });
  });

  test("pages by the list's page size and drops what a hand-edited URL got wrong", () => {
    const query = listQueryOf(new URLSearchParams("intent=Z&roundsMin=x&hangup=customer&limit=7&cursor=abc"));
    expect(query.limit).toBe(LIST_PAGE_SIZE);
    expect(query.cursor).toBeNull();
    expect(query.intent).toEqual([]);
    expect(query.roundsMin).toBeNull();
    expect(query.hangup).toEqual(["customer"]);
  });
});

test("a header click sorts its column worst first, then flips it, and never turns the order off", () => {
  expect(nextSort({ field: "startedAt", dir: "desc" }, "durationSec")).toEqual({
    field: "durationSec",
    dir: "desc",
  });
  expect(nextSort({ field: "durationSec", dir: "desc" }, "durationSec")).toEqual({
    field: "durationSec",
    dir: "asc",
  });
  expect(nextSort({ field: "durationSec", dir: "asc" }, "durationSec")).toEqual({
    field: "durationSec",
    dir: "desc",
  });
  expect(nextSort({ field: "latency", dir: "asc" }, "deadAir")).toEqual({ field: "deadAir", dir: "desc" });
});
