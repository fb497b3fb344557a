import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import { BOM, toCsv } from "../../src/export/csv.js";
import { exportFileName } from "../../src/export/fileName.js";
import { tableGrid, type TableGrid } from "../../src/export/tableGrid.js";
import { sheetName, toXlsx } from "../../src/export/xlsx.js";
import type { Engine, Table } from "../../src/types.js";

// Real tables of the committed index: 遂宁 表3 教学资源表 (continuation rows "— | — | 学时" and
// eight rows all labelled 接入国家智慧教育平台数*), 乐山 表13 (percentages printed in the cells).
let engine: Engine;
let resources: Table;
let teachers: Table;
beforeAll(async () => {
  engine = await createEngine({ rebuild: "never" });
  resources = engine.table("教学资源表", "遂宁")!;
  teachers = engine.table("表13", "乐山")!;
});

const row = (g: TableGrid, label: string) => g.rows.find((r) => r.cells.includes(label));

describe("the grid of a table", () => {
  it("names a continuation row after its parent, with its own words in brackets", () => {
    const g = tableGrid(resources, "遂宁市职业技术学校");
    expect(g.columns.map((c) => c.header)).toEqual(["序号", "指标", "单位", "2023年", "2024年"]);
    expect(row(g, "教学计划内课程总数（学时）")?.cells).toEqual([null, "教学计划内课程总数（学时）", "学时", 24624, 41418]);
    expect(g.rows.some((r) => r.cells[1] === "" || r.cells[1] === null)).toBe(false);
  });

  it("tells rows that print the same label apart by their parent", () => {
    const g = tableGrid(resources, "遂宁市职业技术学校");
    const labels = g.rows.map((r) => String(r.cells[1]));
    const platform = labels.filter((l) => l.startsWith("接入国家智慧教育平台数"));
    expect(platform.length).toBeGreaterThanOrEqual(6);
    expect(new Set(platform).size).toBe(platform.length);
    expect(platform).toContain("接入国家智慧教育平台数*（专业教学资源库数 › 其中：国家级数量）");
    expect(platform).toContain("接入国家智慧教育平台数*（在线精品课程数 › 其中：国家级数量）");
    // A label printed once stays as printed.
    expect(labels).toContain("专业数量*");
  });

  it("writes numbers as numbers, a blank cell (-, ——) as empty, and moves a unit printed in the cells to the header", () => {
    const g = tableGrid(resources, "遂宁市职业技术学校");
    expect(row(g, "生师比*")?.cells.slice(2)).toEqual([null, 17.29, 15.71]);
    const t = tableGrid(teachers, "乐山市");
    expect(t.columns.map((c) => c.header)).toEqual(["指标", "人数", "比例（%）"]);
    expect(t.columns[2]!.unit).toBe("%");
    expect(row(t, "其中：专业教师数（人）")?.cells).toEqual(["其中：专业教师数（人）", 959, 50.8]);
    expect(row(t, "校内专任教师数（人）")?.cells).toEqual(["校内专任教师数（人）", 1886, null]);
  });

  it("keeps a cell whose unit differs from its column's as printed, not as a bare number", () => {
    // 乐山 表13 prints 生师比 as "17.1%" in the 人数 column, whose other cells are plain counts.
    const t = tableGrid(teachers, "乐山市");
    expect(row(t, "生师比（人）")?.cells[1]).toBe("17.1%");
  });

  it("says where the table is", () => {
    const g = tableGrid(resources, "遂宁市职业技术学校");
    expect(g.title).toBe("表3 教学资源表");
    expect(g.source).toBe(`遂宁市职业技术学校 · suining-2024.txt 第${resources.startLine}–${resources.endLine}行`);
  });
});

describe("CSV", () => {
  it("is UTF-8 with a byte-order mark, CRLF lines, a header row and one line per row", () => {
    const csv = toCsv(tableGrid(resources, "遂宁市职业技术学校"));
    expect(csv.startsWith(BOM)).toBe(true);
    expect(Buffer.from(csv, "utf8").subarray(0, 3).toString("hex")).toBe("efbbbf");
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe("序号,指标,单位,2023年,2024年");
    expect(lines).toContain(",教学计划内课程总数（学时）,学时,24624,41418");
    expect(lines.length - 2).toBe(resources.rows.length); // header + rows + the final empty string
  });

  it("quotes commas, quotes and line breaks, and defuses formulas", () => {
    const grid: TableGrid = {
      title: "t",
      source: "s",
      columns: [
        { header: "名称", kind: "label", unit: null },
        { header: "值", kind: "value", unit: null },
      ],
      rows: [
        { cells: ['A,"B"', 1.5], depth: 0, line: 1 },
        { cells: ["=SUM(A1)", -3], depth: 0, line: 2 },
        { cells: ["两\n行", null], depth: 0, line: 3 },
      ],
    };
    expect(toCsv(grid)).toBe(`${BOM}名称,值\r\n"A,""B""",1.5\r\n"'=SUM(A1)",-3\r\n"两\n行",\r\n`);
  });
});

describe("Excel", () => {
  it("holds number cells, the header bold and frozen, and the source under the data", async () => {
    const buf = await toXlsx(tableGrid(teachers, "乐山市"));
    expect(buf.subarray(0, 2).toString()).toBe("PK");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buf as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe("表13 乐山市中职学校教师队伍情况统计表");
    expect(sheet.getRow(1).values).toEqual([undefined, "指标", "人数", "比例（%）"]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const second = sheet.getRow(3);
    expect(second.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(second.getCell(2).value).toBe(959);
    expect(second.getCell(3).value).toBe(50.8);
    const last = sheet.getRow(sheet.rowCount).getCell(1).value;
    expect(String(last)).toMatch(/^出处：乐山市 · leshan-2024.txt 第1013–\d+行$/);
  });

  it("sheet and file names drop the characters Excel and file systems refuse", () => {
    expect(sheetName("表1 a/b:c*d?[e]")).toBe("表1 a b c d  e");
    expect(sheetName("很".repeat(40))).toHaveLength(31);
    expect(exportFileName({ id: "x#1", number: "表1", title: "人才培养质量计分卡", standard: null }, "遂宁市职业技术学校", "csv")).toBe("遂宁市职业技术学校-表1-人才培养质量计分卡.csv");
    expect(exportFileName({ id: "x#1", number: null, title: 'a/b "c"', standard: null }, "乐山市", "xlsx")).toBe("乐山市-a-b-c-.xlsx");
  });
});
