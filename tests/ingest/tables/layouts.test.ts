/**
 * Table layouts beyond the five corpus reports, on small reports written after published ones
 * (tests/fixtures/reports/): a flattened HTML table (one bare cell per line, blank cells as lone
 * spaces), cells separated by runs of spaces or single spaces under a header, the text of a PDF
 * (space-aligned columns, wrapped cells), Markdown pipe tables, and blocks of figures that cannot
 * be read, which must be reported with file and line.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { splitLines } from "../../../src/ingest/clean.js";
import { extractTables, tableFacts } from "../../../src/ingest/tables/index.js";
import { widthScore } from "../../../src/ingest/tables/lineCells.js";
import { splitFields } from "../../../src/ingest/tables/spaceRows.js";
import type { Table } from "../../../src/types.js";

const DIR = fileURLToPath(new URL("../../fixtures/reports/", import.meta.url));
const read = (name: string) => {
  const lines = splitLines(readFileSync(DIR + name, "utf8"));
  return { lines, ...extractTables(lines, name) };
};
const cells = (t: Table) => t.rows.map((r) => r.cells.map((c) => c.text));
const byNumber = (tables: Table[], n: string) => tables.find((t) => t.number === n)!;

describe("one bare cell per line (a flattened HTML table)", () => {
  const r = read("guangyuan-zhigao-2017.txt");

  it("finds the header's width from the cells: labels on top, one kind of cell per column", () => {
    const t = byNumber(r.tables, "表1");
    expect(t).toMatchObject({ layout: "line-cells", title: "学校基本情况一览表", startLine: 11, endLine: 39 });
    expect(t.header).toEqual(["项目", "单位", "2016-2017学年", "2017-2018学年"]);
    expect(cells(t)[0]).toEqual(["占地面积", "亩", "210", "210"]);
    // A lone space is an empty cell: the row keeps its width, the figure stays under its year.
    expect(cells(t)[3]).toEqual(["其中：一年级", "人", "", "1302"]);
    expect(cells(t)).toHaveLength(6);
  });

  it("reads the facts with school-year columns as the year they end, an empty cell as missing", () => {
    const t = byNumber(r.tables, "表1");
    const facts = tableFacts(t, "广元市职业高级中学校", null);
    expect(facts.find((f) => f.line === 31)).toMatchObject({ indicator: "全日制在校生人数 › 其中：一年级", year: 2018, value: 1302, unit: "人" });
    expect(facts.find((f) => f.line === 30)).toMatchObject({ year: 2017, value: null });
  });

  it("reads a 序号 table, two blank cells in a row included", () => {
    const t = byNumber(r.tables, "表2");
    expect(t.header).toEqual(["序号", "专业", "毕业生人数", "就业人数", "就业率"]);
    expect(cells(t)).toEqual([
      ["1", "汽车运用与维修", "186", "181", "97.3%"],
      ["2", "计算机应用", "154", "149", "96.8%"],
      ["3", "电子商务", "98", "", ""],
      ["4", "学前教育", "212", "208", "98.1%"],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it("scores widths by column uniformity: the true width wins, a divisor mixes text and figures", () => {
    const c = (texts: string[]) => texts.map((t, k) => ({ parts: [t], line: k + 1 }));
    const flat = c(["指标", "2023年", "2024年", "在校生", "100", "120", "教师", "10", "12"]);
    expect(widthScore(flat, 3)).toBeGreaterThan(0.99);
    expect(widthScore(flat, 2)).toBeNull();
    expect(widthScore(flat, 4)).toBeNull(); // the header would hold a figure
  });

  const w = read("linwei-2023.txt");

  it("skips a 单位： line under the title, and reads an untitled table after a lead-in line", () => {
    expect(cells(byNumber(w.tables, "表1"))).toEqual([
      ["临渭区职业教育中心", "1260", "1385"],
      ["渭南工业技工学校", "840", ""],
      ["渭南华山职业中专", "515", "562"],
    ]);
    // The unit stated under the title is every figure's that has none of its own.
    expect(tableFacts(byNumber(w.tables, "表1"), "临渭区", null).find((f) => f.line === 16)).toMatchObject({ value: 1385, unit: "万元", year: 2023 });
    const untitled = w.tables.find((t) => t.startLine === 25)!;
    expect(untitled).toMatchObject({ layout: "line-cells", number: null, endLine: 40 });
    expect(untitled.header).toEqual(["学校", "在校生数", "招生数", "毕业生数"]);
  });

  it("reads the empty line before the text that follows as the last, empty cell", () => {
    expect(cells(byNumber(w.tables, "表4"))).toEqual([
      ["临渭区职业教育中心", "12"],
      ["渭南工业技工学校", "8"],
      ["渭南华山职业中专", ""],
    ]);
    expect(w.warnings).toEqual([]);
  });

  it("reads empty lines as empty cells, as LibreOffice's text export prints them", () => {
    const lines = ["表1 学校基本情况", "项目", "单位", "2016年", "2017年", "占地面积", "亩", "210", "210", "其中：一年级", "人", "", "1302", "专任教师", "人", "218", "226", "下文。"];
    const t = extractTables(lines, "x.txt").tables[0]!;
    expect(cells(t)).toEqual([
      ["占地面积", "亩", "210", "210"],
      ["其中：一年级", "人", "", "1302"],
      ["专任教师", "人", "218", "226"],
    ]);
  });

  it("reads a table as LibreOffice exports an HTML table to text (soffice --convert-to txt)", () => {
    const path = fileURLToPath(new URL("../../fixtures/tables/libreoffice-html-export-1-empty-cells.txt", import.meta.url));
    const t = extractTables(splitLines(readFileSync(path, "utf8")), "x.txt").tables[0]!;
    expect(t).toMatchObject({ number: "表1", startLine: 6, endLine: 26 });
    expect(cells(t)).toEqual([
      ["全日制在校生", "人", "2101", "2146"],
      ["其中：女生", "人", "", "1002"],
      ["毕业生", "人", "688", ""],
      ["巩固率", "%", "96.2", "97.1"],
    ]);
  });

  it("reads empty lines as row breaks when that is what fits", () => {
    const lines = ["表2 各校规模", "学校", "在校生", "", "甲校", "120", "", "乙校", "98", "", "丙校", "305", "", "下文。"];
    expect(cells(extractTables(lines, "x.txt").tables[0]!)).toEqual([
      ["甲校", "120"],
      ["乙校", "98"],
      ["丙校", "305"],
    ]);
  });

  it("says which cells were left over when the last row is short", () => {
    const lines = ["表5 各校专业数", "学校", "专业数", "甲校", "12", "乙校", "15", "丙校", "全区专业设置紧贴产业，结构持续优化，布局更趋合理。"];
    const res = extractTables(lines, "x.txt");
    expect(cells(res.tables[0]!)).toEqual([
      ["甲校", "12"],
      ["乙校", "15"],
    ]);
    expect(res.warnings).toEqual([expect.objectContaining({ report: "x.txt", line: 8 })]);
    expect(res.warnings[0]!.message).toContain("line 8");
  });
});

describe("cells separated by spaces under a header", () => {
  const r = read("guangyuan-zhigao-2018.txt");

  it("reads runs of spaces as cell breaks, single spaces inside a label kept", () => {
    const t = byNumber(r.tables, "表1");
    expect(t).toMatchObject({ layout: "space-aligned", title: "2018-2019学年各专业在校生规模", startLine: 10, endLine: 16 });
    expect(t.header).toEqual(["专业名称", "一年级", "二年级", "三年级", "合计"]);
    expect(cells(t)[2]).toEqual(["电子商务 (含跨境)", "186", "174", "0", "360"]);
    expect(cells(t)).toHaveLength(5);
  });

  it("reads a table with four spaces between cells and no alignment", () => {
    const t = byNumber(r.tables, "表2");
    expect(cells(t)).toEqual([
      ["专任教师数", "人", "226", "231"],
      ["双师型教师数", "人", "154", "162"],
      ["研究生学历教师数", "人", "18", "23"],
    ]);
    const f = tableFacts(t, "x", null).find((x) => x.line === 24 && x.year === 2019);
    expect(f).toMatchObject({ indicator: "双师型教师数", value: 162, unit: "人" });
  });

  it("goes on across a page break (page number, header repeated), titled by the caption above", () => {
    const t = r.tables.find((x) => x.startLine === 30)!;
    expect(t).toMatchObject({ number: null, title: "2018-2019学年学生资助情况统计表", endLine: 39 });
    expect(cells(t).map((row) => row[0])).toEqual(["国家助学金（人次）", "免学费（人）", "地方政府资助（人）"]);
    // A period column is the school year it ends.
    const f = tableFacts(t, "x", null).find((x) => x.line === 39 && x.column.startsWith("2018年9月"));
    expect(f).toMatchObject({ year: 2019, value: 146, unit: "人" });
    expect(r.warnings).toEqual([]);
  });

  it("goes on across a page's running header and footer", () => {
    const head = "岐山县职业技术教育中心2017年质量年度报告";
    const lines = [head, "", "表1 主要指标", "指标        2016年    2017年", "在校生数    2101      2146", "", "- 2 -", head, "", "专任教师    150       158", "", "下文说明。", head, head];
    const t = extractTables(lines, "x.txt").tables[0]!;
    expect(cells(t)).toEqual([
      ["在校生数", "2101", "2146"],
      ["专任教师", "150", "158"],
    ]);
  });

  it("reads single spaces as cell breaks when header and rows then agree in width", () => {
    const t = byNumber(read("linwei-2023.txt").tables, "表2");
    expect(t.header).toEqual(["序号", "项目", "一等奖", "二等奖", "三等奖"]);
    expect(cells(t)).toEqual([
      ["1", "汽车维修", "2", "3", "5"],
      ["2", "电子商务", "1", "2", "4"],
      ["3", "学前教育", "0", "1", "3"],
    ]);
  });

  it("measures positions in display columns, a Chinese character counting two", () => {
    expect(splitFields("指标    2023年").map((f) => [f.text, f.start])).toEqual([
      ["指标", 0],
      ["2023年", 8],
    ]);
    expect(splitFields("电子商务 98 102").map((f) => f.text)).toEqual(["电子商务", "98", "102"]);
    // A unit printed apart from its figure stays with it.
    expect(splitFields("就业率  97.3 %  96.8 %").map((f) => f.text)).toEqual(["就业率", "97.3%", "96.8%"]);
  });
});

describe("the text of a PDF: aligned columns, wrapped cells", () => {
  const r = read("qishan-zhijiao-2017.txt");

  it("joins a wrapped label to its row, and places a row without 序号 under the right columns", () => {
    const t = byNumber(r.tables, "表1");
    expect(t).toMatchObject({ standard: "人才培养质量计分卡", layout: "space-aligned", startLine: 14, endLine: 22 });
    expect(cells(t)).toEqual([
      ["1", "毕业生人数", "人", "688", "702"],
      ["2", "毕业生去向落实人数", "人", "651", "674"],
      ["", "其中：升学人数", "人", "212", "236"],
      ["3", "毕业生月收入", "元", "2650", "2830"],
      ["4", "双证书获取比例", "%", "91.2", "93.6"],
    ]);
    const facts = tableFacts(t, "岐山县职业技术教育中心", 2017);
    expect(facts.find((f) => f.line === 19 && f.year === 2017)).toMatchObject({ indicator: "毕业生去向落实人数 › 其中：升学人数", value: 236 });
  });

  it("joins a label whose figures stand on its last line (a PDF centres them)", () => {
    const t = byNumber(read("linwei-2023.txt").tables, "表3");
    expect(cells(t)[1]).toEqual(["2", "毕业生去向落实人数", "人", "1502", "1590"]);
    expect(cells(t)).toHaveLength(3);
  });

  it("keeps a table of contents out, and reads ratios as figures", () => {
    expect(r.tables.map((t) => t.number)).toEqual(["表1", "表2"]);
    expect(cells(byNumber(r.tables, "表2"))).toEqual([
      ["生均教学仪器设备值（元）", "6820", "7150"],
      ["生师比", "14.2:1", "13.6:1"],
    ]);
  });
});

describe("Markdown and pipe tables, and figures that cannot be read", () => {
  const r = read("ganzhou-2022.txt");

  it("reads pipe rows under their title, the rule under the header dropped", () => {
    const t = byNumber(r.tables, "表1");
    expect(t).toMatchObject({ layout: "pipe-rows", title: "全市中职学校规模", startLine: 12, endLine: 19 });
    expect(cells(t)[1]).toEqual(["2", "全日制在校生数", "人", "95410", "98620"]);
  });

  it("reads an untitled pipe table with years as rows", () => {
    const t = r.tables.find((x) => x.startLine === 25)!;
    expect(t.transposed).toBe(true);
    const f = tableFacts(t, "赣州市", null).find((x) => x.line === 28 && x.indicator.startsWith("生均校舍"));
    expect(f).toMatchObject({ year: 2022, value: 19.4 });
  });

  it("warns, with file and lines, about a block of figures no layout could read", () => {
    expect(r.warnings).toEqual([expect.objectContaining({ report: "ganzhou-2022.txt", line: 34 })]);
    expect(r.warnings[0]!.message).toContain("Lines 34–37");
  });

  it("takes a table of contents for none", () => {
    const toc = ["1.1 学校概况 3", "1.2 学生情况 5", "1.3 教师队伍 8", "2.1 立德树人 11", "2.2 在校体验 14"];
    expect(extractTables(["目录", ...toc, "", "正文。"], "x.txt").warnings).toEqual([]);
  });

  it("warns about a flattened table whose cells fit no header width", () => {
    const lines = ["表5 各校情况", "学校", "人数", "甲校", "12", "乙校", "丙校", "15", "16", "丁校", "", "下文。"];
    const res = extractTables(lines, "bad.txt");
    expect(res.tables).toEqual([]);
    expect(res.warnings.some((x) => x.report === "bad.txt" && x.line === 2 && x.message.includes("表5"))).toBe(true);
  });
});

describe("every corpus table, printed again in each layout, reads back the same", () => {
  // An independent oracle: the tables the tab layouts read from the five reports, re-printed the
  // way other converters print them. Text-only tables and cells with sentences are the known misses.
  const REPORT_FILES = ["leshan-2024.txt", "lvliang-2023.txt", "suining-2024.txt", "bishan-2024.txt", "jiangmen-2024.txt"];
  const CORPUS = fileURLToPath(new URL("../../../corpus/", import.meta.url));
  const dw = (s: string) => [...s].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const print: Record<string, (h: string[], rows: string[][]) => string[]> = {
    pipe: (h, rows) => [`| ${h.join(" | ")} |`, `|${h.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)],
    spaces: (h, rows) => {
      const widths = h.map((x, c) => Math.max(dw(x), ...rows.map((r) => dw(r[c] ?? ""))) + 3);
      const line = (r: string[]) =>
        r
          .map((x, c) => x + " ".repeat(widths[c]! - dw(x)))
          .join("")
          .trimEnd();
      return [line(h), ...rows.map(line)];
    },
    loneSpaces: (h, rows) => [...h, ...rows.flat()].map((x) => (x === "" ? " " : x)),
    emptyLines: (h, rows) => [...h, ...rows.flat()],
  };
  const tables = REPORT_FILES.flatMap((f) => extractTables(splitLines(readFileSync(CORPUS + f, "utf8")), f).tables).filter(
    (t) => !t.transposed && !t.header.some((x) => x === "" || x.includes(" · ")),
  );
  const squash = (x: unknown) => JSON.stringify(x).replace(/\s+/g, "");

  it.each(Object.keys(print))("%s", (layout) => {
    let same = 0;
    for (const t of tables) {
      const rows = cells(t).map((r) => r.map((c) => c.replace(/\|/g, "/")));
      const lines = ["前文说明，内容如下。", "", `表9 ${t.title ?? "数据"}`, ...print[layout]!(t.header, rows), "", "后文是一段很长的说明文字，用来结束表格。"];
      const got = extractTables(lines, "x.txt").tables[0];
      if (got && squash(got.header) === squash(t.header) && squash(cells(got)) === squash(rows)) same++;
    }
    expect(tables.length).toBe(50);
    expect(same).toBeGreaterThanOrEqual(layout === "pipe" ? 50 : 45);
  });
});

describe("table numbers in Chinese numerals", () => {
  it("reads 表一 as a title", () => {
    const lines = ["表一 学校基本情况", "指标    2022年    2023年", "在校生数    1200    1260", "教职工数    96    101", "", "下文说明。"];
    const t = extractTables(lines, "x.txt").tables[0]!;
    expect(t).toMatchObject({ number: "表一", title: "学校基本情况", startLine: 1 });
    expect(cells(t)).toEqual([
      ["在校生数", "1200", "1260"],
      ["教职工数", "96", "101"],
    ]);
  });
});

describe("years under a merged 年度 header cell", () => {
  it("reads `年度 · 2024年` (a Word or PDF header whose 年度 spans the year columns) as 2024", () => {
    const lines = ["表1 学校发展计分卡", "指标\t单位\t年度 · 2023年\t年度 · 2024年", "全日制在校生数\t人\t2860\t3015", "专任教师数\t人\t171\t183", "", "下文说明。"];
    const t = extractTables(lines, "x.txt").tables[0]!;
    const facts = tableFacts(t, "某校", null).filter((f) => f.indicator === "全日制在校生数");
    expect(facts.map((f) => [f.year, f.value])).toEqual([
      [2023, 2860],
      [2024, 3015],
    ]);
  });
});
