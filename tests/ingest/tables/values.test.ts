import { describe, expect, it } from "vitest";
import { parseCellValue } from "../../../src/ingest/tables/index.js";
import { splitUnit, titleYear, yearOf } from "../../../src/ingest/tables/values.js";

describe("parseCellValue", () => {
  it.each([
    ["2398.10 ", 2398.1, null, "number"],
    ["50.60", 50.6, null, "number"],
    ["1,234", 1234, null, "number"],
    ["0", 0, null, "number"],
    ["0.00", 0, null, "number"],
    ["36册", 36, "册", "number"],
    ["7520元", 7520, "元", "number"],
    ["28.8%", 28.8, "%", "number"],
    ["2人次", 2, "人次", "number"],
    ["[bookmark: _GoBack]17.6:1", "17.6:1", null, "ratio"],
    ["9.4:1", "9.4:1", null, "ratio"],
    ["16.29:1", "16.29:1", null, "ratio"],
    ["上升", "上升", null, "text"],
    ["第一名", "第一名", null, "text"],
    ["2024年01月12日", "2024年01月12日", null, "text"],
  ])("%j → %j %j (%s)", (raw, value, unit, kind) => {
    expect(parseCellValue(raw)).toEqual({ value, unit, kind });
  });

  it.each(["-", "——", "—", "/", "\u3000", "", "   ", "\t", "仅高职填报", "[bookmark: _Toc1]"])("%j is missing: null, never 0", (raw) => {
    expect(parseCellValue(raw)).toEqual({ value: null, unit: null, kind: "missing" });
  });
});

describe("splitUnit", () => {
  it.each([
    ["中职学校数(所)", "中职学校数", "所"],
    ["升学率（%）", "升学率", "%"],
    ["金额（万元）", "金额", "万元"],
    ["学校占地面积（㎡）", "学校占地面积", "㎡"],
    ["生均校园占地面积（平方米）", "生均校园占地面积", "平方米"],
    ["徐华（参与）", "徐华（参与）", null],
    ["毕业生人数", "毕业生人数", null],
  ])("%j → %j + %j", (label, name, unit) => {
    expect(splitUnit(label)).toEqual({ name, unit });
  });
});

describe("yearOf", () => {
  it.each([
    ["2024年", 2024],
    ["2024", 2024],
    ["2023学年", 2023],
    ["2023-2024学年", 2024],
    ["2022—2023学年", 2023],
    ["2024学年 · 金额（万元）", 2024],
    ["合计（人）", null],
    ["调查人数", null],
    ["占比（%）", null],
  ])("%j → %j", (header, year) => {
    expect(yearOf(header)).toBe(year);
  });
});

describe("titleYear", () => {
  it.each([
    ["2024学年学校各专业在校生分年级规模表", 2024],
    ["2024年江门市中等职业学校各专业大类占比情况", 2024],
    ["2021年、2022年学生基本情况比较", null],
    ["2023-2024学年学生资助情况表", null],
    ["全市中职学生升学就业情况一览表", null],
  ])("%j → %j", (title, year) => {
    expect(titleYear(title)).toBe(year);
  });
});
