import { describe, expect, it } from "vitest";
import { asksToDerive } from "../../src/answer/derived.js";
import { tinyEngineFor } from "./tinyEngine.js";
import { YUNXI } from "./yunxi.js";

// Derived figures, marked and only on request (issue 23). 云溪 prints 2024年专任教师308人，较上年增加117人 and no
// 2023 stock; 毕业生1332人，其中升学803人 and no 升学率.
const engine = tinyEngineFor({ "yunxi-2024.txt": YUNXI });

describe("a year's stock from the next year's and the change printed against it", () => {
  it("a plain question is never answered with it: not printed, and the derived figure offered as a note, marked", () => {
    const a = engine().ask("云溪 2023年 专任教师");
    expect(a.facts).toEqual([]);
    expect(a.reply.split("\n")[0]).toMatch(/报告中没有这一年的数字/);
    expect(a.reply).toContain("报告未直接给出2023年数字；按2024年308 人（第3行）、较上年增加117 人（第3行）推算为 191 人（推算）。");
  });

  it.each(["云溪 2023年 专任教师 推算", "云溪 2023年专任教师是多少？算一下"])("%s: 191（推算）as the answer, with how", (q) => {
    const a = engine().ask(q);
    expect(a.reply.split("\n")[0]).toBe("云溪市 2023年 专任教师：191 人（推算）");
    expect(a.reply).toContain("算法：按2024年308 人（第3行）、较上年增加117 人（第3行）推算。");
    // Never a printed fact: nothing to cite as if the report said it.
    expect(a.facts).toEqual([]);
  });

  it("in English on request: 191 (derived)", () => {
    expect(engine().ask("Yunxi 2023 full-time teachers calculate").reply).toMatch(/^Yunxi 2023 Full-time teachers \(专任教师\): 191 人 \(derived\)/);
  });

  it("only the year right before: 2022 is not two changes away", () => {
    expect(engine().ask("云溪 2022年 专任教师 推算").reply).not.toMatch(/191|推算为/);
  });

  it("a printed figure is the answer even when the question says 算一下", () => {
    const a = engine().ask("云溪 2024年 毕业生人数 算一下");
    expect(a.facts.map((f) => f.value)).toEqual([1332]);
    expect(a.reply).not.toMatch(/推算|计算/);
  });
});

describe("a share of two printed figures", () => {
  it("on request: 803/1332 = 60.3%（计算，报告未直接给出）", () => {
    const a = engine().ask("云溪 2024 升学人数占毕业生人数的比例 算一下");
    expect(a.reply.split("\n")[0]).toBe("云溪市 2024年 升学人数/毕业生人数：60.3%（计算，报告未直接给出）");
    expect(a.reply).toContain("803 人（第3行）÷ 1332 人（第7行）");
    expect(a.facts).toEqual([]);
  });

  it("asked plainly: not printed, the computed share offered as a note", () => {
    const a = engine().ask("云溪 2024 升学人数占毕业生人数的比例");
    expect(a.reply.split("\n")[0]).toMatch(/报告中没有找到/);
    expect(a.reply).toContain("计算为 60.3%（计算，报告未直接给出）");
  });

  it("a rate the report does not print is not computed from words that do not name both parts", () => {
    expect(engine().ask("云溪 升学率 算一下").reply).not.toMatch(/60\.3/);
  });
});

describe("what asks to compute", () => {
  it.each([
    ["推算一下2023年", true],
    ["算一下", true],
    ["calculate it", true],
    // 计算机 is a computer, not a request.
    ["新购计算机多少台", false],
    ["2023年专任教师", false],
  ])("%s → %s", (q, yes) => {
    expect(asksToDerive(q)).toBe(yes);
  });
});

describe("asked as a follow-up of the answer that offered it", () => {
  const contextOf = (q: string) => {
    const u = engine().ask(q).understood;
    return { entities: u.entities, years: u.years, indicator: u.indicator, intent: u.intent, ...(u.asked ? { asked: u.asked } : {}) };
  };

  it.each([
    ["云溪 2023年 专任教师", "推算一下", "云溪市 2023年 专任教师：191 人（推算）"],
    ["云溪 2023年 专任教师", "calculate it", "云溪市 2023年 专任教师：191 人（推算）"],
    ["云溪 2024 升学人数占毕业生人数的比例", "算一下", "云溪市 2024年 升学人数/毕业生人数：60.3%（计算，报告未直接给出）"],
  ])("%s, then %s", (first, then, reply) => {
    expect(engine().ask(then, contextOf(first)).reply.split("\n")[0]).toBe(reply);
  });
});
