import { describe, expect, it } from "vitest";
import { pickFigure, preferCoverage, preferUnit } from "../../src/answer/figures.js";
import { buildCatalog, type IndicatorMatch, matchIndicators, normalizeLabel } from "../../src/answer/indicators.js";
import { MATCH_PARAMS, type MatchParams } from "../../src/answer/matchParams.js";
import type { Fact } from "../../src/types.js";
import { catalogFact } from "./catalogFacts.js";

/**
 * One test per knob of indicator matching, each on a two-row catalogue built so that the knob
 * decides the winner: with the default the expected row wins, with the knob switched off the
 * other one does (or a row that should be rejected comes back).
 */

const fact = (path: string[], value: number, o: { unit?: string; table?: string | null; column?: string } = {}): Fact => catalogFact(path, value, { ...o, year: 2024 });

function top(q: string, facts: Fact[], p: Partial<MatchParams> = {}): string | null {
  const params = { ...MATCH_PARAMS, ...p };
  return matchIndicators(q, buildCatalog(facts, []), params.minScore, params)[0]?.entry.indicator ?? null;
}

describe("indicator matching knobs", () => {
  it("minLeafCover: a row whose label the question names only in part is not what was asked", () => {
    const facts = [fact(["接收国外访学教师人数"], 3)];
    expect(top("接收国外留学生人数", facts)).toBeNull();
    expect(top("接收国外留学生人数", facts, { minLeafCover: 0, labelStartCover: 0 })).toBe("接收国外访学教师人数");
  });

  it("opening words: 双师型教师比例 is not 高级双师型教师比例, even as the only row", () => {
    const facts = [fact(["高级双师型教师比例"], 12.1, { unit: "%" })];
    expect(top("双师型教师比例", facts)).toBeNull();
    expect(top("高级双师型教师比例", facts)).toBe("高级双师型教师比例");
  });

  it("labelStartCover: a one-character opening (a misprint) is forgiven only when the rest is named well", () => {
    const facts = [fact(["教教职工总数"], 2392)];
    expect(top("教职工总数", facts)).toBe("教教职工总数");
    expect(top("教职工总数", facts, { labelStartCover: 1 })).toBeNull();
  });

  it("minQueryCoverText: one word of a long question does not pick a sentence", () => {
    const facts = [fact(["培训"], 50, { table: null })];
    expect(top("护理护工两委干部培训", facts, { minLeafCover: 0, minScore: 0.01 })).toBeNull();
    expect(top("护理护工两委干部培训", facts, { minQueryCoverText: 0, minLeafCover: 0, minScore: 0.01 })).toBe("培训");
  });

  it("leafWeight: the row whose label the question names whole beats one it names in part", () => {
    const facts = [fact(["就业人数"], 900), fact(["毕业生就业去向人数"], 1000)];
    expect(top("就业人数", facts)).toBe("就业人数");
  });

  it("wholeLabel: the row the question contains whole wins a near tie", () => {
    const facts = [fact(["面向第二产业就业人数"], 201), fact(["第二产业人数"], 199)];
    expect(top("面向第二产业就业人数", facts)).toBe("面向第二产业就业人数");
    expect(top("第二产业人数", facts)).toBe("第二产业人数");
  });

  it("unaskedColumn: the share column answers only a question that asks for the share", () => {
    const facts = [fact(["面向第三产业"], 327), fact(["面向第三产业"], 61.9, { unit: "%", column: "2024年 · 占比" })];
    const col = (q: string, p: Partial<MatchParams> = {}) => {
      const params = { ...MATCH_PARAMS, ...p };
      return matchIndicators(q, buildCatalog(facts, []), params.minScore, params)[0]?.entry.columnLabel;
    };
    expect(col("面向第三产业")).toBe("");
    expect(col("面向第三产业占比")).toBe("比例"); // 占比 is normalised to 比例
  });

  it("standardTable: between two equal rows, the standard appendix table's wins", () => {
    const facts = [fact(["月收入"], 3000, { unit: "元", table: "毕业生情况" }), fact(["月收入"], 3360, { unit: "元", table: "人才培养质量计分卡" })];
    const pick = (p: Partial<MatchParams> = {}) => {
      const params = { ...MATCH_PARAMS, ...p };
      return matchIndicators("月收入", buildCatalog(facts, []), params.minScore, params)[0]?.entry.table;
    };
    expect(pick()).toBe("人才培养质量计分卡");
    expect(pick({ standardTable: -0.03 })).toBe("毕业生情况");
  });

  it("runningText: a table row beats the same words in running text", () => {
    const facts = [fact(["升学人数"], 858, { table: null }), fact(["升学人数"], 803)];
    const pick = (p: Partial<MatchParams> = {}) => {
      const params = { ...MATCH_PARAMS, ...p };
      return matchIndicators("升学人数", buildCatalog(facts, []), params.minScore, params)[0]?.entry.source;
    };
    expect(pick()).toBe("table");
    expect(pick({ runningText: -0.1 })).toBe("text");
  });

  it("childWithoutParent: a bare question prefers the top-level row to a child of another measure", () => {
    const facts = [fact(["在校生数"], 3848), fact(["中外合作办学专业数", "其中：在校生数"], 40)];
    expect(top("在校生数", facts)).toBe("在校生数");
    expect(top("在校生数", facts, { childWithoutParent: -0.1 })).toBe("中外合作办学专业数 › 其中：在校生数");
  });

  it("minScore: a weak reading is dropped", () => {
    const facts = [fact(["毕业生就业去向人数"], 1000)];
    expect(top("就业人数", facts, { minScore: 0 })).toBe("毕业生就业去向人数");
    expect(top("就业人数", facts, { minScore: 2 })).toBeNull();
  });
});

describe("what a label's words and a sentence's scope explain", () => {
  it("a label's measure word is implied: 占地 asks for 占地面积", () => {
    const facts = [fact(["占地面积"], 252, { unit: "亩" })];
    expect(top("占地", facts)).toBe("占地面积");
  });

  it("the measure word is no part of the label only for counts, areas and sums: 双师型教师 is the count, not the rate", () => {
    const facts = [fact(["双师型教师人数"], 98), fact(["双师型教师比例"], 30.1, { unit: "%" })];
    expect(top("双师型教师", facts)).toBe("双师型教师人数");
  });

  it("占比, 比重 and 比例 are one word; 中职教育 and 中等职业教育 are 中职", () => {
    expect(normalizeLabel("兼职教师占比")).toBe(normalizeLabel("兼职教师比例"));
    expect(normalizeLabel("第三产业比重")).toBe(normalizeLabel("第三产业比例"));
    expect(normalizeLabel("中职教育经费")).toBe(normalizeLabel("中等职业教育经费"));
    expect(normalizeLabel("副高以上职称教师")).toBe(normalizeLabel("副高以上专业技术职务教师"));
  });

  it("a preposition opening the label is no qualifier: 去中小微企业就业 asks for 到中小微企业就业人数", () => {
    const facts = [fact(["C类：到中小微企业就业人数"], 4026)];
    // labelStartCover 1 leaves the preposition as the only thing that could reject the row.
    expect(top("去中小微企业就业人数", facts, { labelStartCover: 1 })).toBe("C类：到中小微企业就业人数");
    expect(top("在中小微企业就业人数", facts, { labelStartCover: 1 })).toBe("C类：到中小微企业就业人数");
  });

  it("a sentence's head may be its unit's word: 经费…金额 in 万元", () => {
    const facts = [fact(["中等职业教育经费"], 62335, { unit: "万元", table: null })];
    expect(top("中职教育经费合计金额", facts)).toBe("中等职业教育经费");
    expect(top("中职教育经费合计人数", facts)).toBeNull();
  });

  it("a text fact's scope (its section, its clause) explains question words its label lacks", () => {
    const plain = fact(["培训人数"], 6659, { table: null });
    const scoped = { ...plain, scope: "社会服务 全市共有9所学校开展职业技能培训，66个工种共培训" };
    const leftover = (f: Fact) => matchIndicators("全市开展职业技能培训人数", buildCatalog([f], []), -10)[0]?.leftover;
    expect(leftover(scoped)).toEqual([]);
    // (开展 is a light verb, optional everywhere.)
    expect(leftover(plain)).toEqual(["技能"]);
  });
});

describe("labels with a programme's name", () => {
  it("“9+3”升学率 opens as 9+3学生升学率 does (quotes and + are not characters of a word)", () => {
    const facts = [fact(["“9+3”升学率"], 95.9, { unit: "%", table: null }), fact(["升学率"], 81.7, { unit: "%" })];
    const covered = matchIndicators("9+3学生升学率", buildCatalog(facts, []))
      .filter((m) => !m.leftover.length)
      .map((m) => m.entry.indicator);
    expect(covered).toEqual(["“9+3”升学率"]);
    // A bare 升学率 is not the programme's.
    expect(top("升学率", facts)).toBe("升学率");
    expect(matchIndicators("升学率", buildCatalog(facts, [])).map((m) => m.entry.indicator)).not.toContain("“9+3”升学率");
  });
});

describe("a row narrower than the question", () => {
  it("a qualifier inside the label the question lacks rejects the row: 去向落实率 is not 本省去向落实率", () => {
    const facts = [fact(["毕业生本省去向落实率"], 98, { unit: "%" })];
    expect(top("毕业生去向落实率", facts)).toBeNull();
    expect(top("毕业生本省去向落实率", facts)).toBe("毕业生本省去向落实率");
  });

  it.each([
    ["就业率", "直接就业率"],
    ["就业率", "对口就业率"],
    ["学历占比", "本科以上学历占比"],
    ["在校生数", "民办在校生数"],
  ])("%s is not %s", (q, label) => {
    expect(top(q, [fact([label], 50, { unit: "%" })])).toBeNull();
  });

  it("教学 opening a label narrows nothing: 计划内课程总学时 asks for 教学计划内课程总数 › 学时", () => {
    const facts = [fact(["教学计划内课程总数", "学时"], 461990, { unit: "学时" })];
    expect(top("计划内课程总学时", facts)).toBe("教学计划内课程总数 › 学时");
  });
});

describe("a bracketed note in a label", () => {
  it("is no part of the row's name: 电子信息大类 finds 电子与信息大类（含计算机应用、电子商务）", () => {
    const facts = [fact(["电子与信息大类（含计算机应用、电子商务）"], 1096, { column: "在校生数" })];
    expect(top("电子信息大类在校生数", facts)).toBe("电子与信息大类（含计算机应用、电子商务）");
    // ...and what it lists is not the row: 计算机应用 is only part of it.
    expect(matchIndicators("计算机应用在校生数", buildCatalog(facts, []))).toEqual([]);
  });
});

describe("picking a figure among near ties (figures.ts), at the shipped values", () => {
  const m = (indicator: string, score: number, o: { unit?: string; table?: string | null; years?: Record<number, number | null> } = {}): IndicatorMatch => {
    const facts = Object.entries(o.years ?? { 2024: 1 }).map(([y, v]) => catalogFact([indicator], v, { unit: o.unit, table: o.table, column: `${y}年` }));
    return { entry: buildCatalog(facts, [])[0]!, score, leftover: [] };
  };
  const picked = (matches: IndicatorMatch[], year: number | null, p: Partial<MatchParams> = {}) =>
    pickFigure(matches, "r.txt", year, undefined, { ...MATCH_PARAMS, ...p }).picked?.entry.indicator ?? null;

  it("tie: within it, a row with a value for the year beats a better one that prints none", () => {
    // 0.05 apart: one reading. The best prints "-" for 2024.
    const rows = [m("在校生数", 1.0, { years: { 2024: null, 2023: 5 } }), m("在校学生数", 0.95, { years: { 2024: 7 } })];
    expect(MATCH_PARAMS.tie).toBeGreaterThan(0.05);
    expect(picked(rows, 2024)).toBe("在校学生数");
    expect(picked(rows, 2024, { tie: 0.01 })).toBeNull();
  });

  it("tableFirst: a table row scoring at least this is preferred to a better-scoring sentence", () => {
    const rows = [m("在校生", 1.0, { table: null }), m("在校生数", 0.6)];
    expect(MATCH_PARAMS.tableFirst).toBeLessThanOrEqual(0.6);
    expect(picked(rows, 2024)).toBe("在校生数");
    expect(picked(rows, 2024, { tableFirst: 0.7 })).toBe("在校生");
  });

  it("coverageWindow: for several years, a row within it that has all of them comes first", () => {
    const rows = [m("在校生数", 1.0, { years: { 2024: 7 } }), m("在校学生数", 0.8, { years: { 2023: 5, 2024: 7 } })];
    expect(MATCH_PARAMS.coverageWindow).toBeGreaterThanOrEqual(0.2);
    expect(preferCoverage(rows, "r.txt", [2023, 2024], undefined)[0]?.entry.indicator).toBe("在校学生数");
    expect(preferCoverage(rows, "r.txt", [2023, 2024], undefined, { ...MATCH_PARAMS, coverageWindow: 0.1 })[0]?.entry.indicator).toBe("在校生数");
  });

  it("unitWindow, unitBonus: '多少人' settles a near tie for the row printed in 人", () => {
    const rows = [m("就业率", 1.0, { unit: "%" }), m("就业人数", 0.97, { unit: "人" })];
    expect(preferUnit(rows, "人")[0]?.entry.indicator).toBe("就业人数");
    expect(preferUnit(rows, "人", { ...MATCH_PARAMS, unitWindow: 0.01 })[0]?.entry.indicator).toBe("就业率");
    expect(preferUnit(rows, "人", { ...MATCH_PARAMS, unitBonus: 0 })[0]?.entry.indicator).toBe("就业率");
  });
});
