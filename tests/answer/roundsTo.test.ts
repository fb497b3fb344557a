import { describe, expect, it } from "vitest";
import { roundsTo } from "../../src/answer/figures.js";
import type { Fact } from "../../src/types.js";

const fact = (value: number, raw: string, qualifier?: string): Fact => ({
  id: raw,
  entity: "某市",
  report: "r",
  table: null,
  tableNumber: null,
  tableId: null,
  indicator: "在校生",
  path: ["在校生"],
  unit: "人",
  column: "2021年",
  year: 2021,
  value,
  raw,
  line: 1,
  source: "text",
  ...(qualifier ? { qualifier } : {}),
});

describe("roundsTo: an approximation agrees with the exact figure it rounds to", () => {
  it.each([
    [fact(25300, "约2.53万人", "约"), fact(25296, "25296"), true],
    [fact(25300, "约2.53万人", "约"), fact(26800, "26800"), false],
    [fact(2500, "2500余人", "余"), fact(2561, "2561"), true],
    [fact(2500, "2500余人", "余"), fact(2700, "2700"), false],
    [fact(25300, "25300人"), fact(25296, "25296"), false],
  ])("%#", (a, b, expected) => {
    expect(roundsTo(a, b)).toBe(expected);
  });
});
