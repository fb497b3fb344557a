import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../src/types.js";
import { tinyEngine } from "./tinyEngine.js";

/**
 * The qualifier rule (answer/indicatorModel.ts) on every answer path: a single figure, a
 * comparison, a ranking, a follow-up and an English question. Two made-up reports in the forms
 * real reports print: 青川市 gives its 民办 schools only as a count in a sibling clause, a plan
 * beside the actual intake, and 对口就业率 beside 就业率; 河西区 prints only its intake plan and
 * no 对口就业率 at all.
 */
const QINGCHUAN = `青川市中等职业教育质量年度报告（2024年）
一、基本情况
2024年，全市共有中职学校11所，其中公办学校9所、民办学校2所。全市在校生43018人。
全市各级各类学校在校学生94.7万人。
二、招生与毕业
全市中职招生计划5200人，实际完成招生3748人。
全市中职毕业生12000人，就业率为96.1%，对口就业率为82.5%。毕业生人数较上年增加800人。
`;
const HEXI = `河西区中等职业教育质量年度报告（2024年）
一、基本情况
2024年，全区共有中职学校3所，全区中职在校生8600人。
二、招生与毕业
全区中职招生计划3000人。
全区中职毕业生2500人，就业率为97.3%。
`;

let engine: Engine;
let dispose = () => {};
beforeAll(async () => {
  ({ engine, dispose } = await tinyEngine({ "qingchuan-2024.txt": QINGCHUAN, "hexi-2024.txt": HEXI }));
}, 60_000);
afterAll(() => dispose());

const values = (q: string) => engine.ask(q).facts.map((f) => f.value);

describe("a single figure", () => {
  it("takes no qualifier from a sibling clause: 民办 names the schools, not the 在校生 after them", () => {
    expect(values("青川 民办学校在校生")).toEqual([]);
    expect(values("青川 在校生")).toEqual([43018]);
  });

  it("gives the actual intake for a plain 招生, and the plan only when asked for", () => {
    expect(values("青川 招生人数")).toEqual([3748]);
    expect(values("青川 招生计划")).toEqual([5200]);
    // A plan is never the intake, even when it is all a report prints.
    expect(values("河西 招生人数")).toEqual([]);
    expect(values("河西 招生计划")).toEqual([3000]);
  });

  it("never gives a wider population (各级各类学校) for the report's own students", () => {
    expect(values("青川 中职在校学生")[0]).toBe(43018);
    expect(values("青川 在校学生")[0]).toBe(43018);
    expect(values("青川 各级各类学校在校学生")[0]).toBe(947000);
  });

  it("names the missing qualifier when nothing answers", () => {
    expect(engine.ask("青川 民办学校在校生").reply).toMatch(/民办/);
  });
});

describe("a change the report prints", () => {
  it("answers 增加多少 first, before anything computed", () => {
    const a = engine.ask("青川 毕业生比上年增加多少人");
    expect(a.facts[0]?.value).toBe(800);
    expect(a.facts[0]?.indicator).toMatch(/增加/);
  });
});

describe("a ranking", () => {
  it("ranks only reports that print the qualified figure: 河西区's plain 就业率 is no 对口就业率", () => {
    const a = engine.ask("哪个地区对口就业率最高");
    expect(a.facts.map((f) => f.value)).toEqual([82.5]);
    expect(a.reply).toMatch(/河西区/);
  });
});

describe("a comparison", () => {
  it("gives each report's qualified figure, or none", () => {
    expect(values("青川和河西 对口就业率")).toEqual([82.5]);
    expect(values("青川和河西 就业率").sort()).toEqual([96.1, 97.3]);
  });
});

describe("a follow-up", () => {
  it("adds its qualifier to the previous indicator and finds nothing rather than the total", () => {
    const first = engine.ask("青川 在校生");
    expect(first.facts[0]?.value).toBe(43018);
    expect(engine.ask("民办的呢", { ...first.understood, isReply: false }).facts).toEqual([]);
  });
});

describe("an English question", () => {
  it("reads 'private' as 民办 and 'planned' as the plan", () => {
    expect(values("Qingchuan private schools enrolled students")).toEqual([]);
    expect(values("Qingchuan planned enrolment")).toEqual([5200]);
  });
});
