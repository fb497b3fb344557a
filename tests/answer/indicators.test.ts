import { describe, expect, it } from "vitest";
import { buildCatalog, columnLabelOf, matchIndicators, normalizeLabel } from "../../src/answer/indicators.js";
import type { Fact } from "../../src/types.js";
import { catalogFact } from "./catalogFacts.js";

const fact = (
  path: string[],
  column: string,
  value: number | string | null,
  table: string | null = "人才培养质量计分卡",
  year: number | null = /20\d\d/.test(column) ? Number(/20\d\d/.exec(column)![0]) : null,
): Fact => catalogFact(path, value, { table, column, year });

const facts = [
  fact(["毕业生人数"], "2024年", 1218),
  fact(["毕业生去向落实人数"], "2024年", 1332),
  fact(["毕业生去向落实人数", "其中：升学人数"], "2024年", 803),
  fact(["毕业生去向落实人数", "升入本科人数"], "2024年", 4),
  fact(["月收入"], "2024年", 3360),
  fact(["生师比"], "2024年", "17.6:1", "教学资源表"),
  fact(["“双师型”教师比例"], "2024年", 37.4, "教学资源表"),
  fact(["“双师型”教师比例", "其中：高级“双师型”教师比例"], "2024年", 12.1, "教学资源表"),
  fact(["面向第三产业"], "2024", 327, "毕业生服务三次产业情况"),
  fact(["面向第三产业"], "2024 · 占比（%）", 61.9, "毕业生服务三次产业情况"),
];
const catalog = buildCatalog(facts, []);
const best = (q: string) => matchIndicators(q, catalog)[0]?.entry.indicator ?? null;

describe("indicator matching", () => {
  it.each([
    // The child row, because 升学人数 is its whole label; 升入本科人数 shares only 人数.
    ["毕业生升学人数", "毕业生去向落实人数 › 其中：升学人数"],
    ["升学人数", "毕业生去向落实人数 › 其中：升学人数"],
    ["升入本科人数", "毕业生去向落实人数 › 升入本科人数"],
    ["毕业生人数", "毕业生人数"],
    ["月收入", "月收入"],
    ["生师比", "生师比"],
    // The plain ratio, not the 高级 child: the question does not say 高级.
    ["“双师型”教师比例", "“双师型”教师比例"],
    ["高级双师型教师比例", "“双师型”教师比例 › 其中：高级“双师型”教师比例"],
  ])("%s → %s", (q, indicator) => {
    expect(best(q)).toBe(indicator);
  });

  it("prefers the count column over the share column unless the question asks for the share", () => {
    expect(matchIndicators("面向第三产业就业人数", catalog)[0].entry.columnLabel).toBe("");
    expect(matchIndicators("面向第三产业占比", catalog)[0].entry.columnLabel).toBe("比例");
  });

  it("matches nothing for words no row has", () => {
    expect(matchIndicators("教职工满意度", catalog)).toEqual([]);
    expect(matchIndicators("", catalog)).toEqual([]);
  });

  it("normalises labels and column headers", () => {
    expect(normalizeLabel("其中：高级“双师型”教师比例*")).toBe("高级双师型教师比例");
    expect(normalizeLabel("A类：留在当地就业人数")).toBe("留在当地就业人数");
    // Units in brackets go, and the number of schools has one spelling (中职学校数, 学校数量 → 学校数).
    expect(normalizeLabel("中职学校数(所)")).toBe("学校数");
    expect(normalizeLabel("全日制在校生人数")).toBe("在校生数");
    expect(columnLabelOf("2024学年 · 金额（万元）")).toBe("金额（万元）");
    expect(columnLabelOf("2023-2024学年")).toBe("");
    expect(columnLabelOf("2024年")).toBe("");
    expect(columnLabelOf("合计（人）")).toBe("合计（人）");
  });
});
