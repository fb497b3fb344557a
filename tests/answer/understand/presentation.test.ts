import { describe, expect, it } from "vitest";
import { splitPresentation } from "../../../src/answer/understand/presentation.js";

/** [question, what is left once squeezed of spaces, wants] */
type Row = [string, string, "chart" | "export" | null];

const squeeze = (s: string) => s.replace(/\s+/g, " ").trim();

describe("words asking for a chart or a file are taken out of the question", () => {
  it.each<Row>([
    ["江门 月收入 2023 vs 2024 画个图表", "江门 月收入 2023 vs 2024", "chart"],
    ["画一个图表", "", "chart"],
    ["把乐山和江门2024年月收入做成柱状图", "乐山和江门2024年月收入", "chart"],
    ["哪个地区2024年升入本科人数最多，用图表展示", "哪个地区2024年升入本科人数最多，", "chart"],
    ["乐山 在校生 2023 2024 画图", "乐山 在校生 2023 2024", "chart"],
    ["乐山 在校生 变化 条形图", "乐山 在校生 变化", "chart"],
    ["Jiangmen monthly income 2023 vs 2024 as a bar chart", "Jiangmen monthly income 2023 vs 2024", "chart"],
    ["plot Leshan enrolment 2023 2024", "Leshan enrolment 2023 2024", "chart"],
    ["遂宁 计分卡 导出成Excel", "遂宁 计分卡", "export"],
    ["遂宁 计分卡 导出", "遂宁 计分卡", "export"],
    ["乐山 教学资源表 csv", "乐山 教学资源表", "export"],
    ["export the Suining score card to excel", "the Suining score card", "export"],
  ])("%s → %s (%s)", (q, rest, wants) => {
    const r = splitPresentation(q);
    expect(r.wants).toBe(wants);
    expect(squeeze(r.question)).toBe(rest);
  });

  it.each<string>(["遂宁 2024 升学人数", "遂宁 纸质图书 2024", "乐山 电子图书数", "江门 地图 案例", "乐山表6里2024年的升学率", "遂宁 图书馆", "把握机遇 的案例"])("%s is left as it is", (q) =>
    expect(splitPresentation(q)).toEqual({ question: q, wants: null }),
  );

  it("keeps every other character in place, so spans of the question still line up", () => {
    const q = "江门 月收入 2023 vs 2024 画个图表";
    expect(splitPresentation(q).question).toHaveLength(q.length);
  });
});
