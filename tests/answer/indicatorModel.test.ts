import { describe, expect, it } from "vitest";
import { findVariants } from "../../src/answer/figures.js";
import { buildCatalog } from "../../src/answer/indicators.js";
import { refuses, rowSlots, slotConflicts } from "../../src/answer/indicatorModel.js";
import { readSlots } from "../../src/text/qualifiers.js";
import { catalogFact } from "./catalogFacts.js";

const conflicts = (asked: string, printed: string) => slotConflicts(readSlots(asked), readSlots(printed)).map((c) => [c.dimension, c.kind, c.word]);

describe("slotConflicts: every slot equal both ways", () => {
  it("agrees when neither sets a slot, or both set the same value in other words", () => {
    expect(conflicts("在校生数", "在校生数")).toEqual([]);
    expect(conflicts("私立学校招生人数", "民办学校招生人数")).toEqual([]);
    expect(conflicts("本省就业人数", "省内就业人数")).toEqual([]);
  });

  it("a row narrower than the question: it sets a slot the question leaves open", () => {
    expect(conflicts("专业教学资源库数", "省级专业教学资源库数")).toEqual([["level", "narrower", "省级"]]);
  });

  it("an implied value: a plain 招生 is the actual intake, not the plan", () => {
    expect(conflicts("招生人数", "招生计划")).toEqual([["plan", "different", "计划"]]);
    expect(conflicts("招生人数", "实际完成招生")).toEqual([]);
    expect(conflicts("培训人次", "累计培训人次")).toEqual([["timeScope", "different", "累计"]]);
    // The report's subject is implied: 各级各类学校 is a wider population than the 中职 asked for.
    expect(conflicts("中职在校生", "各级各类学校在校学生")).toEqual([["stage", "different", "各级各类"]]);
    expect(conflicts("在校生", "各级各类学校在校学生")).toEqual([["stage", "different", "各级各类"]]);
  });

  it("a question narrower than the row: the row's figure is not the part asked for", () => {
    expect(conflicts("民办学校在校生", "在校生数")).toEqual([["ownership", "missing", "民办"]]);
    expect(conflicts("公办学校招生人数", "民办学校招生人数")).toEqual([["ownership", "different", "民办"]]);
  });

  it("refuses a row outright unless only the question's qualifier is missing (that row is a near miss to suggest)", () => {
    expect(slotConflicts(readSlots("在校生"), readSlots("民办在校生")).every(refuses)).toBe(true);
    expect(slotConflicts(readSlots("民办在校生"), readSlots("在校生")).some(refuses)).toBe(false);
  });
});

describe("rowSlots", () => {
  it("reads a row's label path, table title and column", () => {
    expect(rowSlots(["在校生数"], "民办学校基本情况", "")).toMatchObject({ ownership: { value: "民办" } });
    expect(rowSlots(["专业教学资源库数"], "教学资源表", "省级")).toMatchObject({ level: { value: "省级" } });
  });

  it("takes no time scope from a title: 近两年…比较 has a column per year, no total", () => {
    expect(rowSlots(["升学总人数"], "近两年江门市中职学生升学情况比较", "2024年").timeScope).toBeUndefined();
    expect(rowSlots(["近三年累计培训人次"], "", "").timeScope?.value).toBe("近几年");
  });
});

describe("the same measure printed twice is a conflict; two measures are not", () => {
  // Three rows of one report: the same 生均公用经费 in a table and in a sentence, and the 民办 schools' own.
  const facts = [
    catalogFact(["生均公用经费"], 2000, { unit: "元", table: "经费情况表" }),
    catalogFact(["生均公用经费"], 2100, { unit: "元", table: null }),
    catalogFact(["生均民办公用经费"], 700, { unit: "元", table: null }),
  ];
  const catalog = buildCatalog(facts, []);
  const tableRow = catalog.find((e) => e.source === "table")!;

  it("shows the sentence's figure beside the table's, and not the 民办 schools'", () => {
    const variants = findVariants({ fact: tableRow.facts[0]!, entry: tableRow, score: 1 }, catalog, undefined);
    expect(variants.map((f) => f.value)).toEqual([2100]);
  });
});
