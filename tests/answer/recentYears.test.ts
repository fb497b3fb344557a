import { describe, expect, it } from "vitest";
import { tinyEngineFor } from "./tinyEngine.js";

/**
 * 近三年 in a question is a span of years (近三年在校生: one figure a year) unless a sentence prints its
 * total under that scope (近三年…新增5个紧缺专业): then that total answers, and only a question that
 * says 近三年 gets it. A made-up report.
 */
const YUNLING = `云岭县中等职业教育质量年度报告（2024年）
一、专业建设
近三年，全县围绕主导产业调整专业设置，共新增5个紧缺专业，停招2个专业。
二、学生规模
2022年全县中职在校生4800人，2023年4980人，2024年5120人。
`;

const engine = tinyEngineFor({ "yunling-2024.txt": YUNLING });

describe("近三年 in a question", () => {
  it("asks for a total printed under that scope", () => {
    expect(
      engine()
        .ask("云岭近三年新增了多少个紧缺专业")
        .facts.map((f) => f.value),
    ).toEqual([5]);
    expect(
      engine()
        .ask("云岭近三年停招了几个专业")
        .facts.map((f) => f.value),
    ).toEqual([2]);
  });

  it("is a span of years where no such total is printed", () => {
    expect(
      engine()
        .ask("云岭近三年在校生")
        .facts.map((f) => [f.year, f.value])
        .sort(),
    ).toEqual([
      [2022, 4800],
      [2023, 4980],
      [2024, 5120],
    ]);
  });

  it("a question without it does not get the three years' total as one year's, but is told of it", () => {
    const a = engine().ask("云岭2024年新增了多少个紧缺专业");
    expect(a.facts).toEqual([]);
    expect(a.reply).toContain("近三年新增紧缺专业");
  });
});
