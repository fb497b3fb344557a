import { describe, expect, it } from "vitest";
import { linePassages } from "../../src/search/linePassages.js";
import type { Table } from "../../src/types.js";

// 乐山's 表16 as extracted (leshan-2024.txt 1106–1113), and a caption of 遂宁 (suining-2024.txt 695).
const table: Table = {
  id: "leshan-2024.txt#1106",
  report: "leshan-2024.txt",
  title: "乐山市参与国际竞赛获奖情况统计表",
  number: "表16",
  standard: null,
  header: ["序号", "项目", "获奖情况"],
  rows: [
    {
      line: 1109,
      path: ["中国—东盟护理技能大赛"],
      cells: [
        { text: "1", line: 1109 },
        { text: "中国—东盟护理技能大赛", line: 1109 },
        { text: "一等奖", line: 1109 },
      ],
    },
    {
      line: 1111,
      path: [""],
      cells: [
        { text: "3", line: 1111 },
        { text: "", line: 1111 },
        { text: "12", line: 1111 },
      ],
    },
  ],
  startLine: 1106,
  endLine: 1111,
  layout: "tab-rows",
  transposed: false,
};

describe("linePassages", () => {
  const sections = [
    { number: "四", title: "国际合作", level: 1, line: 1000 },
    { number: "（一）", title: "国际竞赛", level: 2, line: 1100 },
  ];
  const out = linePassages({
    report: "leshan-2024.txt",
    entity: "乐山市",
    sections,
    tables: [table],
    captions: [{ line: 1120, text: "图 40 护理技能大赛现场", sectionPath: ["国际合作", "国际竞赛"] }],
  });

  it("makes the table's title (with its column headers) a passage on the title's line", () => {
    const title = out.find((p) => p.id === "leshan-2024.txt:T:1106")!;
    expect(title).toMatchObject({ kind: "table", title: "表16 乐山市参与国际竞赛获奖情况统计表", text: "序号 项目 获奖情况", line: 1106, endLine: 1106 });
    expect(title.sectionPath).toEqual(["国际合作", "国际竞赛"]);
  });

  it("makes each row with words a passage titled by its table, citing the row's line", () => {
    const row = out.find((p) => p.id === "leshan-2024.txt:t:1109")!;
    expect(row).toMatchObject({ kind: "table", title: "表16 乐山市参与国际竞赛获奖情况统计表", text: "1 中国—东盟护理技能大赛 一等奖", line: 1109 });
    // A row of numbers only says nothing a search could match.
    expect(out.some((p) => p.line === 1111)).toBe(false);
  });

  it("makes a caption a passage titled by its section, its words counted once", () => {
    const caption = out.find((p) => p.kind === "caption")!;
    expect(caption).toMatchObject({ id: "leshan-2024.txt:f:1120", title: "国际竞赛", text: "图 40 护理技能大赛现场", line: 1120 });
  });
});
