import { describe, expect, it } from "vitest";
import { coverTextOf, leftoverWords, withoutOptional } from "../../src/answer/coverage.js";
import { buildCatalog, matchIndicators } from "../../src/answer/indicators.js";
import type { Fact } from "../../src/types.js";
import { catalogFact } from "./catalogFacts.js";

const fact = (path: string[], value: number, unit = "人", table: string | null = "教学资源表"): Fact => catalogFact(path, value, { unit, table });

/** The indicator a question's words pick, with the coverage rule applied as understand() does. */
function answerRow(q: string, facts: Fact[]): string | null {
  const covered = matchIndicators(q, buildCatalog(facts, [])).filter((m) => !m.leftover.length);
  return covered[0]?.entry.indicator ?? null;
}

describe("leftoverWords", () => {
  it.each([
    // A qualifier the row lacks is left over, whole.
    ["本科升学人数", "毕业生去向落实人数 升学人数", ["本科"]],
    ["省级专业教学资源库数", "专业教学资源库数", ["省级"]],
    ["双师型教师人数", "教师人数 人数 人次", ["双师型"]],
    ["民办学校招生人数", "招生人数", ["民办"]],
    ["9+3学生升学率", "升学率", ["9+3"]],
    // Every word accounted for: by the label, a parent, or an optional word (人数, 毕业生, 合计, 全市).
    ["升学人数", "毕业生去向落实人数 升学人数", []],
    ["毕业生月收入", "月收入", []],
    ["全市合计学校数", "学校数", []],
    // Filler characters (的, 有, 各) never count.
    ["各专业的数量", "专业数量", []],
  ])("%s against %s → %j", (q, row, expected) => {
    expect(leftoverWords(q, coverTextOf(row))).toEqual(expected);
  });

  it("takes a lone character that reads like one of the row's as a typo, tones aside", () => {
    expect(leftoverWords("家长满意肚", coverTextOf("家长满意度"))).toEqual([]);
    expect(leftoverWords("升学认数", coverTextOf("升学人数"))).toEqual([]);
    // Two unexplained characters are a word, not a typo.
    expect(leftoverWords("家长满意肚皮", coverTextOf("家长满意度"))).toEqual(["肚皮"]);
  });

  it("drops optional words from a qualifier", () => {
    expect(withoutOptional("合计中职")).toBe("");
    expect(withoutOptional("高中阶段")).toBe("高中阶段");
  });
});

describe("the coverage rule picks the row that carries the qualifier", () => {
  it("本科升学 → 升入本科人数, not the broader 升学人数", () => {
    const facts = [fact(["毕业生去向落实人数", "其中：升学人数"], 803), fact(["毕业生去向落实人数", "升入本科人数"], 4)];
    expect(answerRow("升入本科人数", facts)).toBe("毕业生去向落实人数 › 升入本科人数");
    expect(answerRow("升学人数", facts)).toBe("毕业生去向落实人数 › 其中：升学人数");
  });

  it("省级 → the 省级数量 child row (named with its parent), not the total", () => {
    const facts = [fact(["专业教学资源库数"], 34, "个"), fact(["专业教学资源库数", "省级数量"], 5, "个")];
    expect(answerRow("省级专业教学资源库数", facts)).toBe("专业教学资源库数 › 省级数量");
    expect(answerRow("专业教学资源库数", facts)).toBe("专业教学资源库数");
  });

  it("a qualifier no row carries answers nothing (the broader row stays a suggestion)", () => {
    const facts = [fact(["教师人数"], 2796), fact(["专任教师数"], 1886)];
    expect(answerRow("双师型教师人数", facts)).toBeNull();
    const all = matchIndicators("双师型教师人数", buildCatalog(facts, []));
    expect(all[0]?.entry.indicator).toBe("教师人数");
    expect(all[0]?.leftover).toEqual(["双师型"]);
  });

  it("a scoped label (全日制) still answers a question that adds only optional words", () => {
    const facts = [fact(["中职学校"], 36, "所", null)];
    expect(answerRow("合计学校数", facts)).toBe("中职学校");
  });
});
