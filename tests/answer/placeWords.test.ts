import { describe, expect, it } from "vitest";
import { tinyEngineFor } from "./tinyEngine.js";

/**
 * A word shaped like a place name that no gazetteer knows (羌彝区, 火星区), written beside a named
 * report, is part of the indicator asked for: a row that names it answers, and a row that does not
 * (the whole county's figure) is never given for it. A made-up report in the forms real ones print.
 */
const YUNLING = `云岭县中等职业教育质量年度报告（2024年）
一、学生情况
2024年，全县中职学校在校学生5120人，其中羌彝区“9+3”在校学生612人。
完成羌彝区“9+3”招生215人，全县中职招生1830人。
`;

const engine = tinyEngineFor({ "yunling-2024.txt": YUNLING });

const values = (q: string) =>
  engine()
    .ask(q)
    .facts.map((f) => f.value);

describe("a place-like word beside a report's name qualifies the indicator", () => {
  it.each([
    ["云岭羌彝区9+3在校学生多少人", 612],
    ["云岭 2024年完成羌彝区9+3招生多少人", 215],
    ["云岭 羌彝区 9+3 招生", 215],
  ])("%s → %d", (q, v) => {
    expect(values(q)).toEqual([v]);
  });

  it("the report's own figure still answers the plain question", () => {
    expect(values("云岭 在校学生多少人")).toEqual([5120]);
  });

  it("a part no row names gets no figure of the whole, and the reply names the word", () => {
    const a = engine().ask("云岭火星区在校学生多少人");
    expect(a.facts).toEqual([]);
    expect(a.reply).toContain("火星区");
  });
});
