import { describe, expect, it } from "vitest";
import { messages } from "../../src/bot/i18n.js";
import { toPlain } from "../../src/bot/markup.js";
import { findRow, formatValue, renderAnswer } from "../../src/bot/render.js";
import type { Answer, AnswerFact } from "../../src/types.js";
import { createFakeEngine } from "./fakeEngine.js";

const zh = messages("zh");
const en = messages("en");

describe("formatValue", () => {
  it.each([
    [{ value: 803, raw: "803", unit: "人" }, "803 人"],
    [{ value: 28.8, raw: "28.8", unit: "%" }, "28.8%"],
    [{ value: 28.8, raw: "28.8%", unit: "%" }, "28.8%"],
    [{ value: 7535, raw: "7535名", unit: "人" }, "7535名"],
    [{ value: 25300, raw: "2.53万人", unit: "人" }, "2.53万人"],
    [{ value: "2.7:1", raw: "2.7:1", unit: null }, "2.7:1"],
    [{ value: 17.06, raw: "17.06", unit: ":" }, "17.06"],
    [{ value: null, raw: "-", unit: "%" }, "报告中该项为空（-）"],
    [{ value: null, raw: "", unit: "%" }, "报告中该项为空"],
  ])("%j → %s", (f, shown) => {
    expect(formatValue(f as Pick<AnswerFact, "value" | "raw" | "unit">, zh)).toBe(shown);
  });
});

describe("renderAnswer", () => {
  const engine = createFakeEngine();

  it("gives value, entity, year, table, indicator path and source, in either language", () => {
    const a = engine.ask("遂宁 2024 升学人数");
    expect(toPlain(renderAnswer(a, zh)).split("\n").slice(0, 4)).toEqual([
      "遂宁市职业技术学校 · 2024年 · 其中：升学人数",
      "803 人",
      "📊 表1 人才培养质量计分卡 › 毕业生去向落实人数 › 其中：升学人数 · 2024年",
      "📄 来源：suining-2024.txt 第1350行",
    ]);
    expect(toPlain(renderAnswer(a, en))).toContain("📄 Source: suining-2024.txt line 1350");
  });

  it("does not repeat a column that only repeats the indicator", () => {
    const a = engine.ask("遂宁 2024 升学人数");
    const f = { ...a.facts[0]!, year: null, column: "其中：升学人数" };
    const lines = toPlain(renderAnswer({ ...a, facts: [f], variants: [] } as Answer, zh)).split("\n");
    expect(lines[0]).toBe("遂宁市职业技术学校 · 其中：升学人数");
    expect(lines[2]).toBe("📊 表1 人才培养质量计分卡 › 毕业生去向落实人数 › 其中：升学人数");
  });

  it("shows changes with sign and percentage", () => {
    const a = engine.ask("遂宁 2024 升学人数");
    const withChange = { ...a, changes: [{ entity: "遂宁市职业技术学校", indicator: "升学人数", from: 765, to: 803, fromYear: 2023, toYear: 2024, delta: 38, pct: 4.967 }] };
    expect(toPlain(renderAnswer(withChange, zh))).toContain("• 遂宁市职业技术学校 升学人数：2023年 765 → 2024年 803 (+38, +4.97%)");
  });
});

describe("finding a fact's row", () => {
  const engine = createFakeEngine();

  it("finds the row holding the fact's line", () => {
    const table = engine.table("suining-2024.txt#1327")!;
    expect(findRow(table, 1350)?.path).toEqual(["毕业生去向落实人数", "其中：升学人数"]);
    expect(findRow(table, 1336)?.path).toEqual(["毕业生人数*"]);
  });
});
