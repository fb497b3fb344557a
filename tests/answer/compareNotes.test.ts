import { beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import type { Engine } from "../../src/types.js";

// Comparisons carry what rankings carry (issue 23): the difference and the ratio, the school-vs-region caveat,
// a note when the years differ. Over the committed index; figures as the reports print them.
let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ rebuild: "never" });
});

describe("a comparison of two reports", () => {
  it("gives the difference and the ratio, marked as computed (乐山 3457.75 vs 江门 3360 元, 2024)", () => {
    const a = engine.ask("乐山和江门2024年月收入比一下");
    expect(a.reply).toContain("差距（2024年 乐山市 比 江门市）：多 97.75 元，是其 1.03 倍（计算，报告未直接给出）");
    expect(a.notes).toContain("差距（2024年 乐山市 比 江门市）：多 97.75 元，是其 1.03 倍（计算，报告未直接给出）");
  });

  it("in English too", () => {
    expect(engine.ask("Leshan vs Jiangmen monthly income 2024").reply).toContain("Difference (2024 Leshan over Jiangmen): 97.75 元, 1.03 times (computed, not printed in the reports)");
  });

  it("a school's report beside a region's gets the caveat rankings give", () => {
    const a = engine.ask("遂宁和江门2024年在校生");
    expect(a.reply).toContain("注意：遂宁市职业技术学校是一所学校的报告，其他是全市（区、县）的数字，不宜直接比较。");
    expect(a.notes?.some((n) => n.includes("不宜直接比较"))).toBe(true);
  });

  it("two regions get no such caveat", () => {
    expect(engine.ask("乐山和江门2024年月收入比一下").reply).not.toContain("不宜直接比较");
  });

  it("says when the years differ (吕梁 2022 beside 江门 2024)", () => {
    const a = engine.ask("吕梁和江门在校生");
    expect(a.reply).toContain("注意：年份不同（吕梁市 2022年，江门市 2024年）");
    expect(a.reply).toContain("差距（江门市 比 吕梁市）：多 6717 人");
  });

  it("one report over two years gets its change, not a difference between reports", () => {
    const a = engine.ask("江门 月收入 2023 vs 2024");
    expect(a.reply).toContain("变化（江门市 2023→2024）：+41，+1.24%");
    expect(a.reply).not.toContain("差距");
  });
});

describe("English replies to English questions", () => {
  it("name the reports in English (the manifest's english), keeping the tables and indicators as printed for the citation", () => {
    const a = engine.ask("Jiangmen monthly income 2023 vs 2024");
    // The indicator in English, its printed label beside it (issue 23).
    expect(a.reply).toContain("• Jiangmen 2023 Monthly income (月收入): 3319 元");
    expect(a.reply).toContain("表1 人才培养质量计分卡 › 月收入 (jiangmen-2024.txt, line 461)");
    expect(a.reply).toContain("Change (Jiangmen 2023→2024): +41, +1.24%");
    expect(a.reply).not.toContain("江门市");
    // The facts keep the reports' own names: the JSON contract and the citations are in the reports' words.
    expect(a.facts[0]!.entity).toBe("江门市");
  });

  it("a Chinese question keeps the Chinese names", () => {
    expect(engine.ask("江门 月收入 2023 vs 2024").reply).toContain("变化（江门市 2023→2024）");
  });
});
