import { beforeAll, describe, expect, it } from "vitest";
import { collectSchoolNames, createEntityResolver, type EntityResolver } from "../../../src/answer/understand/index.js";
import { REPORTS, corpusTexts } from "./reports.js";

const LESHAN = "leshan-2024.txt";
const LVLIANG = "lvliang-2023.txt";
const SUINING = "suining-2024.txt";
const BISHAN = "bishan-2024.txt";
const JIANGMEN = "jiangmen-2024.txt";

let resolver: EntityResolver;

beforeAll(() => {
  // Schools as the engine will pass them: collected from the real corpus text.
  const schools = collectSchoolNames(corpusTexts(), REPORTS);
  resolver = createEntityResolver(REPORTS, { schools });
});

/** The one match a question should give, as [report, via, matched]. */
function only(question: string): [string, string, string] {
  const { matches, unknown } = resolver.resolve(question);
  expect(unknown).toEqual([]);
  expect(matches).toHaveLength(1);
  return [matches[0]!.report, matches[0]!.via, matches[0]!.matched];
}

describe("report entities by their own names", () => {
  it.each([
    // full names
    ["乐山市2024年升学人数", LESHAN, "name", "乐山市"],
    ["吕梁市毕业生人数", LVLIANG, "name", "吕梁市"],
    ["遂宁市职业技术学校 2024 生师比", SUINING, "name", "遂宁市职业技术学校"],
    ["璧山区中职学校2024年总收入是多少", BISHAN, "name", "璧山区"],
    ["江门市2024年毕业生人数", JIANGMEN, "name", "江门市"],
    // short names derived from the names
    ["乐山2024年毕业生升学人数", LESHAN, "name", "乐山"],
    ["吕梁2022年中职招生人数", LVLIANG, "name", "吕梁"],
    ["遂宁2023年毕业生人数", SUINING, "name", "遂宁"],
    ["璧山生均占地面积多少", BISHAN, "name", "璧山"],
    ["江门2024年师生比多少", JIANGMEN, "name", "江门"],
    // 遂宁市 is the school's city: people use it for the school's report
    ["遂宁市2024年升学人数", SUINING, "name", "遂宁市"],
  ])("%s → %s via %s", (q, report, via, matched) => {
    expect(only(q)).toEqual([report, via, matched]);
  });
});

describe("aliases from the manifest and derived school abbreviations", () => {
  it.each([
    ["嘉州2024年升学人数", LESHAN, "alias", "嘉州"],
    ["遂宁职校2024年家长满意度是多少", SUINING, "alias", "遂宁职校"],
    ["市职校2024年招生人数", SUINING, "alias", "市职校"],
    ["遂职的毕业生人数", SUINING, "alias", "遂职"],
    ["遂宁市职校学生人数", SUINING, "alias", "遂宁市职校"],
    ["壁山2024年月收入", BISHAN, "alias", "壁山"],
    ["壁山区2024年月收入", BISHAN, "alias", "壁山区"],
    ["侨乡2024年毕业生", JIANGMEN, "alias", "侨乡"],
  ])("%s → %s via %s", (q, report, via, matched) => {
    expect(only(q)).toEqual([report, via, matched]);
  });

  it("does not take 市职校 inside 全市职校 for the Suining school", () => {
    expect(resolver.resolve("全市职校有几所").matches).toEqual([]);
  });
});

describe("Latin names: English, pinyin, case and spaces, typos", () => {
  it.each([
    ["Leshan 2023 月收入是多少", LESHAN, "english", "Leshan"],
    ["LESHAN graduates", LESHAN, "english", "LESHAN"],
    ["le shan 2024", LESHAN, "english", "le shan"],
    ["Jiangmen 2024 月收入", JIANGMEN, "english", "Jiangmen"],
    ["Bishan 月收入", BISHAN, "english", "Bishan"],
    ["Lüliang 2021 普职招生比例", LVLIANG, "english", "Lüliang"],
    ["Lvliang 2022 enrolment", LVLIANG, "pinyin", "Lvliang"],
    ["Luliang 2022", LVLIANG, "pinyin", "Luliang"],
    ["Lyuliang teachers", LVLIANG, "pinyin", "Lyuliang"],
    ["LU LIANG 2022", LVLIANG, "pinyin", "LU LIANG"],
    ["Lǚliáng 2022", LVLIANG, "english", "Lǚliáng"],
    ["Suining 2024 升学人数", SUINING, "alias", "Suining"],
    ["find the case about Suining's e-commerce alliance", SUINING, "alias", "Suining"],
    ["Suining Vocational and Technical School graduates", SUINING, "english", "Suining Vocational and Technical School"],
    ["Leshan City graduates", LESHAN, "pinyin", "Leshan City"],
    ["Bishan District income", BISHAN, "pinyin", "Bishan District"],
    ["Ｌｅｓｈａｎ ２０２４", LESHAN, "english", "Ｌｅｓｈａｎ"],
    // typos, via fuse.js
    ["Leshang 2024 graduates", LESHAN, "fuzzy", "Leshang"],
    ["Jiangmeng monthly income", JIANGMEN, "fuzzy", "Jiangmeng"],
    ["Suinin 2024", SUINING, "fuzzy", "Suinin"],
    ["Lvlaing teachers", LVLIANG, "fuzzy", "Lvlaing"],
  ])("%s → %s via %s", (q, report, via, matched) => {
    expect(only(q)).toEqual([report, via, matched]);
  });

  it("does not take ordinary English words for names", () => {
    const { matches, unknown } = resolver.resolve("How many graduates went on to further study in 2024? Show the scorecard and the teaching resources table");
    expect(matches).toEqual([]);
    expect(unknown).toEqual([]);
  });
});

describe("traditional characters and homophone typos", () => {
  it.each([
    ["樂山2024年升學人數", LESHAN, "traditional", "樂山"],
    ["樂山市", LESHAN, "traditional", "樂山市"],
    ["遂寧2024年畢業生", SUINING, "traditional", "遂寧"],
    ["呂梁市", LVLIANG, "traditional", "呂梁市"],
    ["江門2024年", JIANGMEN, "traditional", "江門"],
    ["璧山區生師比", BISHAN, "traditional", "璧山區"],
    ["遂寧市職業技術學校", SUINING, "traditional", "遂寧市職業技術學校"],
    // same sound, same tone, one character off; not itself a place
    ["碧山2024年月收入", BISHAN, "homophone", "碧山"],
    ["必山区的升学人数", BISHAN, "homophone", "必山区"],
    // the typo at the end of the name, and after other text
    ["去年乐删的毕业生", LESHAN, "homophone", "乐删"],
  ])("%s → %s via %s", (q, report, via, matched) => {
    expect(only(q)).toEqual([report, via, matched]);
  });

  it.each([
    // real places that sound like 遂宁: not typos
    ["睢宁县2024年升学人数", ["睢宁县"]],
    ["绥宁县的中职学校", ["绥宁县"]],
    // a different tone is a word or a name, not a typo
    ["乐善好施的学生", []],
    ["吕亮老师的事迹", []],
  ])("%s is no typo of a report name", (q, unknown) => {
    const r = resolver.resolve(q);
    expect(r.matches).toEqual([]);
    expect(r.unknown.map((u) => u.name)).toEqual(unknown);
  });
});

describe("places no report covers", () => {
  it.each([
    ["成都2024年中职升学人数", ["成都"]],
    ["北京市的中职学校", ["北京市"]],
    ["深圳职业教育", ["深圳"]],
    ["广东省", ["广东省"]],
    ["四川升学人数", ["四川"]],
    ["重庆2024年中职升学人数", ["重庆"]],
    ["重庆市沙坪坝区", ["重庆市", "沙坪坝区"]],
    ["Chengdu 2024 graduates", ["Chengdu"]],
    ["Beijing and Shanghai", ["Beijing", "Shanghai"]],
    ["和县2024年招生", ["和县"]],
    ["射洪市中职学校", ["射洪市"]],
  ])("%s → unknown %j and no match", (q, names) => {
    const r = resolver.resolve(q);
    expect(r.matches).toEqual([]);
    expect(r.unknown.map((u) => u.name)).toEqual(names);
  });

  it("keeps a report and an unknown place apart in one question", () => {
    const r = resolver.resolve("成都和乐山2024年中职升学人数");
    expect(r.matches.map((m) => [m.report, m.matched])).toEqual([[LESHAN, "乐山"]]);
    expect(r.unknown).toEqual([{ name: "成都", start: 0, end: 2, zh: "成都" }]);
  });

  it.each([
    ["广东江门2024年毕业生", JIANGMEN, "江门"],
    ["广东省江门市", JIANGMEN, "江门市"],
    ["四川乐山", LESHAN, "乐山"],
    ["四川遂宁职校", SUINING, "遂宁职校"],
    ["重庆璧山", BISHAN, "璧山"],
    ["重庆市璧山区", BISHAN, "璧山区"],
    ["山西吕梁", LVLIANG, "吕梁"],
    ["sichuan leshan", LESHAN, "leshan"],
  ])("a province or city around a report only qualifies it: %s", (q, report, matched) => {
    const r = resolver.resolve(q);
    expect(r.unknown).toEqual([]);
    expect(r.matches.map((m) => [m.report, m.matched])).toEqual([[report, matched]]);
  });
});

describe("places inside a report's region", () => {
  it.each([
    ["孝义2022年招生", LVLIANG, "孝义", "孝义市"],
    ["孝义市职业教育", LVLIANG, "孝义市", "孝义市"],
    ["汾阳的三个一工程", LVLIANG, "汾阳", "汾阳市"],
    ["鹤山市升学人数", JIANGMEN, "鹤山市", "鹤山市"],
    ["开平中职学校", JIANGMEN, "开平", "开平市"],
    ["台山2024年毕业生", JIANGMEN, "台山", "台山市"],
    ["新会区", JIANGMEN, "新会区", "新会区"],
    ["沙湾2024年升学", LESHAN, "沙湾", "沙湾区"],
    ["峨眉山市中职", LESHAN, "峨眉山市", "峨眉山市"],
    ["峨眉山的学校", LESHAN, "峨眉山", "峨眉山市"],
    ["犍为县", LESHAN, "犍为县", "犍为县"],
    ["Heshan graduates", JIANGMEN, "Heshan", "鹤山市"],
  ])("%s → %s via place, subject %s", (q, report, matched, subject) => {
    const { matches, unknown } = resolver.resolve(q);
    expect(unknown).toEqual([]);
    expect(matches).toEqual([expect.objectContaining({ report, via: "place", matched, subject })]);
  });

  it("gives the report and the place when both are named", () => {
    const { matches } = resolver.resolve("吕梁汾阳 三个一工程");
    expect(matches.map((m) => [m.report, m.via, m.matched, m.subject])).toEqual([
      [LVLIANG, "name", "吕梁", undefined],
      [LVLIANG, "place", "汾阳", "汾阳市"],
    ]);
  });

  it("does not give the Suining school's report for other places in 遂宁市", () => {
    expect(resolver.resolve("射洪市").matches).toEqual([]);
  });
});

describe("schools named in a report", () => {
  it.each([
    ["鹤山市职业技术学校的学生", JIANGMEN, "鹤山市职业技术学校", "鹤山市职业技术学校"],
    ["鹤山职校2024年招生", JIANGMEN, "鹤山职校", "鹤山市职业技术学校"],
    ["江门一职的毕业生", JIANGMEN, "江门一职", "江门市第一职业技术学校"],
    ["台山培英职校", JIANGMEN, "台山培英职校", "台山市培英职业技术学校"],
    ["吕梁孝义市职教中心思政教育工作室的情况", LVLIANG, "孝义市职教中心", "孝义市职业教育中心"],
    ["汾阳市高级职业中学", LVLIANG, "汾阳市高级职业中学", "汾阳市高级职业中学"],
    ["青山技校有多少学生", BISHAN, "青山技校", "重庆市青山工业技工学校"],
    ["璧山职教中心", BISHAN, "璧山职教中心", "重庆市璧山职业教育中心"],
    ["沐川职中", LESHAN, "沐川职中", "沐川县中等职业学校"],
    ["乐山一职中", LESHAN, "乐山一职中", "四川省乐山市第一职业高级中学"],
    ["乐山市沙湾职业高级中学", LESHAN, "乐山市沙湾职业高级中学", "乐山市沙湾职业高级中学"],
    ["嘉州卫校", LESHAN, "嘉州卫校", "乐山嘉州卫生学校"],
  ])("%s → %s via school, subject %s", (q, report, matched, subject) => {
    const { matches, unknown } = resolver.resolve(q);
    const school = matches.find((m) => m.via === "school");
    expect(unknown).toEqual([]);
    expect(school).toEqual(expect.objectContaining({ report, matched, subject }));
  });

  it("needs the school list: without it 鹤山市职业技术学校 is only the place 鹤山市", () => {
    const bare = createEntityResolver(REPORTS);
    expect(bare.resolve("鹤山市职业技术学校").matches).toEqual([expect.objectContaining({ report: JIANGMEN, via: "place", matched: "鹤山市" })]);
  });
});

describe("no false positives on ordinary words", () => {
  it.each([
    "中等职业教育",
    "双师型教师比例",
    "学校",
    "升学人数",
    "成渝地区",
    "成渝双城经济圈职教联盟",
    "中山大学",
    "全市中职学校规模一览表",
    "市中职学校",
    "中职毕业生在城区和县镇工作的比例",
    "资源共享",
    "同心温暖工程",
    "共和国",
    "真金白银",
    "弘扬中华优秀传统文化",
    "其中江门的",
    "长治久安",
    "高新技术企业",
    "乡村振兴",
    "毕业生人数",
  ])("%s", (q) => {
    const r = resolver.resolve(q);
    // 其中江门的 does name 江门; nothing else may match anything
    if (q === "其中江门的") {
      expect(r.matches.map((m) => m.matched)).toEqual(["江门"]);
      expect(r.unknown).toEqual([]);
      return;
    }
    expect(r.matches).toEqual([]);
    expect(r.unknown).toEqual([]);
  });
});

describe("spans", () => {
  it("reports positions in the question as typed", () => {
    const { matches } = resolver.resolve("请问乐山和江门2024年毕业生月收入比一下");
    expect(matches.map((m) => [m.report, m.start, m.end, m.matched])).toEqual([
      [LESHAN, 2, 4, "乐山"],
      [JIANGMEN, 5, 7, "江门"],
    ]);
  });

  it("prefers the longest name and never overlaps", () => {
    const { matches } = resolver.resolve("遂宁市职业技术学校和遂宁职校");
    expect(matches.map((m) => [m.start, m.end])).toEqual([
      [0, 9],
      [10, 14],
    ]);
    for (const q of ["乐山市沙湾职中", "广东省江门市鹤山市职业技术学校", "Suining Vocational and Technical School 遂宁"]) {
      const ms = resolver.resolve(q).matches;
      for (let i = 1; i < ms.length; i++) expect(ms[i]!.start).toBeGreaterThanOrEqual(ms[i - 1]!.end);
    }
  });

  it("matches names in traditional and full-width text at the typed positions", () => {
    const [m] = resolver.resolve("２０２４年樂山").matches;
    expect(m).toEqual(expect.objectContaining({ start: 5, end: 7, matched: "樂山" }));
  });
});

describe("names()", () => {
  it("lists every name that resolves to a report, longest first", () => {
    const names = resolver.names();
    for (const n of ["乐山市", "乐山", "遂宁职校", "壁山", "Leshan", "鹤山职校", "孝义"]) expect(names).toContain(n);
    expect(names).not.toContain("成都");
    for (let i = 1; i < names.length; i++) expect(names[i]!.length).toBeLessThanOrEqual(names[i - 1]!.length);
  });
});

describe("every gold question names the report it is about", () => {
  it.each([
    ["乐山2024年教学资源表里的生师比是多少", [LESHAN]],
    ["遂宁和江门2024年升学人数分别是多少", [SUINING, JIANGMEN]],
    ["璧山和遂宁2024年毕业生本省去向落实率对比", [BISHAN, SUINING]],
    ["How many Suining graduates went on to further study in 2024?", [SUINING]],
    ["Jiangmen case about a labor education base (劳动教育)", [JIANGMEN]],
    ["江门特级技师陈慧添", [JIANGMEN]],
    ["吕梁毕业生月收入是多少", [LVLIANG]],
  ])("%s", (q, reports) => {
    expect(resolver.resolve(q).matches.map((m) => m.report)).toEqual(reports);
  });
});

describe("names several reports share", () => {
  const school = (report: string, entity: string): (typeof REPORTS)[number] => ({ report, entity, kind: "school", province: "四川省", english: null, aliases: [] });
  const city = (report: string, entity: string): (typeof REPORTS)[number] => ({ report, entity, kind: "city", province: "四川省", english: null, aliases: [] });

  it("a place two school reports are from points at both, on one span", () => {
    const r = createEntityResolver([school("a.txt", "遂宁市职业技术学校"), school("b.txt", "遂宁市安居职业高级中学")]);
    const { matches } = r.resolve("遂宁 新教师谈心谈话");
    expect(matches.map((m) => [m.report, m.matched, m.start, m.end])).toEqual([
      ["a.txt", "遂宁", 0, 2],
      ["b.txt", "遂宁", 0, 2],
    ]);
    // Each school's own name still points at it alone.
    expect(r.resolve("遂宁市安居职业高级中学 升学人数").matches.map((m) => m.report)).toEqual(["b.txt"]);
  });

  it("a report about the place itself comes before a school of that place", () => {
    const r = createEntityResolver([school("school.txt", "遂宁市职业技术学校"), city("city.txt", "遂宁市")]);
    expect(r.resolve("遂宁 2024 升学人数").matches.map((m) => m.report)).toEqual(["city.txt"]);
    expect(r.resolve("遂宁市职业技术学校 2024 升学人数").matches.map((m) => m.report)).toEqual(["school.txt"]);
  });
});

describe("reports from outside the corpus: names derived from the entity alone", () => {
  const school = (report: string, entity: string, province: string | null): (typeof REPORTS)[number] => ({ report, entity, kind: "school", province, english: null, aliases: [] });
  const QISHAN = school("qishan.txt", "岐山县职业技术教育中心", "陕西");
  const GUANGYUAN = school("guangyuan.txt", "广元市职业高级中学校", "四川");

  it("a county's pinyin is that county, never a typo of a report's name (Qishan is not 璧山 Bishan)", () => {
    // Bishan is one letter from Qishan: without the county table the fuzzy match took it.
    const { matches, unknown } = resolver.resolve("Qishan 2017 毕业生人数");
    expect(matches).toEqual([]);
    expect(unknown.map((u) => u.name)).toEqual(["Qishan"]);
    // A real typo of a report's name still finds it.
    expect(resolver.resolve("Bishann 2024").matches.map((m) => m.report)).toEqual([BISHAN]);
  });

  it("a school report gets its short forms and its place's pinyin from its printed name", () => {
    const r = createEntityResolver([...REPORTS, QISHAN, GUANGYUAN]);
    for (const [q, report] of [
      ["岐山职教中心2017年毕业生人数", "qishan.txt"],
      ["Qishan 2017 毕业生人数", "qishan.txt"],
      ["岐山县职教中心 升学人数", "qishan.txt"],
      ["广元职高 在校生", "guangyuan.txt"],
      ["广元市职中 在校生", "guangyuan.txt"],
      ["Guangyuan 2018 teachers", "guangyuan.txt"],
      ["Bishan 2024", BISHAN],
    ] as const) {
      expect(
        r.resolve(q).matches.map((m) => m.report),
        q,
      ).toEqual([report]);
    }
  });
});
