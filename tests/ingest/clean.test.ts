import { describe, expect, it } from "vitest";
import { cleanText, isBlankLine, normalizeSpaces, stripMarkup } from "../../src/ingest/clean.js";

describe("stripMarkup", () => {
  it.each([
    ["\t[bookmark: _GoBack]17.6:1", "\t17.6:1"],
    ["[bookmark: _Toc1][bookmark: _Toc2]1.1 规模", "1.1 规模"],
    ["\t[image: 职业学校大课间活动03[00_28_36][20240119-094917-4]]后文", "\t后文"],
    ["专业群数量*[footnoteRef:0] [0:  须逐一填写专业群名称。] ", "专业群数量* "],
    ["升学率 <sup>[1]</sup> （%）", "升学率  （%）"],
    ['<a href="https://x.cn/a">https://x.cn/a</a>', "https://x.cn/a"],
    ["**一是中职基础地位再巩固。**完成", "一是中职基础地位再巩固。完成"],
  ])("%j → %j", (input, expected) => {
    expect(stripMarkup(input)).toBe(expected);
  });
});

describe("normalizeSpaces", () => {
  it.each([
    ["中国特色社 会主义", "中国特色社会主义"],
    ["2024 年 12 门", "2024年12门"],
    ["叶  亮", "叶亮"],
    ["\u3000\u3000专业标准数量", "专业标准数量"],
    ["Suining Vocational School", "Suining Vocational School"],
  ])("%j → %j", (input, expected) => {
    expect(normalizeSpaces(input)).toBe(expected);
  });
});

describe("isBlankLine", () => {
  it("treats a lone tab as an empty cell, not a row separator", () => {
    expect(isBlankLine("\t")).toBe(false);
    expect(isBlankLine("")).toBe(true);
    expect(isBlankLine("   ")).toBe(true);
  });
  it("cleanText combines both", () => {
    expect(cleanText(" \t[bookmark: x]表1人才培养质量计分卡 ")).toBe("表1人才培养质量计分卡");
  });
});
