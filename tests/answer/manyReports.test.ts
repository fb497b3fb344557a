import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../src/types.js";
import { tinyEngine } from "./tinyEngine.js";
import { createEntityResolver } from "../../src/answer/understand/entities.js";

/**
 * Many reports behind one name: a city, two of its counties and three of its schools, with
 * made-up figures in the forms real reports print. The words decide which report a question is
 * about; when they leave several, the answer lists them rather than picking one.
 */
const region = (name: string, scope: string, students: number) => `${name}中等职业教育质量年度报告（2024年）
一、基本情况
2024年，全${scope}中职在校生${students}人。全${scope}中职毕业生${Math.round(students / 3)}人。
`;
const school = (name: string, students: number) => `${name}职业教育年度质量报告（2024）
一、学校概况
2024年，学校在校生${students}人，毕业生${Math.round(students / 3)}人。
`;

const CORPUS = {
  "city-2024.txt": region("遂宁市", "市", 40000),
  "shehong-2024.txt": region("射洪市", "市", 9000),
  "pengxi-2024.txt": region("蓬溪县", "县", 6000),
  "zhixiao-2024.txt": school("遂宁市职业技术学校", 5100),
  "anju-2024.txt": school("遂宁市安居职业高级中学", 2200),
  "shehongzz-2024.txt": school("射洪市职业中专学校", 3300),
  "chuanshan-2024.txt": school("遂宁市船山职业高级中学", 1800),
};

let engine: Engine;
let dispose = () => {};
beforeAll(async () => {
  ({ engine, dispose } = await tinyEngine(CORPUS));
}, 60_000);
afterAll(() => dispose());

const values = (q: string) => engine.ask(q).facts.map((f) => f.value);

describe("a name many reports share goes to the report the words fit best", () => {
  it.each([
    // The place alone: the report about the place itself, not its counties' or schools'.
    ["遂宁 在校生", 40000],
    ["遂宁市 在校生", 40000],
    ["射洪 在校生", 9000],
    ["蓬溪县 在校生", 6000],
    // School words after the place: the school whose name they complete.
    ["遂宁职校 在校生", 5100],
    ["遂宁市职业技术学校 在校生", 5100],
    ["遂宁 职校 在校生", 5100],
    ["遂宁的职业技术学校在校生", 5100],
    ["射洪职中 在校生", 3300],
    ["遂宁安居职高 在校生", 2200],
    // A county named after its city: the narrower place (the city only says where it is).
    ["遂宁市射洪市 在校生", 9000],
    ["遂宁射洪 在校生", 9000],
  ])("%s → %d", (q, v) => {
    expect(values(q)).toEqual([v]);
  });
});

describe("a name that stays ambiguous is asked about, not answered from one report picked for it", () => {
  it("lists the reports school words after a place could mean, each an alternative that answers", () => {
    // Two 职中 lie in 遂宁市 (安居 names its own; 船山 lies in 船山区): 职中 fits both.
    const a = engine.ask("遂宁 职中 在校生");
    expect(a.facts).toEqual([]);
    expect(a.reply).toMatch(/「遂宁 职中」可指 2 份报告/);
    expect(a.reply).toContain("遂宁市安居职业高级中学");
    expect(a.reply).toContain("遂宁市船山职业高级中学");
    expect(a.alternatives.map((x) => values(x.question))).toEqual(expect.arrayContaining([[2200], [1800]]));
    expect(a.alternatives).toHaveLength(2);
  });

  const JIAOTONG = school("遂宁市交通职业技术学校", 1500);

  it("a place with only school reports behind it, none named by the place alone, lists them all", async () => {
    const only = await tinyEngine({ "jiaotong-2024.txt": JIAOTONG, "anju-2024.txt": CORPUS["anju-2024.txt"] });
    try {
      const a = only.engine.ask("遂宁 2024 在校生");
      expect(a.facts).toEqual([]);
      expect(a.alternatives.map((x) => x.label).sort()).toEqual(["遂宁市交通职业技术学校", "遂宁市安居职业高级中学"]);
      expect(a.alternatives.map((x) => only.engine.ask(x.question).facts.map((f) => f.value)).sort()).toEqual([[1500], [2200]]);
      expect(only.engine.ask("How many students did Suining have in 2024?").reply).toMatch(/^"Suining" could mean 2 reports/);
      // Each school's own short form still names it alone.
      expect(only.engine.ask("遂宁安居职高 2024 在校生").facts.map((f) => f.value)).toEqual([2200]);
    } finally {
      only.dispose();
    }
  }, 60_000);

  it("a school named by its place alone (遂宁市职业技术学校) answers for the place's name; the others are named beside it", async () => {
    const only = await tinyEngine({ "zhixiao-2024.txt": CORPUS["zhixiao-2024.txt"], "anju-2024.txt": CORPUS["anju-2024.txt"], "jiaotong-2024.txt": JIAOTONG });
    try {
      const a = only.engine.ask("遂宁 2024 在校生");
      expect(a.facts.map((f) => f.value)).toEqual([5100]);
      expect(a.reply).toMatch(/「遂宁」也可指：遂宁市(?:交通职业技术学校|安居职业高级中学)、遂宁市(?:交通职业技术学校|安居职业高级中学)$/m);
      expect(a.alternatives.map((x) => x.label)).toEqual(expect.arrayContaining(["遂宁市安居职业高级中学", "遂宁市交通职业技术学校"]));
      // In pinyin too: Suining is the place's name, which 遂宁市职业技术学校 is all of.
      expect(only.engine.ask("Suining 2024 在校生").facts.map((f) => f.value)).toEqual([5100]);
    } finally {
      only.dispose();
    }
  }, 60_000);

  it("two editions of one report are no choice: the name is not ambiguous", async () => {
    const editions = await tinyEngine({ "zhixiao-2023.txt": school("遂宁市职业技术学校", 4800).replace("2024", "2023").replace("2024", "2023"), "zhixiao-2024.txt": CORPUS["zhixiao-2024.txt"] });
    try {
      expect(editions.engine.ask("遂宁 在校生").alternatives.map((x) => x.label)).not.toContain("遂宁市职业技术学校");
    } finally {
      editions.dispose();
    }
  }, 60_000);
});

describe("the resolver: kind and coverage decide, no name is special", () => {
  const R = (report: string, entity: string, kind: "city" | "district" | "school") => ({ report, entity, kind, province: "四川", english: null, aliases: [] });
  const r = createEntityResolver([R("city", "遂宁市", "city"), R("county", "射洪市", "district"), R("school", "射洪市职业中专学校", "school"), R("other", "乐山市", "city")]);
  const reports = (q: string) => r.resolve(q).matches.map((m) => m.report);

  it("school words after a place take the span: the place's own report is not meant", () => {
    expect(reports("射洪 职业中专 在校生")).toEqual(["school"]);
    expect(r.resolve("射洪的职业中专在校生").matches[0]!.matched).toBe("射洪的职业中专");
    // Words that are no school name (学校, 职业学校 alone) leave the place's report.
    expect(reports("射洪 学校 在校生")).toEqual(["county"]);
  });

  it("a wider place right before a narrower one only qualifies it; apart, both are asked", () => {
    expect(reports("遂宁射洪 在校生")).toEqual(["county"]);
    expect(r.resolve("遂宁射洪 在校生").matches[0]!.matched).toBe("遂宁射洪");
    expect(reports("遂宁和射洪 在校生")).toEqual(["city", "county"]);
    // A place that does not hold the next one is no qualifier of it.
    expect(reports("乐山射洪 在校生")).toEqual(["other", "county"]);
  });
});
