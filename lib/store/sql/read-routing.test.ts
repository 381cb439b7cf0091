import { expect, test } from "vitest";
import { ReadRouting } from "./read-routing";

const POINT = "SELECT id FROM calls WHERE seq = ?";

test("a statement runs inline only after a streak of fast runs", () => {
  const routing = new ReadRouting(1, 3);
  expect(routing.inline(POINT)).toBe(false);
  routing.record(POINT, 0.2);
  routing.record(POINT, 0.3);
  expect(routing.inline(POINT)).toBe(false);
  routing.record(POINT, 0.1);
  expect(routing.inline(POINT)).toBe(true);
  expect(routing.inline("SELECT 1")).toBe(false);
});

test("a slow run breaks the streak, and an inline statement that runs slow goes back to the readers", () => {
  const routing = new ReadRouting(1, 3);
  routing.record(POINT, 0.2);
  routing.record(POINT, 0.2);
  routing.record(POINT, 40); // slow on a reader: the streak starts over
  routing.record(POINT, 0.2);
  routing.record(POINT, 0.2);
  expect(routing.inline(POINT)).toBe(false);
  routing.record(POINT, 0.2);
  expect(routing.inline(POINT)).toBe(true);

  routing.record(POINT, 25); // slow inline: back to the readers at once
  expect(routing.inline(POINT)).toBe(false);
  // … and it must now prove itself over a longer streak (4 × 3) before it runs inline again.
  for (let i = 0; i < 11; i++) routing.record(POINT, 0.2);
  expect(routing.inline(POINT)).toBe(false);
  routing.record(POINT, 0.2);
  expect(routing.inline(POINT)).toBe(true);
});

test("the texts it remembers are bounded", () => {
  const routing = new ReadRouting(1, 1, 10);
  for (let i = 0; i < 10; i++) routing.record(`SELECT ${i}`, 0.1);
  expect(routing.inline("SELECT 0")).toBe(true);
  routing.record("SELECT 10", 0.1);
  expect(routing.inline("SELECT 0")).toBe(false);
  expect(routing.inline("SELECT 10")).toBe(true);
});
