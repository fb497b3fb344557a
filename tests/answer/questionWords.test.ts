import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answering, buildCatalog, matchIndicators } from "../../src/answer/indicators.js";
import type { Engine } from "../../src/types.js";
import { catalogFact } from "./catalogFacts.js";
import { tinyEngine } from "./tinyEngine.js";

/**
 * Words a new user types that a label does not print: a counter after 多少 (篇, 台), a sum asked
 * for as 多少钱 or "how much money", income that is not graduates' pay, 录取 that is a route and
 * not the intake. A made-up report in the forms real reports print.
 */
const YUNLING = `云岭县中等职业教育质量年度报告（2024年）
一、教学与科研
2024年，全县中职学校发表论文126篇，出版教材18本，新购计算机240台。
二、经费与资助
全县中职学费收入2860万元。全年资助学生1500人次。全年发放国家助学金129万元，共有860名学生获得国家助学金。
三、毕业去向
全县中职毕业生3100人，通过普通高考录取488人，全县中职招生1200人。本地就业毕业生412人。
四、师资与投入
全县双师教师236人，纸质图书和电子图书共计18.6万册。全县有国家级重点中等职业学校2所。
全县新设护理、电子商务等3个专业。全县中职学校开设专业24个。全县职业教育教师860人。全县对口就业1200人，对口率80.5%。
全年共办结编印《督查通报》21期，完成羌汉双语教材编写9本。全年在设施设备和基础建设方面进行了多项改善，总投入资金达560万元。
通过“甲乙丙”三县职业教育联盟，开展技能大赛3次，互派裁判176人次；开展教研活动49次。
`;

/** A second report that prints 对口 as 专业对口. */
const BAISHUI = `白水县中等职业教育质量年度报告（2024年）
一、毕业去向
2024届毕业生专业对口就业率为81.2%。
`;

let engine: Engine;
let dispose = () => {};
beforeAll(async () => {
  ({ engine, dispose } = await tinyEngine({ "yunling-2024.txt": YUNLING, "baishui-2024.txt": BAISHUI }));
}, 60_000);
afterAll(() => dispose());

const values = (q: string) => engine.ask(q).facts.map((f) => f.value);

describe("a counter after 多少 or 几 says what the answer is counted in, not what is measured", () => {
  it.each([
    ["云岭 发表论文多少篇", 126],
    ["云岭 出版教材几本", 18],
    ["云岭 新购计算机多少台", 240],
  ])("%s → %d", (q, v) => {
    expect(values(q)[0]).toBe(v);
  });
});

describe("a sum of money is no head count", () => {
  it("多少钱 is never answered with a count of people", () => {
    expect(values("云岭 资助学生多少钱")).toEqual([]);
    expect(values("云岭 资助学生多少人次")).toEqual([1500]);
  });

  it("'how much money' asks for a sum", () => {
    expect(values("How much money did Yunling give out in national grants")).toEqual([129]);
    expect(values("云岭 资助学生金额")).toEqual([]);
    // 获得国家助学金 counts people: a question about the sum gets the sum, never the 860.
    expect(values("云岭 国家助学金金额")).toEqual([129]);
    expect(values("云岭 获得国家助学金多少人")).toEqual([860]);
  });
});

describe("the measure-kind gate", () => {
  // One row counting people who got a grant: a question about a sum, whichever order its words
  // come in ("How much money … national grants" reads 金额国家助学金), is not answered by it.
  const catalog = buildCatalog([catalogFact(["获得国家助学金"], 860, { unit: "人", table: null })], []);
  const answers = (q: string) => answering(matchIndicators(q, catalog)).map((m) => m.entry.facts[0]?.value);

  it.each(["金额国家助学金", "国家助学金金额"])("%s asks for a sum: no count answers it", (q) => {
    expect(answers(q)).toEqual([]);
  });

  it("a question about the people gets the count", () => {
    expect(answers("获得国家助学金人数")).toEqual([860]);
  });
});

describe("short forms, light verbs and generic words", () => {
  it.each([
    // 双师 is printed 双师教师 or 双师型教师, and typed 双师.
    ["云岭 双师多少人", 236],
    ["云岭 双师型教师人数", 236],
    // A one-character verb before 了多少 says nothing of what is counted.
    ["云岭 双师型教师评了多少人", 236],
    // A generic word at the end (共计, 合计) is no head the row must explain.
    ["云岭 纸质图书和电子图书合计多少册", 186000],
    // Short forms and verbs printed both ways: 对口率 is 对口就业率, 新设专业 is 新增专业.
    ["云岭 对口率", 80.5],
    ["云岭 对口就业率", 80.5],
    // 专业对口 is 对口: "matching the major" says it twice.
    ["白水 对口率", 81.2],
    ["白水 对口就业率", 81.2],
    // 给/为 before whom (给学生发放…) names the report's own subject, not a narrower figure.
    ["云岭 给学生发放国家助学金多少万元", 129],
    ["云岭 新增专业数", 3],
    // A light verb at a label's start (开设专业) is no part of what it measures, nor is a verb of
    // completion (办结编印, 完成…编写).
    ["云岭 专业数", 24],
    ["云岭 督查通报编印了多少期", 21],
    ["云岭 羌汉双语教材编写了几本", 9],
    // 资金 at a label's end is what its unit (万元) says: 总投入资金 answers …总投入 (the clause before names the rest).
    ["云岭 设施设备和基础建设总投入多少", 560],
    // 职业教育 in a 中职 report is the report's own subject, no part of what is measured.
    ["云岭 教师总数", 860],
  ])("%s → %d", (q, v) => {
    expect(values(q)[0]).toBe(v);
  });

  it("English: the reports' own subject, key schools, jobs found", () => {
    expect(values("How many national key secondary vocational schools does Yunling have")[0]).toBe(2);
    expect(values("How many Yunling graduates found jobs locally")[0]).toBe(412);
  });
});

describe("the frame of a clause group", () => {
  it("explains the words of a question for every figure in the group, not only the first", () => {
    expect(values("云岭 三县职教联盟互派裁判多少人次")).toEqual([176]);
  });

  it("ends with its group: the next group's figures stand outside it", () => {
    expect(values("云岭 三县职教联盟教研活动多少次")).toEqual([]);
  });
});

describe("income", () => {
  it("a school's tuition income is 学费收入, not graduates' monthly pay", () => {
    expect(values("Yunling tuition income")).toEqual([2860]);
  });
});

describe("录取 and 招收", () => {
  it("普通高考录取 is the route printed, not the intake", () => {
    expect(values("云岭 普通高考录取多少人")).toEqual([488]);
    expect(values("云岭 录取了多少新生")).toEqual([1200]);
  });
});
