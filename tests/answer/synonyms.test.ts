import { describe, expect, it } from "vitest";
import { applySynonyms } from "../../src/answer/synonyms.js";

describe("applySynonyms: user words → report words", () => {
  it.each([
    ["江门 月薪", "江门 月收入"],
    ["平均工资", "月收入"],
    ["江门2024年师生比多少", "江门2024年生师比多少"],
    ["吕梁 双师比例", "吕梁 “双师型”教师比例"],
    ["双师型教师占比", "“双师型”教师比例"],
    ["遂宁考上本科的有几个", "遂宁升入本科人数有几个"],
    ["遂宁 2024 升学人数", "遂宁 2024 升学人数"],
    ["乐山升学率", "乐山升学率"],
    ["幼儿保育专业在校生一共多少人", "幼儿保育专业在校生合计多少人"],
    ["How many Suining graduates went on to further study in 2024?", "How many Suining 毕业生 升学人数 in 2024?"],
    ["Jiangmen monthly income", "Jiangmen 月收入"],
    ["student-teacher ratio", "生师比"],
    ["full-time students in 2024", "在校生数 in 2024"],
    // The qualifier first, from the vocabulary (兼职), then the noun: spaces go before matching.
    ["part-time teachers share", "兼职 教师 比例"],
    ["jobs matching their major rate", "jobs 对口 rate"],
    ["How many students do private schools have", "How many 学生 do 民办 学校数 have"],
    ["students got national scholarships", "学生 got 国家奖学金"],
    ["scholarships", "奖学金"],
  ])("%s → %s", (q, expected) => {
    // Runs of spaces say nothing: matching drops them.
    expect(applySynonyms(q).replace(/\s+/g, " ").trim()).toBe(expected);
  });
});
