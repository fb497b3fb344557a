import { beforeAll, describe, expect, it } from "vitest";
import { collectSchoolNames, createEntityResolver, parseSchoolName, schoolForms } from "../../../src/answer/understand/index.js";
import { mayNameSchool } from "../../../src/places/schools.js";
import { REPORTS, corpusTexts } from "./reports.js";

/** Names collected per report from the real corpus, with and without the report list. */
let withMeta: Map<string, string[]>;
let inferred: Map<string, string[]>;

function byReport(list: { name: string; report: string }[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const { name, report } of list) m.set(report, [...(m.get(report) ?? []), name]);
  return m;
}

beforeAll(() => {
  withMeta = byReport(collectSchoolNames(corpusTexts(), REPORTS));
  inferred = byReport(collectSchoolNames(corpusTexts()));
});

describe("collectSchoolNames on the corpus", () => {
  it.each([
    [
      "jiangmen-2024.txt",
      [
        "江门市第一职业技术学校",
        "鹤山市职业技术学校",
        "鹤山职校",
        "台山市培英职业技术学校",
        "台山市敬修职业技术学校",
        "开平机电学校",
        "江门市新会机电职业技术学校",
        "恩平市体育学校",
        "开平市吴汉良理工学校",
      ],
    ],
    [
      "leshan-2024.txt",
      [
        "四川省乐山市第一职业高级中学",
        "乐山市嘉州卫生职业高中",
        "乐山市沙湾职业高级中学",
        "沙湾职中",
        "四川省犍为职业高级中学",
        "沐川县中等职业学校",
        "沐川职中",
        "乐山市惠德综合高级中学",
        "乐山市知行旅游职业高中",
        "峨眉文旅综合高中",
        "四川省食品药品学校",
        "四川省质量技术监督学校",
        "夹江县云吟职业中学校",
        "嘉州卫生职高",
      ],
    ],
    [
      "lvliang-2023.txt",
      [
        "汾阳市高级职业中学",
        "山西徐特立高级职业中学",
        "孝义市职教中心",
        "孝义市职业教育中心",
        "中阳县职业学校",
        "交城县职业中学",
        "柳林县职教中心",
        "吕梁市卫生学校",
        "吕梁卫校",
        "吕梁市农业学校",
        "吕梁农校",
        "吕梁市经济管理学校",
        "吕梁技校",
        "吕梁职业中专",
        "吕梁煤炭工业学校",
      ],
    ],
    ["bishan-2024.txt", ["重庆市璧山职业教育中心", "璧山职教中心", "重庆市青山工业技工学校", "重庆青山技工学校", "青山技校", "重庆市交通职业学校"]],
  ])("%s names its schools", (report, names) => {
    const found = withMeta.get(report) ?? [];
    for (const n of names) expect(found).toContain(n);
  });

  it.each([
    // the report's own publisher
    ["suining-2024.txt", "遂宁市职业技术学校"],
    ["suining-2024.txt", "遂宁市职校"],
    // schools outside the report's region
    ["suining-2024.txt", "成都工贸职业技术学院"],
    ["jiangmen-2024.txt", "湛江财贸学校"],
    ["jiangmen-2024.txt", "高州市第一职业技术学校"],
    ["jiangmen-2024.txt", "信宜市职业技术学校"],
    ["jiangmen-2024.txt", "广西龙州县职教中心"],
    ["leshan-2024.txt", "绵阳市三台职业技术学校"],
    ["leshan-2024.txt", "四川建筑职业技术学院"],
    // descriptions, not names
    ["leshan-2024.txt", "全市中职学校"],
    ["leshan-2024.txt", "乐山中职学校"],
    ["leshan-2024.txt", "乐山市第十五届中等职业学校"],
    ["leshan-2024.txt", "乐山市中等职业学校"],
    ["jiangmen-2024.txt", "江门市中等职业学校"],
    ["jiangmen-2024.txt", "江门市中等职业技术学校"],
    ["jiangmen-2024.txt", "江门市积极推进中等职业学校"],
    ["jiangmen-2024.txt", "江门市中职学校"],
    ["lvliang-2023.txt", "吕梁市继续推进中等职业学校"],
    ["bishan-2024.txt", "璧山区中职学校"],
    ["bishan-2024.txt", "璧山区中等职业学校"],
    ["bishan-2024.txt", "璧山区重视职业学校"],
    ["bishan-2024.txt", "职教中心"],
  ])("%s does not list %s", (report, name) => {
    expect(withMeta.get(report) ?? []).not.toContain(name);
  });

  it("finds the Suining school's own name in its title lines without being told", () => {
    const suining = inferred.get("suining-2024.txt") ?? [];
    expect(suining).not.toContain("遂宁市职业技术学校");
    expect(suining).not.toContain("成都工贸职业技术学院");
    expect(inferred.get("jiangmen-2024.txt")).toContain("鹤山市职业技术学校");
    expect(inferred.get("bishan-2024.txt")).toContain("重庆市青山工业技工学校");
  });

  it("lists each name once per report", () => {
    for (const names of withMeta.values()) expect(new Set(names).size).toBe(names.length);
  });
});

describe("collectSchoolNames on snippets", () => {
  it("reads names out of running text", () => {
    const text = "江门市2024年度中等职业教育质量报告\n过统筹指导江门一职、鹤山职校等开展活动。由开平机电学校党员带队，赴湛江财贸学校交流。全市中职学校共12所。";
    expect(collectSchoolNames([{ report: "j", text }]).map((s) => s.name)).toEqual(["鹤山职校", "开平机电学校"]);
  });

  it("returns [] for text with no school names", () => {
    expect(collectSchoolNames([{ report: "x", text: "中等职业教育质量不断提升，学校办学条件持续改善。" }])).toEqual([]);
  });
});

describe("school name forms", () => {
  it.each([
    ["四川省乐山市第一职业高级中学", ["四川省", "乐山市"], "第一", "职业高级中学"],
    ["鹤山市职业技术学校", ["鹤山市"], "", "职业技术学校"],
    ["乐山市嘉州卫生职业高中", ["乐山市"], "嘉州卫生", "职业高中"],
    ["孝义市职教中心", ["孝义市"], "", "职教中心"],
  ])("parseSchoolName(%s)", (name, places, stem, suffix) => {
    const p = parseSchoolName(name)!;
    expect(p.places.map((x) => x.form)).toEqual(places);
    expect(p.stem).toBe(stem);
    expect(p.suffix).toBe(suffix);
  });

  it("is null for a name with no school suffix", () => {
    expect(parseSchoolName("乐山市教育局")).toBeNull();
  });

  it.each([
    ["鹤山市职业技术学校", ["鹤山职校", "鹤山市职校", "鹤山职业技术学校"], []],
    ["四川省乐山市第一职业高级中学", ["乐山一职中", "乐山市第一职业高级中学", "乐山第一职中", "乐山一职"], ["第一职业高级中学", "一职中"]],
    // a stem cut to two characters keeps its place: 重庆青山技校, but a bare 青山技校 only when the text prints it
    ["重庆市青山工业技工学校", ["重庆青山技校", "重庆青山技工学校", "青山工业技工学校"], ["青山技校"]],
    ["孝义市职教中心", ["孝义市职业教育中心", "孝义职教中心"], ["职教中心"]],
    ["重庆市交通职业学校", ["重庆交通职业学校"], ["交通职业学校"]],
  ])("schoolForms(%s)", (name, has, hasNot) => {
    const forms = schoolForms(name);
    for (const f of has) expect(forms).toContain(f);
    for (const f of hasNot) expect(forms).not.toContain(f);
  });
});

describe("mayNameSchool: the resolver makes school forms only for a question that may hold one", () => {
  it("every form of every school the corpus names ends in a way it knows", () => {
    const names = [...withMeta.values()].flat();
    expect(names.length).toBeGreaterThan(50);
    for (const form of names.flatMap((n) => schoolForms(n))) expect(mayNameSchool(`问${form}的在校生`), form).toBe(true);
  });

  it("a question naming only a place, a year and an indicator holds none", () => {
    for (const q of ["乐山 2024 升学人数", "遂宁市 在校生", "江门 月收入 2023 vs 2024", "璧山 宿舍楼 案例"]) expect(mayNameSchool(q), q).toBe(false);
  });

  it("a resolver finds a school's short form whether or not an earlier question made the forms", () => {
    const r = createEntityResolver(REPORTS, { schools: collectSchoolNames(corpusTexts(), REPORTS) });
    expect(r.resolve("江门 2024 在校生").matches.map((m) => m.via)).toEqual(["name"]);
    expect(r.resolve("鹤山职校 在校生").matches.map((m) => [m.report, m.via])).toEqual([["jiangmen-2024.txt", "school"]]);
  });
});
