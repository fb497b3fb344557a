import { describe, expect, it } from "vitest";
import { parseYears } from "../../../src/answer/understand/index.js";

const REF_2024 = { reportYear: 2024, latestDataYear: 2024 };
/** 吕梁: titled 2023, data for 2021 and 2022. */
const REF_LVLIANG = { reportYear: 2023, latestDataYear: 2022 };

describe("parseYears: absolute years", () => {
  it.each([
    ["2024", [2024]],
    ["乐山2024年毕业生升学人数", [2024]],
    ["遂宁2024教学计划内课程总学时", [2024]],
    ["乐山24年非学历培训到账经费多少", [2024]],
    ["二〇二四年升学人数", [2024]],
    ["二零二三年", [2023]],
    ["２０２４年", [2024]],
    ["2024年6月15日恩平市人民政府", [2024]],
    ["2024届毕业生", [2024]],
    ["Jiangmen 2024 月收入", [2024]],
    ["How many Suining graduates went on to further study in 2024?", [2024]],
    ["江门 2024 双师型教师比例", [2024]],
  ])("%s → %j", (q, years) => {
    const r = parseYears(q, REF_2024);
    expect(r.years).toEqual(years);
    expect(r.explicit).toBe(true);
    expect(r.relative).toBe(false);
  });
});

describe("parseYears: school years are the year they end", () => {
  it.each([
    ["江门2023-2024学年省级重点中职学校有几所", [2024]],
    ["2023—2024学年", [2024]],
    ["2023–2024学年度", [2024]],
    ["2023-24学年", [2024]],
    ["23-24学年", [2024]],
    ["2023至2024学年", [2024]],
    ["2022-2023年度", [2023]],
  ])("%s → %j", (q, years) => {
    expect(parseYears(q, REF_2024).years).toEqual(years);
  });
});

describe("parseYears: several years, ascending", () => {
  it.each([
    ["乐山2023和2024年毕业生人数对比", [2023, 2024]],
    ["江门2023、2024年月收入变化", [2023, 2024]],
    ["2024、2023年", [2023, 2024]],
    ["遂宁23年和24年在校生满意度分别多少", [2023, 2024]],
    ["23和24年", [2023, 2024]],
    ["22、23、24年", [2022, 2023, 2024]],
    ["2023 vs 2024", [2023, 2024]],
    ["2023 and 2024", [2023, 2024]],
    ["璧山2022、2023、2024三年面向第三产业就业人数", [2022, 2023, 2024]],
    ["吕梁2021年和2022年中职在校生人数", [2021, 2022]],
    ["2022-2024年", [2022, 2023, 2024]],
    ["从2022到2024年", [2022, 2023, 2024]],
    ["from 2022 to 2024", [2022, 2023, 2024]],
    ["2024年和2024年", [2024]],
  ])("%s → %j", (q, years) => {
    expect(parseYears(q, REF_2024).years).toEqual(years);
  });

  it("gives the span of each year expression", () => {
    const r = parseYears("乐山2023年和2024年毕业生", REF_2024);
    expect(r.spans).toEqual([
      [2, 7],
      [8, 13],
    ]);
    expect("乐山2023年和2024年毕业生".slice(2, 7)).toBe("2023年");
  });
});

describe("parseYears: relative years", () => {
  it.each([
    ["去年升学人数", REF_2024, [2023]],
    ["乐山今年的毕业生", REF_2024, [2024]],
    ["前年", REF_2024, [2022]],
    ["上一年的招生人数", REF_2024, [2023]],
    ["本年度", REF_2024, [2024]],
    ["last year", REF_2024, [2023]],
    ["this year's graduates", REF_2024, [2024]],
    ["吕梁去年的招生", REF_LVLIANG, [2022]],
    ["近两年毕业生人数", REF_2024, [2023, 2024]],
    ["近三年", REF_2024, [2022, 2023, 2024]],
    ["最近两年", REF_2024, [2023, 2024]],
    ["过去3年", REF_2024, [2022, 2023, 2024]],
    ["近两学年", REF_2024, [2023, 2024]],
    ["吕梁近两年", REF_LVLIANG, [2021, 2022]],
    ["past two years", REF_2024, [2023, 2024]],
    ["last 3 years", REF_2024, [2022, 2023, 2024]],
  ])("%s → %j", (q, ref, years) => {
    const r = parseYears(q, ref);
    expect(r.years).toEqual(years);
    expect(r.relative).toBe(true);
    expect(r.explicit).toBe(true);
  });

  it("mixes relative and absolute", () => {
    expect(parseYears("2022年和去年", REF_2024)).toEqual({
      years: [2022, 2023],
      explicit: true,
      spans: [
        [0, 5],
        [6, 8],
      ],
      relative: true,
      reportYears: [],
    });
  });

  it("still says a year was asked when there is nothing to count from", () => {
    expect(parseYears("去年", { reportYear: null, latestDataYear: null })).toEqual({ years: [], explicit: true, spans: [[0, 2]], relative: true, reportYears: [] });
  });
});

describe("parseYears: what is not a year", () => {
  it.each(["乐山升学人数", "毕业三年晋升比例", "1350", "803", "招生2024人", "投入2000万元", "生师比2024:1", "2024.5", "工作18年的老师", "近几年", "两年制", "20世纪", ""])("%j → none", (q) => {
    expect(parseYears(q, REF_2024)).toEqual({ years: [], explicit: false, spans: [], relative: false, reportYears: [] });
  });
});

describe("a year that names a report's edition", () => {
  const ref = { reportYear: 2024, latestDataYear: 2024 };
  it.each([
    ["吕梁2023年报告里的毕业生人数", [2023]],
    ["2024年度质量报告中乐山的升学人数", [2024]],
    ["乐山2024年中职教育质量年度报告的升学人数", [2024]],
    ["the 2023 annual report: graduates", [2023]],
  ])("%s → edition %j, no data year", (q, editions) => {
    const p = parseYears(q, ref);
    expect(p.reportYears).toEqual(editions);
    expect(p.years).toEqual([]);
    expect(p.explicit).toBe(false);
  });

  it("a year followed by anything else is a data year", () => {
    const p = parseYears("乐山2023年升学人数（报告）", ref);
    expect(p.years).toEqual([2023]);
    expect(p.reportYears).toEqual([]);
  });
});

describe("a year in a comparison of change", () => {
  it.each([
    ["江门24年月收入比23年多多少", [2023, 2024]],
    ["24年比23年多了多少", [2023, 2024]],
  ])("%s → %j", (q, years) => {
    expect(parseYears(q, { reportYear: 2024, latestDataYear: 2024 }).years).toEqual(years);
  });

  it("23年多 alone is a duration, not a year", () => {
    expect(parseYears("工作23年多", { reportYear: 2024, latestDataYear: 2024 }).years).toEqual([]);
  });
});
