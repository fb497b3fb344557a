import { describe, expect, it } from "vitest";
import { chartOf, MAX_BARS, noChartSentence, numericValue } from "../../src/chart/chartData.js";
import type { Answer, AnswerFact } from "../../src/types.js";

// Figures as the reports print them: 江门 月收入 3319 (2023, line 461) and 3360 (2024, line 462);
// 乐山 3295.25 / 3457.75 (line 1162); 升入本科人数 2024: 乐山 287, 江门 19, 璧山 8, 遂宁 4.
function fact(entity: string, year: number, value: number | string, o: Partial<AnswerFact> = {}): AnswerFact {
  return {
    entity,
    report: `${entity}.txt`,
    table: "人才培养质量计分卡",
    tableNumber: "表1",
    tableId: `${entity}.txt#1`,
    indicator: "月收入",
    year,
    column: `${year}年`,
    value,
    raw: String(value),
    unit: "元",
    line: 400 + year - 2000,
    source: "table",
    ...o,
  };
}

function answer(question: string, intent: Answer["intent"], facts: AnswerFact[]): Answer {
  return {
    question,
    intent,
    facts,
    passages: [],
    reply: "",
    understood: { entities: [], years: [], indicator: null, intent, unknownEntities: [], keywords: [], yearDefaulted: false },
    alternatives: [],
    variants: [],
    changes: [],
    ms: 0,
  };
}

describe("what gets a chart", () => {
  it("a change over years: vertical bars in year order, the unit in the title, one footnote per bar", () => {
    const r = chartOf(answer("江门 月收入 2023 vs 2024", "change", [fact("江门市", 2024, 3360), fact("江门市", 2023, 3319)]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.chart.orientation).toBe("vertical");
    expect(r.chart.bars.map((b) => [b.label, b.value])).toEqual([
      ["2023年", 3319],
      ["2024年", 3360],
    ]);
    expect(r.chart.title).toBe("月收入（元）");
    expect(r.chart.subtitle).toContain("江门市");
    expect(r.chart.footnotes).toHaveLength(2);
    expect(r.chart.footnotes[0]).toMatch(/江门市\.txt 第4\d\d行 · 表1 人才培养质量计分卡 › 月收入/);
  });

  it("a ranking: horizontal bars in the answer's ranked order, labelled by report", () => {
    const ranked = [fact("乐山市", 2024, 287), fact("江门市", 2024, 19), fact("璧山区", 2024, 8), fact("遂宁市职业技术学校", 2024, 4)].map((f) => ({
      ...f,
      indicator: "毕业生去向落实人数 › 升入本科人数",
      unit: "人",
    }));
    const r = chartOf(answer("哪个地区2024年升入本科人数最多", "rank", ranked));
    if (!r.ok) throw new Error(r.reason);
    expect(r.chart.orientation).toBe("horizontal");
    expect(r.chart.bars.map((b) => b.label)).toEqual(["乐山市", "江门市", "璧山区", "遂宁市职业技术学校"]);
    expect(r.chart.title).toBe("升入本科人数（人）");
    expect(r.chart.subtitle).toContain("排名");
  });

  it("a ranking whose reports differ in year keeps one bar per report, the year in its label", () => {
    const r = chartOf(answer("哪个地区生师比最高", "rank", [fact("江门市", 2024, "17.6:1", { unit: null, indicator: "生师比" }), fact("吕梁市", 2022, "9.6:1", { unit: null, indicator: "生师比" })]));
    if (!r.ok) throw new Error(r.reason);
    expect(r.chart.bars.map((b) => [b.label, b.group, b.value, b.shown])).toEqual([
      ["江门市（2024年）", null, 17.6, "17.6:1"],
      ["吕梁市（2022年）", null, 9.6, "9.6:1"],
    ]);
  });

  it("two reports over two years: grouped bars, the year as the group", () => {
    const r = chartOf(answer("乐山和江门 月收入 2023 2024", "compare", [fact("乐山市", 2023, 3295.25), fact("乐山市", 2024, 3457.75), fact("江门市", 2023, 3319), fact("江门市", 2024, 3360)]));
    if (!r.ok) throw new Error(r.reason);
    expect(r.chart.bars.map((b) => [b.label, b.group])).toEqual([
      ["乐山市", "2023年"],
      ["乐山市", "2024年"],
      ["江门市", "2023年"],
      ["江门市", "2024年"],
    ]);
    // One number format on every bar: digits grouped by thousands (see "one number format" below).
    expect(r.chart.bars[1]!.shown).toBe("3,457.75");
  });

  it("figures that would share a label are told apart by their column", () => {
    const r = chartOf(answer("乐山 2024 经费", "compare", [fact("乐山市", 2024, 10, { column: "2024年 · 中央" }), fact("乐山市", 2024, 20, { column: "2024年 · 地方" })]));
    if (!r.ok) throw new Error(r.reason);
    expect(r.chart.bars.map((b) => b.label)).toEqual(["乐山市（2024年 · 中央）", "乐山市（2024年 · 地方）"]);
  });

  it("English questions get English labels", () => {
    const r = chartOf(answer("Jiangmen monthly income 2023 vs 2024", "change", [fact("江门市", 2023, 3319), fact("江门市", 2024, 3360)]));
    if (!r.ok) throw new Error(r.reason);
    expect(r.chart.lang).toBe("en");
    expect(r.chart.bars.map((b) => b.label)).toEqual(["2023", "2024"]);
    expect(r.chart.subtitle).toBe("江门市 · 2023, 2024");
    expect(r.chart.footnotes[0]).toContain("line");
  });
});

describe("what a chart says beside its bars", () => {
  it("one number format: 3,319 as printed and 3000 as printed are both grouped by thousands", () => {
    const r = chartOf(answer("江门 遂宁 月收入", "compare", [fact("江门市", 2023, 3319, { raw: "3,319" }), fact("遂宁", 2023, 3000, { raw: "3000" })]));
    if (!r.ok) throw new Error(r.reason);
    expect(r.chart.bars.map((b) => b.shown)).toEqual(["3,319", "3,000"]);
  });

  it("an approximate figure stays as printed (约2.53万), never an exact 25,300", () => {
    const r = chartOf(answer("对比", "compare", [fact("甲", 2024, 25300, { raw: "约2.53万", unit: "人" }), fact("乙", 2024, 20000, { raw: "20000", unit: "人" })]));
    if (!r.ok) throw new Error(r.reason);
    expect(r.chart.bars.map((b) => b.shown)).toEqual(["约2.53万", "20,000"]);
  });

  it("the change between years and the answer's caveats are drawn with it", () => {
    const a = answer("江门 月收入 2023 vs 2024", "change", [fact("江门市", 2023, 3319), fact("江门市", 2024, 3360)]);
    a.changes = [{ entity: "江门市", indicator: "月收入", from: 3319, to: 3360, fromYear: 2023, toYear: 2024, delta: 41, pct: 1.24 }];
    a.notes = ["注意：年份不同"];
    const r = chartOf(a);
    if (!r.ok) throw new Error(r.reason);
    expect(r.chart.notes).toEqual(["变化（江门市 2023→2024）：+41，+1.24%", "注意：年份不同"]);
  });

  it("in English: the indicator's English name with the printed label, the unit and the reports' names in English", () => {
    const a = answer("Jiangmen vs Leshan monthly income 2024", "compare", [fact("江门市", 2024, 3360), fact("乐山市", 2024, 3457.75)]);
    a.entityNames = { 江门市: "Jiangmen", 乐山市: "Leshan" };
    a.notes = ["Note: 乐山市 is higher"];
    const r = chartOf(a);
    if (!r.ok) throw new Error(r.reason);
    expect(r.chart.title).toBe("Monthly income (月收入), yuan");
    expect(r.chart.bars.map((b) => b.label)).toEqual(["Jiangmen", "Leshan"]);
    expect(r.chart.subtitle).toBe("2024");
    expect(r.chart.notes).toEqual(["Note: Leshan is higher"]);
    // The citation keeps the table's printed name.
    expect(r.chart.footnotes[0]).toContain("人才培养质量计分卡 › 月收入");
  });

  it("in Chinese the title stays as printed", () => {
    const r = chartOf(answer("江门 乐山 2024 月收入", "compare", [fact("江门市", 2024, 3360), fact("乐山市", 2024, 3457.75)]));
    if (!r.ok) throw new Error(r.reason);
    expect(r.chart.title).toBe("月收入（元）");
  });
});

describe("what does not, and why", () => {
  it.each([
    ["no figures", [], "no-figures"],
    ["one figure", [fact("遂宁市职业技术学校", 2024, 803)], "one-figure"],
    ["a value that is text", [fact("乐山市", 2024, 3457.75), fact("江门市", 2024, "较上年提高")], "not-numeric"],
    ["a blank value", [fact("乐山市", 2024, 3457.75), fact("江门市", 2024, null as unknown as number)], "not-numeric"],
    ["different units", [fact("乐山市", 2024, 3457.75), fact("江门市", 2024, 98, { unit: "%" })], "mixed-units"],
    ["more bars than fit", Array.from({ length: MAX_BARS + 1 }, (_, k) => fact(`学校${k}`, 2024, k)), "too-many"],
  ] as const)("%s", (_name, facts, reason) => {
    const r = chartOf(answer("对比", "compare", [...facts]));
    expect(r).toEqual({ ok: false, reason });
    expect(noChartSentence(reason, "zh")).toMatch(/图表/);
    expect(noChartSentence(reason, "en")).toMatch(/chart/i);
  });

  it("a ratio x:1 charts as x; other strings do not chart", () => {
    expect(numericValue({ value: "17.6:1" })).toBe(17.6);
    expect(numericValue({ value: "2.7:3" })).toBeNull();
    expect(numericValue({ value: 803 })).toBe(803);
    expect(numericValue({ value: null })).toBeNull();
  });
});
