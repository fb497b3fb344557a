import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import type { Answer, Engine } from "../../src/types.js";

// Golden answers over the real corpus: what a user relies on, with the line each figure stands on.
const root = join(import.meta.dirname, "..", "..");
const corpusDir = join(root, "corpus");
let engine: Engine;
let indexDir: string;

beforeAll(async () => {
  indexDir = mkdtempSync(join(tmpdir(), "zhibao-engine-"));
  engine = await createEngine({ corpusDir, indexDir });
}, 60_000);
afterAll(() => rmSync(indexDir, { recursive: true, force: true }));

const rawLine = (report: string, line: number) => readFileSync(join(corpusDir, report), "utf8").split("\n")[line - 1];
const first = (a: Answer) => a.facts[0];

describe("one figure", () => {
  it("answers with the value, unit, table, indicator path and raw line", () => {
    const a = engine.ask("Suining 2024 升学人数");
    expect(a.intent).toBe("figure");
    expect(first(a)).toMatchObject({
      entity: "遂宁市职业技术学校",
      report: "suining-2024.txt",
      table: "人才培养质量计分卡",
      indicator: "毕业生去向落实人数 › 其中：升学人数",
      year: 2024,
      value: 803,
      unit: "人",
      line: 1350,
    });
    expect(a.reply).toContain("803");
    expect(a.reply).toContain("suining-2024.txt 第1350行");
  });

  it.each([
    ["How many Leshan graduates went on to further study in 2024?", 6952, "leshan-2024.txt"],
    ["遂宁2024年有多少毕业生升学？", 803, "suining-2024.txt"],
    ["江门2024年师生比多少", "17.6:1", "jiangmen-2024.txt"],
    ["吕梁 双师比例 2022", 28.8, "lvliang-2023.txt"],
    ["樂山2023年月收入", 3295.25, "leshan-2024.txt"],
    ["壁山 月薪", 4000, "bishan-2024.txt"],
    ["Lvliang 2021 普职招生比例", "2.7:1", "lvliang-2023.txt"],
    ["遂宁2024教学计划内课程总学时", 41418, "suining-2024.txt"],
  ])("%s → %s", (question, value, report) => {
    const f = first(engine.ask(question));
    expect(f?.value).toBe(value);
    expect(f?.report).toBe(report);
    expect(rawLine(report, f!.line)).toContain(f!.raw);
  });

  it("uses the latest year the table has when the question names none, and says so", () => {
    const a = engine.ask("Bishan 月收入");
    expect(first(a)).toMatchObject({ value: 4000, year: 2024 });
    expect(a.understood.yearDefaulted).toBe(true);
    expect(a.reply).toMatch(/2024/);
  });

  it("shows the same figure printed differently elsewhere, table value first", () => {
    const a = engine.ask("乐山2024年在校生多少人");
    expect(first(a)).toMatchObject({ value: 34800, line: 306 });
    expect(a.variants).toEqual([expect.objectContaining({ value: 31122, line: 1272, table: "落实政策表" })]);
    expect(a.reply).toContain("31122");
  });

  it("answers from the table a question names", () => {
    expect(first(engine.ask("乐山市2024年教学资源表里的生师比是多少"))).toMatchObject({ value: 17.06, table: "教学资源表" });
    expect(first(engine.ask("乐山2023年和2024年全日制在校生人数（落实政策表）"))).toMatchObject({ table: "落实政策表" });
  });
});

describe("never a number the reports do not print", () => {
  it.each([
    ["a cell printed as blank", "乐山2023年双师型教师比例", /未填写/],
    ["a cell printed as '-'", "遂宁2024年教职工满意度", /未填写/],
    ["a year the report does not cover", "吕梁2024年中职在校生", /2021、2022/],
    ["an indicator the report does not have", "江门2024年接收国外留学生人数", /没有/],
    ["a figure only a different measure shares words with", "吕梁毕业生月收入是多少", /没有/],
  ])("%s: facts [] and a reply that says so", (_kind, question, reply) => {
    const a = engine.ask(question);
    expect(a.facts).toEqual([]);
    expect(a.reply).toMatch(reply);
  });

  it("never answers a rate with a count: 升学率 is not 升学 803人", () => {
    expect(engine.ask("遂宁 升学率 2024").facts).toEqual([]);
  });

  it("recognises a place with no report and does not map it to the nearest one", () => {
    const a = engine.ask("成都2024年中职升学人数");
    expect(a.facts).toEqual([]);
    expect(a.understood.unknownEntities).toEqual(["成都"]);
    expect(a.reply).toContain("成都");
  });

  it.each(["火星市2024年升学人数", "某某区 2024 升学人数", "某职业学校2024年升学人数", "Atlantis 2024 graduates", "What is the enrolment of Atlantis in 2024?"])(
    "says there is no report for a place-like word nobody knows: %s",
    (q) => {
      const a = engine.ask(q);
      expect(a.facts).toEqual([]);
      expect(a.understood.unknownEntities.length).toBe(1);
      expect(a.reply).toMatch(/没有「.+」的报告|There is no report for/);
    },
  );

  it("answers the named report and says the other has none: 成都和乐山", () => {
    const a = engine.ask("成都和乐山2024年中职升学人数");
    expect(a.facts.map((f) => f.report)).toEqual(["leshan-2024.txt"]);
    expect(a.reply).toMatch(/^没有「成都」的报告/);
  });

  it("takes a place beside a named report, not conjoined with it, as a topic to search for", () => {
    const a = engine.ask("Jiangmen case about exchanges with Hong Kong");
    expect(a.understood.unknownEntities).toEqual([]);
    expect(a.passages[0]?.title).toMatch(/赴港/);
  });

  it("the narrower name wins: 乐山峨眉山市 asks about 峨眉山市, not 乐山 as a whole", () => {
    const a = engine.ask("乐山峨眉山市中职招生");
    expect(a.facts).toEqual([]);
    expect(a.reply).toMatch(/没有「峨眉山市」单独的数字/);
  });

  it("does not present a region's figure as one of its schools'", () => {
    const a = engine.ask("鹤山职校 2024 毕业生人数");
    expect(a.facts).toEqual([]);
    expect(a.reply).toMatch(/鹤山/);
    expect(a.reply).toMatch(/江门市/);
  });

  it("gives a school the sentence of its region's report that names it (井研职中…总投资5.1亿元)", () => {
    const a = engine.ask("井研职中产教融合实训基地总投资多少");
    expect(a.facts.map((f) => f.value)).toEqual([5.1]);
    expect(a.facts[0]?.indicator).toMatch(/^井研职中/);
  });
});

describe("several figures", () => {
  it("compares years and computes the change", () => {
    const a = engine.ask("江门 月收入 2023 vs 2024");
    expect(a.facts.map((f) => [f.year, f.value])).toEqual([
      [2023, 3319],
      [2024, 3360],
    ]);
    expect(a.changes[0]).toMatchObject({ fromYear: 2023, toYear: 2024, delta: 41 });
  });

  it("takes the two latest years for a change with no years named", () => {
    const a = engine.ask("江门月收入变化");
    expect(a.facts.map((f) => f.year)).toEqual([2023, 2024]);
  });

  it("compares entities", () => {
    const a = engine.ask("乐山和江门2024年月收入比一下");
    expect(a.facts.map((f) => [f.entity, f.value])).toEqual([
      ["乐山市", 3457.75],
      ["江门市", 3360],
    ]);
  });

  it("answers a three-year question from the one table that has all three years", () => {
    const a = engine.ask("璧山2022、2023、2024三年面向第三产业就业人数");
    expect(a.facts.map((f) => f.value)).toEqual([355, 276, 327]);
  });

  it("ranks ratios by their value, lowest first when asked", () => {
    const a = engine.ask("哪个地区的生师比最低");
    expect(a.facts[0]).toMatchObject({ entity: "吕梁市", value: "9.6:1" });
    expect(a.facts.map((f) => f.entity)).toHaveLength(5);
  });

  it("counts schools however the question puts it", () => {
    expect(first(engine.ask("乐山有几所中职学校"))).toMatchObject({ value: 19, line: 305 });
    expect(first(engine.ask("江门有几所学校"))).toMatchObject({ value: 12 });
  });

  it("ranks the reports, largest first", () => {
    const a = engine.ask("哪个地区2024年升入本科人数最多");
    expect(a.intent).toBe("rank");
    expect(a.facts.map((f) => f.entity)).toEqual(["乐山市", "江门市", "璧山区", "遂宁市职业技术学校"]);
    expect(a.reply).toMatch(/一所学校/);
  });
});

describe("follow-ups", () => {
  it("asks 2023年呢？ in the previous answer's context", () => {
    const prev = engine.ask("Suining 2024 升学人数");
    const a = engine.ask("2023年呢？", prev.understood);
    expect(first(a)).toMatchObject({ entity: "遂宁市职业技术学校", year: 2023, value: 765 });
  });
  it("asks 江门呢？ about the same indicator and year", () => {
    const prev = engine.ask("Suining 2024 升学人数");
    expect(first(engine.ask("江门呢？", prev.understood))).toMatchObject({ entity: "江门市", year: 2024, value: 4842 });
  });
});

describe("passages and cases", () => {
  // The case title says 破解住宿难题 and its body is about the dormitory: it must win over
  // paragraphs that merely mention 宿舍 in passing.
  it("finds a case by a topic word, top hit first", () => {
    const a = engine.ask("璧山 宿舍 案例");
    expect(a.intent).toBe("case");
    expect(a.passages[0]).toMatchObject({ report: "bishan-2024.txt", kind: "case", line: 154 });
    expect(a.passages[0].title).toContain("破解住宿难题");
  });

  it.each([
    ["遂宁反洗钱宣传教育基地那个案例", "遂宁反洗钱宣传教育基地成立并揭牌"],
    ["江门 叉车司机技能大赛 案例", "举行叉车司机职业技能大赛"],
    ["find the case about Suining's e-commerce vocational education alliance", "遂潼电商职教联盟成立"],
    ["吕梁孝义市职教中心思政教育工作室的情况", "正思立行崇孝尚义思政教育工作室"],
  ])("%s → %s in the top three", (question, expected) => {
    const hits = engine.ask(question).passages.slice(0, 3);
    expect(hits.some((h) => `${h.title}${h.text}`.replace(/\s/g, "").includes(expected))).toBe(true);
  });

  // A short section (面临挑战: three challenges, each a heading line, its story and its measures)
  // answers a question about it as a whole, so the heading line that names the challenge comes along.
  it("shows a short section whole when one of its paragraphs matches", () => {
    const hit = engine.ask("遂宁职业技术学校存在什么问题和挑战").passages[0];
    expect(hit.title).toBe("面临挑战");
    expect(hit.text).toContain("两校区融合管理与新阶段发展面临挑战");
    expect(hit.text).toContain("本科升学率亟需提高");
  });

  it("gives each hit a snippet with the matched terms and a line that holds its text", () => {
    for (const h of engine.search("职普融通 案例", { limit: 5 })) {
      expect(h.snippet.length).toBeLessThanOrEqual(142);
      expect(h.terms.length).toBeGreaterThan(0);
      expect(rawLine(h.report, h.line).length).toBeGreaterThan(0);
    }
  });
});

describe("anything a user types", () => {
  it.each(["", "？？？", "^~:+-", "hello", "a".repeat(5000), "表", "2024"])("%j gets an answer, never an exception", (q) => {
    const a = engine.ask(q);
    expect(typeof a.reply).toBe("string");
    expect(a.reply.length).toBeGreaterThan(0);
  });

  it("asks which one when a word names several rows, each choice answering when asked", () => {
    const a = engine.ask("江门 满意度");
    expect(a.facts).toEqual([]);
    expect(a.reply).toMatch(/有几项「满意度」/);
    expect(a.alternatives.length).toBeGreaterThanOrEqual(2);
    expect(engine.ask(a.alternatives[0].question).facts[0]).toMatchObject({ entity: "江门市", value: 90.85 });
  });

  it("shows a table a person asks for", () => {
    const a = engine.ask("显示遂宁的人才培养质量计分卡");
    expect(a.intent).toBe("table");
    expect(a.reply).toContain("人才培养质量计分卡");
    expect(a.reply).toContain("803");
  });
});

describe("a place two school reports are from", () => {
  // The Suining report and a copy of it printed by another (invented) Suining school, 803 → 804.
  let dir: string;
  let shared: Engine;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "zhibao-shared-"));
    const text = readFileSync(join(corpusDir, "suining-2024.txt"), "utf8");
    mkdirSync(join(dir, "corpus"));
    writeFileSync(join(dir, "corpus", "suining-2024.txt"), text);
    const other = text.replaceAll("遂宁市职业技术学校", "遂宁市安居职业高级中学").replace(/(\t|\s)803(\t|\s|$)/m, "$1804$2");
    writeFileSync(join(dir, "corpus", "anju-2024.txt"), other);
    shared = await createEngine({ corpusDir: join(dir, "corpus"), indexDir: join(dir, "index") });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a figure question by the place answers from the school it names fully, and names the other beside it", () => {
    // 遂宁市职业技术学校 is all place and suffix; 遂宁市安居职业高级中学 has a stem (安居) the question does not say.
    const a = shared.ask("遂宁 2024 升学人数");
    expect(a.facts.map((f) => [f.entity, f.value, f.report])).toEqual([["遂宁市职业技术学校", 803, "suining-2024.txt"]]);
    expect(a.reply).toContain("「遂宁」也可指：遂宁市安居职业高级中学");
    const other = a.alternatives.find((x) => x.label === "遂宁市安居职业高级中学")!;
    expect(shared.ask(other.question).facts.map((f) => [f.value, f.report])).toEqual([[804, "anju-2024.txt"]]);
    expect(shared.ask(other.question).reply).toContain("anju-2024.txt 第1350行");
  });

  it("a passage question by the place searches the school it names fully, and names the other", () => {
    const a = shared.ask("遂宁 新教师谈心谈话");
    expect(a.intent).toBe("passage");
    expect(new Set(a.passages.map((p) => p.report))).toEqual(new Set(["suining-2024.txt"]));
    expect(a.passages[0]!.text).toContain("谈心谈话");
    expect(a.reply).toContain("「遂宁」也可指：遂宁市安居职业高级中学");
  });

  it("a school's own name still means that school alone", () => {
    expect(shared.ask("遂宁市安居职业高级中学 2024 升学人数").facts.map((f) => f.value)).toEqual([804]);
  });
});

describe("filler words only where they stand alone", () => {
  it("请 inside a word (聘请) is the word's, not politeness", () => {
    const a = engine.ask("江门聘请行业导师人数23和24年");
    expect(a.facts.map((f) => [f.year, f.value])).toEqual([
      [2023, 118],
      [2024, 201],
    ]);
  });
});

describe("changes asked with 比…多多少", () => {
  it("乐山2024年毕业生比2023年增加了多少 → both years and the change", () => {
    const a = engine.ask("乐山2024年毕业生比2023年增加了多少");
    expect(a.facts.map((f) => [f.year, f.value])).toEqual([
      [2023, 10159],
      [2024, 10201],
    ]);
    expect(a.reply).toContain("+42");
  });
});

describe("another figure printed for the same thing", () => {
  it("is never another row of the same table, nor a change: 毕业生人数 has no 去向落实人数 or 增加 beside it", () => {
    const a = engine.ask("江门2024年毕业生人数");
    expect(a.variants.map((v) => v.indicator)).toEqual([]);
    expect(a.reply).not.toMatch(/另有不同/);
  });
});

describe("relative years, per report", () => {
  it("去年 is each report's own last year: 乐山 (2024 report) 2023, 吕梁 (2023 report) 2022", () => {
    const a = engine.ask("乐山和吕梁去年的毕业生人数");
    expect(a.facts.map((f) => [f.entity, f.year])).toEqual([
      ["乐山市", 2023],
      ["吕梁市", 2022],
    ]);
  });
});

describe("the conversation rule", () => {
  it("a question asking across the reports starts fresh: 月收入排名 after two regions ranks them all", () => {
    const prev = engine.ask("乐山和江门2024年月收入比一下");
    const a = engine.ask("月收入排名", prev.understood);
    expect(a.intent).toBe("rank");
    expect(a.facts.map((f) => f.entity)).toContain("璧山区");
  });

  it("a complete question does not inherit the previous report", () => {
    const prev = engine.ask("江门2024年升学人数");
    expect(new Set(engine.ask("毕业生人数", prev.understood).facts.map((f) => f.entity)).size).toBeGreaterThan(1);
  });

  it("an elliptical one does: 那毕业生人数呢, what about Leshan?, a bare year", () => {
    const prev = engine.ask("江门2024年升学人数");
    expect(engine.ask("那毕业生人数呢", prev.understood).facts.map((f) => [f.entity, f.year, f.value])).toEqual([["江门市", 2024, 10726]]);
    expect(first(engine.ask("what about Leshan?", prev.understood))).toMatchObject({ entity: "乐山市", year: 2024 });
    expect(first(engine.ask("2023", prev.understood))).toMatchObject({ entity: "江门市", year: 2023, value: 4722 });
  });

  it("a reply continues the answer it replies to, however it is worded", () => {
    const prev = engine.ask("江门2024年升学人数");
    expect(engine.ask("毕业生人数", { ...prev.understood, isReply: true }).facts.map((f) => f.entity)).toEqual(["江门市"]);
  });
});
