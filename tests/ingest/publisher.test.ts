/**
 * Who and when a report is, from the title forms reports are published with (the five corpus
 * titles and the forms of schools and cities outside it), read against the gazetteer.
 */
import { describe, expect, it } from "vitest";
import { buildMeta, yearFromFrontMatter, yearFromTitle } from "../../src/ingest/meta.js";
import { digitYears, entityFromTitleText, kindOfEntity } from "../../src/ingest/publisher.js";
import { readReportTitle } from "../../src/ingest/structure/index.js";

describe("entity and province from a title", () => {
  it.each([
    // the corpus's own forms
    ["乐山市中等职业教育质量年度报告", "乐山市", "四川"],
    ["遂宁市职业技术学校 职业教育年度质量报告（2024）", "遂宁市职业技术学校", "四川"],
    ["璧山区中等职业学校年度质量报告（2023-2024学年度）", "璧山区", "重庆"],
    ["江门市2024年度中等职业教育质量报告", "江门市", "广东"],
    // a leading year, and a province before the school's city (kept as the province, not the name)
    ["2017年四川省广元市职业高级中学校质量年度报告", "广元市职业高级中学校", "四川"],
    // a period after the name, with a space before 质量
    ["四川省广元市职业高级中学校 质量年度报告 (2017年9月—2018年8月)", "广元市职业高级中学校", "四川"],
    // "2017 年" with a space between the name and the kind of report
    ["岐山县职业技术教育中心 2017 年中等职业教育年度质量报告", "岐山县职业技术教育中心", "陕西"],
    // 职业教育 inside the school's name is not where the name ends
    ["岐山县职业教育中心2017年度质量报告", "岐山县职业教育中心", "陕西"],
    // Chinese numerals in brackets
    ["赣州市中等职业教育质量年度报告（二〇二二年）", "赣州市", "江西"],
    // a province-named school keeps its province
    ["四川省食品药品学校2023年质量年度报告", "四川省食品药品学校", "四川"],
    // a district under its municipality
    ["重庆市璧山区职业教育质量年度报告（2023年度）", "璧山区", "重庆"],
    // other kinds of report and trailing notes
    ["广元市职业高级中学校人才培养质量年度报告", "广元市职业高级中学校", "四川"],
    ["赣州市2022年中等职业学校教育质量报告", "赣州市", "江西"],
    ["赣州市职业教育质量报告（中职篇）", "赣州市", "江西"],
    ["岐山县职业技术教育中心质量年度报告2017", "岐山县职业技术教育中心", "陕西"],
    ["广元市职业高级中学校质量年度报告 Annual Quality Report", "广元市职业高级中学校", "四川"],
    // the education office publishes for its region
    ["广元市教育局2017年中等职业教育质量年度报告", "广元市", "四川"],
    // a district under its city is the district
    ["渭南市临渭区2023年度中等职业教育质量报告", "临渭区", "陕西"],
  ])("%s → %s (%s)", (title, entity, province) => {
    expect(entityFromTitleText(title)).toEqual({ entity, province });
  });

  it("reads no publisher from a title that names none", () => {
    expect(entityFromTitleText("质量年度报告")).toBeNull();
    expect(entityFromTitleText("中等职业教育质量年度报告（2023）")).toBeNull();
  });
});

describe("kind of publisher", () => {
  it.each([
    ["广元市职业高级中学校", "school"],
    ["岐山县职业技术教育中心", "school"],
    ["岐山职教中心", "school"],
    ["广元职高", "school"],
    ["沐川职中", "school"],
    ["乐山市竹根职业中专", "school"],
    // the gazetteer decides the level, not only the suffix
    ["乐山市", "city"],
    ["孝义市", "district"],
    ["璧山区", "district"],
    ["赣州市", "city"],
  ] as const)("%s is a %s", (entity, kind) => {
    expect(kindOfEntity(entity)).toBe(kind);
  });
});

describe("years from titles, periods and school years", () => {
  it.each([
    ["（2024）", 2024],
    ["2024年度", 2024],
    ["岐山县职业技术教育中心 2017 年中等职业教育年度质量报告", 2017],
    ["（2023-2024学年度）", 2024],
    // a period is the school year it ends, and wins over the year the title starts with
    ["2017年四川省广元市职业高级中学校质量年度报告（2017年9月—2018年8月）", 2018],
    ["质量年度报告 (2017.9-2018.8)", 2018],
    ["（二O二二年）", 2022],
    ["（二〇二二年度）", 2022],
  ])("%s → %i", (title, year) => {
    expect(yearFromTitle(title)).toBe(year);
  });

  it("writes Chinese-numeral years in digits, and only years", () => {
    expect(digitYears("二〇二二年、二O二一年、二零二零年、二○一九 年")).toBe("2022年、2021年、2020年、2019 年");
    expect(digitYears("二三四五六")).toBe("二三四五六");
  });

  it("finds a period on a cover line of its own, not a publication date", () => {
    expect(yearFromFrontMatter(["质量年度报告", "（2017年9月—2018年8月）"])).toBe(2018);
    expect(yearFromFrontMatter(["质量年度报告", "2023年3月"])).toBeNull();
  });
});

describe("report metadata", () => {
  const meta = (lines: string[]) => {
    const warnings: string[] = [];
    const m = buildMeta({ report: "x-2017.txt", sha256: "", title: readReportTitle(lines), lines, manifest: undefined, warn: (line, msg) => warnings.push(`${line}: ${msg}`) });
    return { ...m, warnings };
  };

  it("reads a school from a two-line title and fills its province from the gazetteer", () => {
    const m = meta(["岐山县职业技术教育中心", "2017 年中等职业教育年度质量报告", "", "二〇一八年一月"]);
    expect(m).toMatchObject({ entity: "岐山县职业技术教育中心", kind: "school", province: "陕西", reportYear: 2017, warnings: [] });
  });

  it("joins the period line under a title, and reads the school year from it", () => {
    const m = meta(["2017年四川省广元市职业高级中学校质量年度报告", "", "（2017年9月—2018年8月）"]);
    expect(m).toMatchObject({ entity: "广元市职业高级中学校", kind: "school", province: "四川", reportYear: 2018 });
    expect(m.title).toBe("2017年四川省广元市职业高级中学校质量年度报告（2017年9月—2018年8月）");
  });

  it("takes the publisher from the cover when the title line names none", () => {
    expect(meta(["质量年度报告", "（2017年度）", "", "广元市职业高级中学校", "二〇一八年一月"])).toMatchObject({ entity: "广元市职业高级中学校", kind: "school", reportYear: 2017 });
    expect(meta(["# 质量年度报告", "赣州市教育局", "（2022年度）"])).toMatchObject({ entity: "赣州市", kind: "city" });
    expect(meta(["质量年度报告", "编制单位：岐山县职业技术教育中心"])).toMatchObject({ entity: "岐山县职业技术教育中心", kind: "school" });
    expect(meta(["中等职业学校质量年度报告", "学校名称：广元市职业高级中学校", "报告年度：2017年"])).toMatchObject({ entity: "广元市职业高级中学校", kind: "school", reportYear: 2017 });
  });

  it("says so, naming what it fell back to, when no publisher can be read", () => {
    const m = meta(["前言", "本报告总结了一年来的工作。"]);
    expect(m.entity).toBe("x-2017");
    expect(m.warnings.some((w) => w.includes("no report title found") && w.includes("x-2017"))).toBe(true);
  });
});

describe("cover titles printed with spaces between characters", () => {
  it("reads 岐 山 县 … as the name it spells", () => {
    const lines = ["岐 山 县 职 业 技 术 教 育 中 心", "2 0 1 7 年 中 等 职 业 教 育 质 量 年 度 报 告", ""];
    const t = readReportTitle(lines);
    expect(t).toEqual({ title: "岐山县职业技术教育中心 2017年中等职业教育质量年度报告", line: 1 });
    expect(entityFromTitleText(t!.title)?.entity).toBe("岐山县职业技术教育中心");
    expect(yearFromTitle(t!.title)).toBe(2017);
  });
});
