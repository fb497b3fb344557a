import { describe, expect, it } from "vitest";
import { cleanTyped, normalizeQuestion, stripQuestionNoise, toHalfWidth, toSimplified } from "../../../src/answer/understand/index.js";

describe("toSimplified", () => {
  it.each([
    ["樂山市職業技術學校", "乐山市职业技术学校"],
    ["遂寧", "遂宁"],
    ["呂梁", "吕梁"],
    ["江門", "江门"],
    ["璧山區", "璧山区"],
    ["臺山", "台山"],
    ["畢業生升學人數", "毕业生升学人数"],
    ["乐山2024年", "乐山2024年"],
    ["Leshan", "Leshan"],
    ["", ""],
  ])("%s → %s", (input, expected) => {
    expect(toSimplified(input)).toBe(expected);
  });

  it("keeps the length, so spans still point at what was typed", () => {
    for (const s of ["乾隆年間的學校", "著名的後山", "一隻隻麵包"]) expect(toSimplified(s)).toHaveLength(s.length);
  });
});

describe("toHalfWidth", () => {
  it.each([
    ["２０２４年", "2024年"],
    ["Ｌｅｓｈａｎ", "Leshan"],
    ["８５．５％", "85.5%"],
    ["乐山　2024", "乐山 2024"],
    // CJK punctuation that indicator names print is kept
    ["其中：升学人数（人）", "其中：升学人数（人）"],
    ["是多少？", "是多少？"],
    ["版本．说明", "版本．说明"],
  ])("%s → %s", (input, expected) => {
    expect(toHalfWidth(input)).toBe(expected);
  });
});

describe("normalizeQuestion", () => {
  it("folds traditional and full-width together, keeping length", () => {
    expect(normalizeQuestion("遂寧２０２４年畢業生")).toBe("遂宁2024年毕业生");
    expect(normalizeQuestion("遂寧２０２４年畢業生")).toHaveLength("遂寧２０２４年畢業生".length);
  });
});

describe("stripQuestionNoise", () => {
  it.each([
    ["请问乐山2024年升学人数是多少呢？", "乐山2024年升学人数是多少"],
    ["帮我查一下江门2024年毕业生人数，谢谢！", "江门2024年毕业生人数"],
    ["你好，我想知道遂宁职校的生师比", "遂宁职校的生师比"],
    ["/ask 璧山月收入", "璧山月收入"],
    ["@zhibao_bot 吕梁2022年招生人数吗", "吕梁2022年招生人数"],
    ["Please tell me Leshan 2024 graduates?", "Leshan 2024 graduates"],
    ["乐山  2024   升学人数 🙂", "乐山 2024 升学人数"],
    ["樂山２０２４年", "乐山2024年"],
    ["乐山2024年升学人数", "乐山2024年升学人数"],
  ])("%s → %s", (input, expected) => {
    expect(stripQuestionNoise(input)).toBe(expected);
  });
});

describe("cleanTyped", () => {
  it.each([
    ["遂宁 20\u200b24 升学人数", "遂宁 2024 升学人数"],
    ["遂宁 20\u206024 升学人数", "遂宁 2024 升学人数"],
    ["遂宁 20\u00ad24 升学人数", "遂宁 2024 升学人数"],
    ["遂宁 20\u180e24 升学人数", "遂宁 2024 升学人数"],
    ["\ufeff乐山\u3000 2024\t升学人数 ", "乐山 2024 升学人数"],
  ])("%j → %s", (input, expected) => {
    expect(cleanTyped(input)).toBe(expected);
  });
});
