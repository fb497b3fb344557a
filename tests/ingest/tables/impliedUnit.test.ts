import { describe, expect, it } from "vitest";
import { impliedUnit } from "../../../src/ingest/tables/facts.js";

describe("impliedUnit: a label's measure word when no unit is printed", () => {
  it.each([
    ["中职学校在校人数", "人"],
    ["企业职工培训人次", "人次"],
    ["中职学校数", "所"],
    ["生师比", null],
    ["中职学校招生比例", null],
    ["教育经费", null],
  ])("%s → %s", (label, unit) => {
    expect(impliedUnit(label)).toBe(unit);
  });
});
