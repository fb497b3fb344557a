/**
 * Structure parser on real snippets of the five reports (tests/fixtures/structure/), one per
 * heading style, case-marker style and artifact. Every line number below is the raw line of the
 * report, as the inventory (shared/notes/corpus-inventory.md) and the citations use them.
 */

import { describe, expect, it } from "vitest";
import { parseCaseMarker, parseStructure, readReportTitle } from "../../src/ingest/structure/index.js";
import type { Passage, Section } from "../../src/types.js";
import { fixture, type Fixture } from "./helpers/fixtures.js";

interface Parsed {
  sections: (Section & { raw: number })[];
  paragraphs: (Passage & { raw: number; rawEnd: number })[];
  cases: (Passage & { raw: number; rawEnd: number })[];
  warnings: { raw: number | null; message: string }[];
}

/** Parses a snippet and translates every line number back to the report's raw lines. */
function parse(f: Fixture, isExcluded: (line: number) => boolean = () => false): Parsed {
  const r = parseStructure(f.lines, "snippet.txt", "实体", isExcluded);
  const withRaw = (p: Passage) => ({ ...p, raw: f.raw(p.line), rawEnd: f.raw(p.endLine) });
  return {
    sections: r.sections.map((s) => ({ ...s, raw: f.raw(s.line) })),
    paragraphs: r.passages.filter((p) => p.kind === "paragraph").map(withRaw),
    cases: r.passages.filter((p) => p.kind === "case").map(withRaw),
    warnings: r.warnings.map((w) => ({ raw: w.line === null ? null : f.raw(w.line), message: w.message })),
  };
}

const sectionAt = (p: Parsed, raw: number) => p.sections.find((s) => s.raw === raw);
const paragraphAt = (p: Parsed, raw: number) => p.paragraphs.find((x) => x.raw === raw);

describe("乐山: markdown headings with unreliable levels, `典型案例 N` cases", () => {
  const f = fixture("leshan-260-300");
  const p = parse(f);

  it("levels come from the numbering: 一、 › （一） › 1. › 1.1, whatever the # count", () => {
    expect(p.sections.map((s) => [s.raw, s.number, s.level])).toEqual([
      [264, "一", 1],
      [266, "（一）", 2],
      [268, "1", 3],
      [270, "1.1", 4], // `##### 1.1`
      [274, "1.2", 4], // `## 1.2`: same level as 1.1 although it has three # fewer
      [278, "2", 3],
      [296, "（二）", 2],
      [298, "1", 3],
    ]);
    expect(sectionAt(p, 266)?.title).toBe("党建引领强机制，立德树人育人才");
  });

  it("reads the report title from the body title line, not the cover", () => {
    expect(readReportTitle(f.lines)).toEqual({ title: "乐山市中等职业教育质量年度报告", line: f.at(260) });
  });

  it("joins a paragraph broken across a page (280 | 282) and keeps both lines", () => {
    const para = paragraphAt(p, 280)!;
    expect(para.rawEnd).toBe(282);
    expect(para.text.startsWith("坚持党建引领，围绕立德树人根本任务")).toBe(true);
    expect(para.text.endsWith("培育学生劳动精神和实践能力，不断丰富体育美育实践活动，加快推进学校体育美育教学改革。")).toBe(true);
    expect(para.lineStarts?.map(([, n]) => f.raw(n))).toEqual([280, 282]);
    expect(paragraphAt(p, 282)).toBeUndefined();
  });

  it("opens case 1 at its marker, titles it from the next heading, and ends it at （二）", () => {
    expect(p.cases).toHaveLength(1);
    const c = p.cases[0];
    expect(c).toMatchObject({ raw: 284, rawEnd: 288, caseLabel: "典型案例 1", title: "以赛促教展风采 强师赋能提素养" });
    expect(c.sectionPath).toEqual(["人才培养", "党建引领强机制，立德树人育人才", "多方协同共融合，综合素质助成长"]);
    expect(c.text.split("\n")[0]).toBe("典型案例 1 以赛促教展风采 强师赋能提素养");
    expect(c.text).toContain("乐山市始终坚持以大赛为抓手");
    expect(c.id).toBe(`snippet.txt:c:${f.at(284)}`);
  });

  it("emits the case's paragraph on its own too, titled with the case", () => {
    const para = paragraphAt(p, 288)!;
    expect(para.title).toBe("以赛促教展风采 强师赋能提素养");
    expect(para.sectionPath.at(-1)).toBe("典型案例 1 以赛促教展风采 强师赋能提素养");
    expect(para.id).toBe(`snippet.txt:p:${f.at(288)}`);
  });

  it("drops the figure caption and the title lines; text after the case belongs to its section", () => {
    const texts = [...p.paragraphs, ...p.cases].map((x) => x.text).join("\n");
    expect(texts).not.toContain("图1");
    expect(texts).not.toContain("2024年度");
    expect(paragraphAt(p, 300)?.title).toBe("紧贴区域需求，办学规模稳定");
  });
});

describe("乐山 case 7: `### 一、主要做法` inside a case is not a chapter", () => {
  const p = parse(fixture("leshan-530-560"));

  it("keeps 一、/二、 as case text and ends the case at （四）", () => {
    expect(p.cases.map((c) => [c.raw, c.rawEnd])).toEqual([[537, 551]]);
    expect(p.cases[0].text).toContain("\n一、主要做法\n");
    expect(p.cases[0].text).toContain("\n二、成效\n");
    expect(p.sections.some((s) => s.title === "主要做法" || s.title === "成效")).toBe(false);
    expect(sectionAt(p, 553)?.number).toBe("（四）");
    expect(sectionAt(p, 555)?.level).toBe(sectionAt(p, 553)!.level + 1);
  });

  it("does not emit the case-internal headings as paragraphs", () => {
    // 531 is the second half of a paragraph whose first half is before the snippet.
    expect(p.paragraphs.map((x) => x.raw)).toEqual([531, 535, 541, 547, 551, 557]);
  });

  it("joins 557 | 559, split mid-word (`…等部` | `2025年)》等文件精神`)", () => {
    expect(paragraphAt(p, 557)?.rawEnd).toBe(559);
    expect(paragraphAt(p, 557)?.text).toContain("国家发展改革委等部门印发的《职业教育产教融合赋能提升行动实施方案（2023—2025年)》");
  });
});

describe("乐山 cases 12–15: a plain-text marker, titles over two lines", () => {
  const p = parse(fixture("leshan-636-680"));

  it("reads the plain `典型案例 12` marker and its plain title", () => {
    expect(p.cases.map((c) => [c.raw, c.caseLabel])).toEqual([
      [638, "典型案例 12"],
      [652, "典型案例 13"],
      [666, "典型案例 14"],
      [676, "典型案例 15"],
    ]);
    expect(p.cases[0]).toMatchObject({ title: "缅怀烈士功绩，传承红色基因", rawEnd: 642 });
  });

  it("joins a plain `学校：` line with the heading title after it", () => {
    expect(p.cases[1].title).toBe("知行旅游职业高中：峨眉武术“进校园”，活力少年展飒爽英姿");
    expect(p.cases[1].rawEnd).toBe(660);
  });

  it("ends case 12 at the section heading （二） (648), whose paragraph is not in a case", () => {
    expect(sectionAt(p, 648)?.number).toBe("（二）");
    expect(paragraphAt(p, 650)?.title).toBe("传承地方非遗文化与技艺，延绵中华文明促文化自信");
  });
});

describe("乐山 898 | 900: a number split from its unit by a page break", () => {
  const f = fixture("leshan-895-905");
  const p = parse(f);

  it("joins `…企业职工培训人次 4054` with `人次，农民工培训…`", () => {
    const para = paragraphAt(p, 898)!;
    expect(para.rawEnd).toBe(900);
    expect(para.text).toContain("企业职工培训人次4054人次，农民工培训728人次");
    const [, second] = para.lineStarts!;
    expect(f.raw(second[1])).toBe(900);
    expect(para.text.slice(second[0]).startsWith("人次，农民工培训")).toBe(true);
  });

  it("drops the caption of the chart (图 26)", () => {
    expect(p.paragraphs.map((x) => x.raw)).toEqual([898]);
  });
});

describe("乐山 945–1000: the stray `## 案例 26`, text after a caption", () => {
  const p = parse(fixture("leshan-945-1000"));

  it("ignores `## 案例 26` right before `### 典型案例 25`, with a warning", () => {
    expect(p.cases.map((c) => [c.raw, c.caseLabel])).toEqual([
      [957, "典型案例 25"],
      [979, "典型案例 26"],
    ]);
    expect(p.warnings).toEqual([expect.objectContaining({ raw: 955, message: expect.stringContaining("案例26") })]);
  });

  it("keeps the paragraphs after case 26's photo caption in the case, up to （二）", () => {
    const c = p.cases[1];
    expect(c.title).toBe("沙湾职中：2024年职教活动周技能大赛");
    expect(c.rawEnd).toBe(997);
    expect(c.text).toContain("本次比赛涵盖了数控车");
    // 995 | 997 is a paragraph cut by a page break, joined inside the case.
    expect(c.text).toContain("也是学校教学成果的集中展示。长期以来，沙湾职中始终践行“以赛促学”的育人理念，重视学生知识技能的培养，并为学生提供展示自我的平台，促进学生成长成才。");
    expect(c.text).not.toContain("钳工赛项现场");
    expect(sectionAt(p, 999)?.number).toBe("（二）");
  });

  it("joins 951 | 953 where the second half is only `才。`", () => {
    expect(paragraphAt(p, 951)?.rawEnd).toBe(953);
    expect(paragraphAt(p, 951)?.text.endsWith("助力不同禀赋的学生实现多次选择、多样成才。")).toBe(true);
  });
});

describe("乐山 cases 27–28: two heading lines as one title; text between captions", () => {
  const p = parse(fixture("leshan-1035-1081"));

  it("joins `#### “嘉人有约 职有你”` and `##### —新高考背景下…` into one title", () => {
    expect(p.cases[0]).toMatchObject({ raw: 1035, rawEnd: 1045, title: "“嘉人有约 职有你”—新高考背景下中高职院校招考路径与人才培养" });
  });

  it("case 28 runs past its two captions to the next heading", () => {
    const c = p.cases[1];
    expect(c).toMatchObject({ raw: 1059, title: "沐川县中等职业学校：共建皆可成才，尽展其才——旋风少女李娜拉", rawEnd: 1079 });
    expect(c.text.split("\n")).toHaveLength(5);
    expect(sectionAt(p, 1051)?.number).toBe("六");
    expect(sectionAt(p, 1081)?.number).toBe("（二）");
  });
});

describe("乐山 tables of contents: dotted leaders and tab-separated page numbers", () => {
  it("reads nothing from the TOC (37–60), even when no table parser excludes it", () => {
    const p = parse(fixture("leshan-37-60"));
    expect(p.sections).toEqual([]);
    expect(p.paragraphs).toEqual([]);
  });

  it("reads no case from the 案例目录 (`典型案例 1\\t…\\t3`)", () => {
    const p = parse(fixture("leshan-184-215"));
    expect(p.cases).toEqual([]);
    expect(p.paragraphs).toEqual([]);
  });
});

describe("吕梁: bookmarks, full-width periods, numbered paragraphs", () => {
  it("reads `1．基本情况` and `1.1 规模和结构` behind bookmarks; drops the captions", () => {
    const f = fixture("lvliang-1-15");
    const p = parse(f);
    expect(readReportTitle(f.lines)).toEqual({ title: "吕梁市中等职业教育质量年度报告（2023）", line: 1 });
    expect(p.sections.map((s) => [s.raw, s.number, s.title, s.level])).toEqual([
      [4, "1", "基本情况", 1],
      [5, "1.1", "规模和结构", 2],
    ]);
    expect(p.paragraphs.map((x) => [x.raw, x.title])).toEqual([
      [3, ""], // the preface paragraph stands before any heading
      [6, "规模和结构"],
      [12, "规模和结构"],
      [13, "规模和结构"],
      [14, "规模和结构"],
      [15, "规模和结构"],
    ]);
  });

  it("takes `1.党建引领。全市…` for a paragraph: a heading is short and no sentence", () => {
    const f = fixture("lvliang-110-125");
    const p = parse(f, f.excluding([123, 140]));
    expect(p.sections.map((s) => s.number)).toEqual(["2", "2.1"]);
    expect(p.paragraphs.map((x) => x.raw)).toEqual([114, 117, 120, 121, 122]);
    expect(paragraphAt(p, 114)?.text.startsWith("1.党建引领。")).toBe(true);
  });

  it("nests `1.积极组织…` under 3.3 as a local list, and returns to the outline at 3.4 and 4．", () => {
    const p = parse(fixture("lvliang-163-198"));
    const lv = (raw: number) => sectionAt(p, raw)!.level;
    expect(p.sections.map((s) => [s.raw, s.number])).toEqual([
      [163, "3.2"],
      [166, "3.3"],
      [167, "1"],
      [171, "2"],
      [175, "3"],
      [177, "3.4"],
      [183, "4"],
      [184, "4.1"],
      [185, "1"],
      [187, "2"],
      [189, "3"],
      [191, "4.2"],
      [198, "5"],
    ]);
    expect([lv(167), lv(171), lv(175)]).toEqual([lv(166) + 1, lv(166) + 1, lv(166) + 1]);
    expect(lv(177)).toBe(lv(166));
    expect(lv(184)).toBe(lv(183) + 1);
    expect(lv(185)).toBe(lv(184) + 1);
    expect(lv(191)).toBe(lv(184));
  });

  it("keeps the paragraphs printed twice (173–174 = 192–193) once", () => {
    const p = parse(fixture("lvliang-163-198"));
    const raws = p.paragraphs.map((x) => x.raw);
    expect(raws).toContain(173);
    expect(raws).toContain(174);
    expect(raws).not.toContain(192);
    expect(raws).not.toContain(193);
  });

  it("indexes the 7.x showcases of `7.特色创新` as cases; the title keeps its spaces", () => {
    const p = parse(fixture("lvliang-225-262"));
    expect(p.cases.map((c) => [c.raw, c.caseLabel])).toEqual([
      [226, "7.1"],
      [239, "7.2"],
      [256, "7.3"],
    ]);
    expect(p.cases[0].title).toBe("孝义市职教中心正思立行崇孝尚义思政教育工作室");
    expect(p.cases[0].text).toContain("思政教育工作室于2020年12月成立");
    expect(p.cases[2].title).toBe("汾阳市高级职业中学 “三个一”工程 铸魂育人新途径");
    expect(p.cases[2].rawEnd).toBe(259);
    expect(sectionAt(p, 227)?.level).toBe(sectionAt(p, 226)!.level + 1);
    expect(sectionAt(p, 241)?.level).toBe(sectionAt(p, 240)!.level + 1);
    expect(sectionAt(p, 249)?.level).toBe(sectionAt(p, 240)!.level);
  });

  it("reads `1.随着社会…` lines as paragraphs and nothing from the chart residue", () => {
    const p = parse(fixture("lvliang-268-290"));
    expect(p.sections.map((s) => s.number)).toEqual(["9", "9.1", "9.2"]);
    expect(p.paragraphs.map((x) => x.raw)).toEqual([268, 272, 273, 274, 275, 277, 278, 279, 280, 281]);
  });
});

describe("遂宁: `【案例N】title` after bookmarks", () => {
  it("reads the title spread over lines 6–7 and opens 前言 as a section", () => {
    const f = fixture("suining-1-12");
    const p = parse(f);
    expect(readReportTitle(f.lines)).toEqual({ title: "遂宁市职业技术学校 职业教育年度质量报告（2024）", line: 6 });
    // The same layout from a school whose name ends in 中学.
    const other = f.lines.map((l) => l.replace("遂宁市职业技术学校", "遂宁市安居职业高级中学"));
    expect(readReportTitle(other)).toEqual({ title: "遂宁市安居职业高级中学 职业教育年度质量报告（2024）", line: 6 });
    expect(p.sections.map((s) => [s.raw, s.number, s.title, s.level])).toEqual([
      [1, "", "前言", 1],
      [8, "1", "学校概况", 1],
      [9, "1.1", "学校简介", 2],
    ]);
    expect(p.paragraphs.map((x) => [x.raw, x.title])).toEqual([
      [2, "前言"],
      [3, "前言"],
      [4, "前言"],
      [5, "前言"],
      [10, "学校简介"],
      [11, "学校简介"],
    ]);
  });

  it("case 1 holds its `一、…五、` paragraphs and ends at the 1.4 heading", () => {
    const p = parse(fixture("suining-145-170"));
    expect(p.cases).toEqual([expect.objectContaining({ raw: 149, rawEnd: 156, caseLabel: "【案例1】", title: "新教师谈心谈话会：明方向，铸师魂" })]);
    expect(p.cases[0].text.split("\n")).toHaveLength(8);
    expect(p.sections.map((s) => s.number)).toEqual(["1.4"]);
  });

  it("case 3's text starts after the image tag on 257", () => {
    const p = parse(fixture("suining-250-260"));
    expect(p.cases[0]).toMatchObject({ raw: 256, caseLabel: "【案例3】", title: "点赞市职校学子：拾金不昧，温暖人心" });
    expect(paragraphAt(p, 257)?.text.startsWith("国庆假期，遂宁市职业技术学校2024级平面设计28班学生冯馨怡")).toBe(true);
  });

  it("case 5 runs past its ` \\t`-prefixed captions", () => {
    const p = parse(fixture("suining-664-681"));
    expect(p.cases[0]).toMatchObject({ raw: 671, rawEnd: 679 });
    expect(p.cases[0].text.split("\n")).toHaveLength(5);
    expect(p.sections.map((s) => s.number)).toEqual(["3", "3.1", "3.2"]);
  });

  it("reads ` 6.6 政策落实` right after a table cell, and case 8", () => {
    const f = fixture("suining-1236-1256");
    const p = parse(f, f.excluding([1236, 1237], [1256, 1256]));
    expect(p.sections.map((s) => [s.raw, s.number, s.title])).toEqual([
      [1238, "6.6", "政策落实"],
      [1253, "6.7", "资助情况"],
    ]);
    expect(p.cases).toEqual([expect.objectContaining({ raw: 1246, rawEnd: 1249, title: "遂宁反洗钱宣传教育基地成立并揭牌" })]);
  });

  it("reads nothing from the back matter: a page number, an image, chart residue", () => {
    const p = parse(fixture("suining-2198-2240"));
    expect(p.paragraphs).toEqual([]);
    expect(p.sections).toEqual([]);
  });
});

describe("璧山: `案例N` alone, headings without a blank line before them", () => {
  it("reads `1.1基本情况` (no space) and ` 1.3.2毕业生规模` (leading space), and case 1", () => {
    const f = fixture("bishan-14-60");
    const p = parse(f, f.excluding([56, 60]));
    expect(readReportTitle(f.lines)).toEqual({ title: "璧山区中等职业学校年度质量报告（2023-2024学年度）", line: 1 });
    expect(p.sections.map((s) => [s.number, s.level])).toEqual([
      ["1", 1],
      ["1.1", 2],
      ["1.2", 2],
      ["1.2.1", 3],
      ["1.2.2", 3],
      ["1.2.3", 3],
      ["1.2.4", 3],
      ["1.3", 2],
      ["1.3.1", 3],
      ["1.3.2", 3],
    ]);
    expect(p.cases).toEqual([expect.objectContaining({ raw: 41, rawEnd: 47, caseLabel: "案例1", title: "培养梦想启航的摇篮 职教中心成立励志部" })]);
  });

  it("case 3 (`案例3 `) gets a one-space title and ends at `2.人才培养`, printed with no blank line", () => {
    const p = parse(fixture("bishan-150-190"));
    expect(p.cases.map((c) => [c.raw, c.rawEnd, c.title])).toEqual([
      [154, 161, "筑梦空间 破解住宿难题"],
      [176, 183, "磨砺意志 铸就青春"],
    ]);
    expect(sectionAt(p, 162)?.number).toBe("2");
  });

  it("joins case 10's title split over 671 and 673", () => {
    const p = parse(fixture("bishan-664-690"));
    expect(p.cases).toEqual([expect.objectContaining({ raw: 670, rawEnd: 679, title: "科创大赛精彩纷呈：璧山区青少年展现科技创新无限潜力" })]);
    expect(sectionAt(p, 680)?.title).toBe("学生发展");
  });

  it("keeps case 20's own `一、…三、` headings inside it; 7.4 ends it", () => {
    const p = parse(fixture("bishan-1317-1340"));
    expect(p.sections.map((s) => s.number)).toEqual(["7.3", "7.4"]);
    expect(p.cases[0]).toMatchObject({ raw: 1321, rawEnd: 1337, title: "加强学校治理 推动群团组织迈上新台阶" });
    expect(p.cases[0].text).toContain("\n三、新团委成立，开启新篇章\n");
  });
});

describe("江门: tab-prefixed `\\t案例X-Y title`, no title line", () => {
  it("takes the report name from line 1 when no title line is printed", () => {
    const f = fixture("jiangmen-1-6");
    expect(readReportTitle(f.lines)).toEqual({ title: "江门市2024年度中等职业教育质量报告", line: 1 });
    const p = parse(f, f.excluding([6, 6]));
    expect(p.sections.map((s) => [s.raw, s.number, s.level])).toEqual([[4, "1.1", 1]]);
    expect(p.paragraphs.map((x) => x.raw)).toEqual([1, 2, 3, 5]);
  });

  it("reads cases 2-1 to 2-3; 2-3's marker follows a bookmark-only tab line", () => {
    const p = parse(fixture("jiangmen-105-140"));
    expect(p.cases.map((c) => [c.raw, c.caseLabel, c.title])).toEqual([
      [114, "案例2-1", "党建引领德育"],
      [121, "案例2-2", "党建强基 团建铸魂"],
      [131, "案例2-3", "名班主任工作室获省赛一等奖"],
    ]);
    expect(p.cases[2].rawEnd).toBe(132);
  });

  it("reads a number glued to the title: `案例2-4以武韵培育匠才`", () => {
    const p = parse(fixture("jiangmen-140-160"));
    expect(p.cases.map((c) => [c.raw, c.caseLabel, c.title])).toEqual([
      [144, "案例2-4", "以武韵培育匠才"],
      [151, "案例2-5", "打造特色社团"],
    ]);
  });

  it("keeps the duplicate 2.4 as two sibling sections and a tab-prefixed body line in case 2-9", () => {
    const f = fixture("jiangmen-183-240");
    const p = parse(f, f.excluding([196, 225]));
    expect(p.sections.map((s) => [s.raw, s.number, s.title])).toEqual([
      [183, "2.3", "就业质量"],
      [184, "2.3.1", "就业情况"],
      [195, "2.3.2", "升学情况"],
      [228, "2.4", "技能大赛"],
      [240, "2.4", "打造“五金”"],
    ]);
    expect(sectionAt(p, 228)?.level).toBe(sectionAt(p, 183)!.level);
    expect(sectionAt(p, 240)?.level).toBe(sectionAt(p, 228)!.level);
    const c29 = p.cases.find((c) => c.caseLabel === "案例2-9")!;
    expect(c29).toMatchObject({ raw: 186, rawEnd: 188, title: "特级技师的成长记录" });
    expect(c29.text).toContain("陈慧添是新会机电学校优秀毕业生");
  });

  it("reads a `\\t\\t`-prefixed marker (2-13)", () => {
    const p = parse(fixture("jiangmen-260-272"));
    expect(p.cases).toEqual([expect.objectContaining({ raw: 267, caseLabel: "案例2-13", title: "数字赋能教学改革" })]);
  });

  it("places 5.1 (no `5.` heading printed) beside `4.`, and reads the ` \\t` marker of 5-2", () => {
    const p = parse(fixture("jiangmen-335-373"));
    expect(p.cases.map((c) => c.raw)).toEqual([337, 343, 348, 351, 355, 360, 367]);
    expect(sectionAt(p, 346)?.level).toBe(sectionAt(p, 335)!.level);
    expect(p.cases.find((c) => c.raw === 343)?.rawEnd).toBe(344);
    expect(p.cases.find((c) => c.raw === 355)?.title).toBe("举行叉车司机职业技能大赛");
    expect(sectionAt(p, 373)?.title).toBe("文化传承");
  });
});

describe("never throws", () => {
  it("keeps figure captions apart from the text, with their line, for search", () => {
    const lines = ["## 1. 服务社区", "学校组织学生参加志愿服务活动，服务社区群众。", " \t[bookmark: _Toc7893]图28 护航“2024遂宁观音湖马拉松”志愿服务工作"];
    const got = parseStructure(lines, "r", "e", () => false);
    expect(got.captions).toEqual([{ line: 3, text: "图28护航“2024遂宁观音湖马拉松”志愿服务工作", sectionPath: ["服务社区"] }]);
    expect(got.passages.some((p) => p.text.includes("马拉松"))).toBe(false);
  });

  it("reads an empty report", () => {
    expect(parseStructure([], "r", "e", () => false)).toEqual({ sections: [], passages: [], captions: [], warnings: [] });
    expect(parseStructure([""], "r", "e", () => false).passages).toEqual([]);
    expect(readReportTitle([])).toBeNull();
  });

  it("reports garbled lines instead of indexing them", () => {
    const garbage = Array.from({ length: 50 }, (_, i) => String.fromCharCode(...Array.from({ length: 40 }, (_, k) => ((i * 131 + k * 17) % 30) + (k % 3 ? 0xfffd : 1))));
    const r = parseStructure(garbage, "bin.txt", "e", () => false);
    expect(r.passages).toEqual([]);
    expect(r.warnings.length).toBeGreaterThan(0);
    expect(r.warnings[0]).toMatchObject({ report: "bin.txt", line: expect.any(Number) });
  });

  it("reads one huge line as one paragraph", () => {
    const huge = "职业教育高质量发展，".repeat(50_000);
    const t = Date.now();
    const r = parseStructure([huge], "r", "e", () => false);
    expect(Date.now() - t).toBeLessThan(5000);
    expect(r.passages).toHaveLength(1);
    expect(r.passages[0].text.length).toBe(huge.length);
  });

  it("survives an isExcluded that throws", () => {
    const f = fixture("bishan-150-190");
    const r = parseStructure(f.lines, "r", "e", () => {
      throw new Error("boom");
    });
    expect(r.passages.filter((p) => p.kind === "case")).toHaveLength(2);
  });
});

describe("parseCaseMarker: case headings as Word prints them", () => {
  it.each<[string, { label: string; title: string } | null]>([
    ["### 案例1 订单班里走出的数控能手", { label: "案例1", title: "订单班里走出的数控能手" }],
    ["### 案例12、校企共建实训中心", { label: "案例12", title: "校企共建实训中心" }],
    ["### 【案例】夜校里的老年智能手机课", { label: "【案例】", title: "夜校里的老年智能手机课" }],
    ["【案例三】茶艺进乡村", { label: "【案例3】", title: "茶艺进乡村" }],
    ["### 典型案例一 技能大师工作室带徒传艺", { label: "典型案例 1", title: "技能大师工作室带徒传艺" }],
    ["典型案例十二：茶艺专业助力乡村振兴", { label: "典型案例 12", title: "茶艺专业助力乡村振兴" }],
    // Running text and table titles that start like a marker are none.
    ["案例1中，学校通过订单班培养了86名学生。", null],
    ["案例1 订单班里走出的数控能手", null],
    ["典型案例一览表", null],
  ])("%s", (raw, want) => {
    const got = parseCaseMarker(raw);
    if (want === null) expect(got).toBeNull();
    else expect(got).toMatchObject({ ...want, bare: false });
  });
});
