import { describe, expect, it } from "vitest";
import { tinyEngineFor } from "./tinyEngine.js";

/**
 * A row narrower than asked (省级认定“双师型”教师 for 双师型教师, 民办学校招生计划 for 招生计划) is never the
 * answer, but the not-found reply names it, so the user can ask for it. A made-up report.
 */
const QINGCHUAN = `青川县中等职业教育质量年度报告（2024年）
一、师资队伍
2024年，全县中职学校专任教师1120人，其中省级认定“双师型”教师348人。
二、招生
全县民办学校招生计划4600人，实际完成招生3315人。
三、技工教育
全县技工学校招生计划800人。
`;

const engine = tinyEngineFor({ "qingchuan-2024.txt": QINGCHUAN });

describe("a narrower row is named in the not-found reply, never given as the answer", () => {
  it("双师型教师: the provincially certified ones are named, without their number", () => {
    const a = engine().ask("青川 双师型教师多少人");
    expect(a.facts).toEqual([]);
    expect(a.reply).toContain("报告只给出更窄口径的数字");
    expect(a.reply).toContain("省级认定“双师型”教师");
    expect(a.reply.split("相关段落")[0]).not.toContain("348");
    // The counter after 多少 is not said back as part of the indicator.
    expect(a.reply).toContain("「双师型教师」");
  });

  it("asked with the row's qualifier, the row answers (认定 is a light verb)", () => {
    expect(
      engine()
        .ask("青川 省级双师型教师多少人")
        .facts.map((f) => f.value),
    ).toEqual([348]);
  });

  it("招生计划: the private schools' plan is named", () => {
    const a = engine().ask("青川 招生计划多少人");
    expect(a.facts).toEqual([]);
    expect(a.alternatives.map((x) => x.label).join(" ")).toContain("民办学校招生计划");
  });

  it.each(["青川 技工学校招生多少人", "青川 国家级双师型教师多少人", "青川 公办学校招生计划多少人"])(
    "a row that says something else (a plan for the intake, 省级 for 国家级, 民办 for 公办) is no narrower row: %s",
    (q) => {
      const a = engine().ask(q);
      expect(a.facts).toEqual([]);
      expect(a.reply).not.toContain("更窄");
    },
  );

  it("in English too", () => {
    const a = engine().ask("How many dual-qualified teachers does Qingchuan have?");
    expect(a.facts).toEqual([]);
    expect(a.reply).toContain("narrower");
  });
});
