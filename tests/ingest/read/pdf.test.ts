import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pageStarts, readReport } from "../../../src/ingest/read/index.js";
import { layoutPdf, textLayerProblem } from "../../../src/ingest/read/pdf.js";
import { extractPdf, type PdfItem, type PdfPage, type PdfRule } from "../../../src/ingest/read/pdfExtract.js";
import { ingestReport } from "../../../src/ingest/report.js";
import { readFailure } from "./fails.js";

const fixtures = join(import.meta.dirname, "..", "..", "fixtures", "reports");

// Synthetic pages: an A4 page, 10.5 pt body text between x = 57 and x = 538 (CJK glyphs 10.5 pt wide).
const A4 = { width: 595, height: 842 };
const item = (str: string, x: number, y: number, size = 10.5): PdfItem => ({ str, x, y, w: [...str].length * size, size });
const page = (items: PdfItem[], rules: PdfRule[] = []): PdfPage => ({ ...A4, items, rules });
const FULL = "学".repeat(46); // 483 pt: a line that runs to the right margin
const text = (pages: PdfPage[]) =>
  layoutPdf(pages)
    .text.split("\n")
    .filter((l) => l !== "");

describe("layoutPdf: page furniture", () => {
  // Each page: a line running to the right margin and the short line that ends its paragraph.
  const body = (n: number) => [item(FULL, 57, 600), item(`第${n}页的正文。`, 57, 585)];
  it("drops a header repeated at the top of most pages and the page numbers at the bottom", () => {
    const pages = [1, 2, 3].map((n) => page([item("某某学校2023年质量年度报告", 200, 790), ...body(n), item(`第 ${n} 页`, 280, 40)]));
    expect(text(pages)).toEqual([1, 2, 3].map((n) => `${FULL}第${n}页的正文。`));
  });

  it("drops a line printed at the same place on most pages, even mid-page, but keeps repeated words elsewhere", () => {
    const pages = [1, 2, 3].map((n) => page([item("内部资料", 260, 420), ...body(n), ...(n === 2 ? [item("内部资料", 57, 300)] : [])]));
    expect(text(pages)).toEqual([`${FULL}第1页的正文。`, `${FULL}第2页的正文。`, "内部资料", `${FULL}第3页的正文。`]);
  });

  it("keeps a line in the margin band that does not repeat, and the header's words where they are body text", () => {
    const pages = [
      page([item("某某学校2023年质量年度报告", 200, 790), item("某某学校2023年质量年度报告", 57, 600)]),
      page([item("某某学校2023年质量年度报告", 200, 790), item("仅此一页的页眉注记", 200, 800)]),
    ];
    expect(text(pages)).toEqual(["某某学校2023年质量年度报告", "仅此一页的页眉注记"]);
  });
});

describe("layoutPdf: headings and paragraphs", () => {
  it("makes lines set larger than the body headings, the largest size level 1, and joins a wrapped heading", () => {
    const pages = [
      page([
        item("某某市职业技术学校2023年职业教育质量", 67, 716, 24),
        item("年度报告", 250, 688, 24),
        item("一、学校概况", 57, 650, 18),
        item(FULL, 57, 620),
        item("学校现有在校生3256人。", 57, 605),
      ]),
    ];
    expect(text(pages)).toEqual(["# 某某市职业技术学校2023年职业教育质量年度报告", "## 一、学校概况", `${FULL}学校现有在校生3256人。`]);
  });

  it("joins a line that runs to the right margin with the next, unless the next is indented", () => {
    const pages = [page([item(FULL, 57, 700), item("续完。", 57, 685), item(FULL, 57, 655), item("新的一段缩进两字。", 78, 640), item(FULL, 57, 625)])];
    expect(text(pages)).toEqual([`${FULL}续完。`, FULL, "新的一段缩进两字。", FULL]);
  });

  it("continues a paragraph across a page break", () => {
    const pages = [page([item("短行。", 57, 720), item(FULL, 57, 100)]), page([item("下一页接着写完。", 57, 760)])];
    expect(text(pages)).toEqual(["短行。", `${FULL}下一页接着写完。`]);
  });

  it("puts a space between Latin words set apart by position only, never between Chinese pieces", () => {
    const pages = [page([item("Python", 57, 700), { ...item("3.10", 57 + 6 * 10.5 + 3, 700) }, item("课程", 140, 700), item("设置", 161, 700)])];
    expect(text(pages)).toEqual(["Python 3.10课程设置"]);
  });

  it("reads letter-spaced Chinese (a title set to a width) as one phrase, not as cells", () => {
    const pages = [page([item("目", 250, 700), item("录", 320, 700), item("学", 57, 650), item("校", 100, 650), item("概", 143, 650), item("况", 186, 650)])];
    expect(text(pages)).toEqual(["目录", "学校概况"]);
  });

  it("turns a wide gap inside a line into a tab, so a table without rules comes out as rows", () => {
    const pages = [page([item("指标", 57, 700), item("2022年", 250, 700), item("2023年", 400, 700), item("在校生数", 57, 680), item("3012", 250, 680), item("3256", 400, 680)])];
    expect(text(pages)).toEqual(["指标\t2022年\t2023年", "在校生数\t3012\t3256"]);
  });
});

describe("layoutPdf: tables without rules", () => {
  it("reads a 三线表 whose label wraps around its row's figures, and a table after it, as two tables", () => {
    const items = [
      item("专业大类", 94, 404),
      item("专业数", 217, 404),
      item("在校生数", 333, 404),
      item("装备制造大类", 59, 371),
      item("3", 175, 371),
      item("842", 296, 371),
      // A label on two lines, set around the row's figures (vertically centred).
      item("电子与信息大类（含计", 59, 337),
      item("3", 175, 330),
      item("1096", 296, 330),
      item("算机应用、电子商务）", 59, 322),
      item("交通运输大类", 57, 290),
      item("2", 172, 290),
      item("693", 293, 290),
      item("表5 校企合作情况", 57, 258),
      item("项目", 184, 227),
      item("2022年", 363, 227),
      item("2023年", 467, 227),
      item("校企合作企业数（个）", 59, 193),
      item("38", 334, 193),
      item("41", 435, 193),
    ];
    expect(text([page(items)])).toEqual([
      "专业大类\t专业数\t在校生数",
      "装备制造大类\t3\t842",
      "电子与信息大类（含计算机应用、电子商务）\t3\t1096",
      "交通运输大类\t2\t693",
      "表5校企合作情况",
      "项目\t2022年\t2023年",
      "校企合作企业数（个）\t38\t41",
    ]);
  });
});

describe("textLayerProblem", () => {
  it("accepts Chinese text, and refuses none or text of unmapped glyphs", () => {
    expect(textLayerProblem([page([item("学校现有在校生3256人。", 57, 700)])])).toBeNull();
    expect(textLayerProblem([page([]), page([item(" ", 57, 700)])])).toMatch(/no text layer \(2 pages/);
    expect(textLayerProblem([page([item("\ue001\ue002\ue003\ue004学", 57, 700)])])).toMatch(/cannot be decoded/);
  });
});

describe("layoutPdf: ruled tables", () => {
  // A 3 × 3 grid, x = 60 | 160 | 260 | 360, y = 700 | 670 | 640 | 610 (top to bottom).
  const xs = [60, 160, 260, 360];
  const ys = [700, 670, 640, 610];
  const h = (y: number, x0 = 60, x1 = 360): PdfRule => ({ x0, x1, y0: y, y1: y });
  const v = (x: number, y0 = 610, y1 = 700): PdfRule => ({ x0: x, x1: x, y0, y1 });
  const grid = [...ys.map((y) => h(y)), ...xs.map((x) => v(x))];

  it("reads each cell, joining a wrapped cell's lines", () => {
    const items = [
      item("指标", 65, 685),
      item("2022年", 165, 685),
      item("2023年", 265, 685),
      item("毕业生去", 65, 660),
      item("向落实人数", 65, 646),
      item("1002", 165, 652),
      item("1089", 265, 652),
      item("专任教师数", 65, 622),
      item("186", 165, 622),
      item("195", 265, 622),
    ];
    expect(text([page(items, grid)])).toEqual(["指标\t2022年\t2023年", "毕业生去向落实人数\t1002\t1089", "专任教师数\t186\t195"]);
  });

  it("reads a cell with no rule below it as spanning down, and one with no rule on its right as spanning across", () => {
    // Four rows down to y = 580. No rule at y = 640 under the first column (技能 spans two rows);
    // no vertical rules inside the last row (a note across the table).
    const rules = [h(700), h(670), h(640, 160, 360), h(610), h(580), v(60, 580, 700), v(160, 610, 700), v(260, 610, 700), v(360, 580, 700)];
    const items = [
      item("类别", 65, 685),
      item("项目", 165, 685),
      item("2023年", 265, 685),
      item("技能", 65, 637),
      item("获奖", 165, 652),
      item("18", 265, 652),
      item("证书", 165, 622),
      item("940", 265, 622),
      item("备注：截至2023年8月", 65, 592),
    ];
    expect(text([page(items, rules)])).toEqual(["类别\t项目\t2023年", "技能\t获奖\t18", "\t证书\t940", "备注：截至2023年8月\t"]);
  });

  it("reads an open-sided table (no left or right border) to its first and last columns", () => {
    // The rules across end where the missing outer borders would stand.
    const open = [...ys.map((y) => h(y)), v(160), v(260)];
    const items = [item("指标", 65, 685), item("2023年", 165, 685), item("2024年", 265, 685), item("专任教师数", 65, 652), item("171", 165, 652), item("183", 265, 652)];
    expect(text([page(items, open)])).toEqual(["指标\t2023年\t2024年", "专任教师数\t171\t183"]);
  });

  it("reads a 三线表 by its rules and its text: columns where the figures line up, a 年度 label over the year columns, several rows under one rule", () => {
    const three = [h(720), h(680), h(620)];
    const items = [
      // 年度 spans the two year columns, set across the gap between them; 指标 is centred on both header rows.
      item("年度", 249.5, 705),
      item("指标", 65, 695),
      item("2023年", 185, 686),
      item("2024年", 285, 686),
      item("全日制在校生数", 65, 662),
      item("2860", 190, 662),
      item("3015", 290, 662),
      item("专任教师数", 65, 640),
      item("171", 195, 640),
      item("183", 295, 640),
    ];
    expect(text([page(items, three)])).toEqual(["指标\t年度 · 2023年\t年度 · 2024年", "全日制在校生数\t2860\t3015", "专任教师数\t171\t183"]);
  });

  it("reads a table ruled only between rows, a header cell spanning two rows where the rule under it is missing", () => {
    const rows = [h(720), h(690, 160, 360), h(660), h(630), h(600)];
    const items = [
      item("2024年", 233.75, 700),
      item("去向", 65, 682),
      item("人数", 200, 670),
      item("占比", 300, 670),
      item("升学", 65, 640),
      item("431", 195, 640),
      item("45.5%", 285, 640),
      item("就业", 65, 610),
      item("496", 195, 610),
      item("52.3%", 285, 610),
    ];
    expect(text([page(items, rows)])).toEqual(["去向\t2024年 · 人数\t2024年 · 占比", "升学\t431\t45.5%", "就业\t496\t52.3%"]);
  });

  it("keeps two 三线表 of the same width apart when a caption or running text stands between them", () => {
    const rules = [h(760), h(740), h(700), h(640), h(620), h(580)];
    const items = [
      item("指标", 65, 747),
      item("2024年", 265, 747),
      item("在校生数", 65, 726),
      item("3015", 265, 726),
      item("专任教师数", 65, 708),
      item("183", 265, 708),
      item("表2 校企合作情况", 150, 670),
      item("项目", 65, 627),
      item("2024年", 265, 627),
      item("合作企业数", 65, 605),
      item("39", 265, 605),
      item("订单班学生数", 65, 588),
      item("262", 265, 588),
    ];
    expect(text([page(items, rules)])).toEqual(["指标\t2024年", "在校生数\t3015", "专任教师数\t183", "表2校企合作情况", "项目\t2024年", "合作企业数\t39", "订单班学生数\t262"]);
  });

  it("joins a table continued at the top of the next page and drops its repeated header", () => {
    const top = [item("指标", 65, 685), item("2023年", 165, 685), item("在校生数", 65, 655), item("3256", 165, 655)];
    const two = [h(700, 60, 260), h(670, 60, 260), h(640, 60, 260), v(60, 640, 700), v(160, 640, 700), v(260, 640, 700)];
    const next = [item("指标", 65, 685), item("2023年", 165, 685), item("专任教师数", 65, 655), item("195", 165, 655)];
    const lines = text([page(top, two), page(next, two)]);
    expect(lines).toEqual(["指标\t2023年", "在校生数\t3256", "专任教师数\t195"]);
  });

  it("puts a row the page break cut in two back together: figures on one page, the rest of its label on the next", () => {
    const top = [item("指标", 65, 685), item("2023年", 165, 685), item("“双师型”教师占专", 65, 655), item("68.3%", 165, 655)];
    const two = [h(700, 60, 260), h(670, 60, 260), h(640, 60, 260), v(60, 640, 700), v(160, 640, 700), v(260, 640, 700)];
    const rest = [item("任教师比例", 65, 685), item("专任教师数", 65, 655), item("195", 165, 655)];
    expect(text([page(top, two), page(rest, two)])).toEqual(["指标\t2023年", "“双师型”教师占专任教师比例\t68.3%", "专任教师数\t195"]);
  });
});

describe("a PDF report exported by LibreOffice (tests/fixtures/reports)", () => {
  const file = "deyang-school-2023.pdf";
  const bytes = readFileSync(join(fixtures, file));
  const read = readReport(bytes, file);
  const lines = read.text.split("\n");
  const report = ingestReport(file, bytes);

  it("rebuilds headings, paragraphs and tables, without the page header and page numbers", () => {
    expect(lines[0]).toBe("# 德阳市职业技术学校2023年职业教育质量年度报告");
    expect(lines).toContain("## 一、学校概况");
    expect(lines).toContain("2023年，学校全日制在校生3256人，较上年增加244人；毕业生1110人，其中升学512人，毕业生去向落实率98.1%。");
    expect(lines).toContain("毕业生去向落实人数\t人\t1002\t1089");
    expect(lines.filter((l) => l.includes("2023年质量年度报告"))).toEqual([]);
    expect(lines.filter((l) => /^第\s*\d+\s*页$/.test(l))).toEqual([]);
  });

  it("says on which page each line stands", () => {
    expect(read.pages).toHaveLength(lines.length);
    expect(read.pages![0]).toBe(1);
    expect(read.pages![lines.indexOf("## 二、毕业生去向")]).toBe(4);
  });

  it("keeps in the report's metadata where each page starts, so a cited line maps to its page", () => {
    const starts = report.meta.pageStarts!;
    expect(starts).toHaveLength(4);
    const heading = lines.indexOf("## 二、毕业生去向") + 1;
    expect(starts[3]).toBeLessThanOrEqual(heading);
    expect(starts[2]).toBeLessThan(starts[3]);
    const fact = report.facts.find((f) => f.indicator === "升学" && f.year === 2023 && /人数/.test(f.column))!;
    expect(starts.filter((s) => s <= fact.line)).toHaveLength(4);
  });

  it("reads the indicator table, the row cut by the page break included", () => {
    const table = report.tables.find((t) => t.number === "表1")!;
    expect(table.rows.map((r) => r.path.join(" › "))).toEqual(["全日制在校生数", "毕业生去向落实人数", "专任教师数", "“双师型”教师占专任教师比例", "生均教学仪器设备值"]);
    const fact = (indicator: string, year: number) => report.facts.find((f) => f.source === "table" && f.indicator === indicator && f.year === year);
    expect(fact("全日制在校生数", 2023)).toMatchObject({ value: 3256, unit: "人" });
    // The last row stands on the next page, and its facts say so.
    expect(fact("生均教学仪器设备值", 2022)).toMatchObject({ value: 8520, unit: "元", page: 3 });
    expect(fact("全日制在校生数", 2023)?.page).toBe(2);
    expect(fact("“双师型”教师占专任教师比例", 2022)).toMatchObject({ value: 62.5, unit: "%" });
  });

  it("reads the tables without rules: a 三线表 with a wrapped label, and a borderless one", () => {
    const other = ingestReport("mianyang-school-2023.pdf", readFileSync(join(fixtures, "mianyang-school-2023.pdf")));
    const f = (indicator: string, column: RegExp) => other.facts.find((x) => x.source === "table" && x.indicator === indicator && column.test(x.column));
    expect(f("电子与信息大类（含计算机应用、电子商务）", /在校生数/)?.value).toBe(1096);
    expect(f("交通运输大类", /专业数/)?.value).toBe(2);
    expect(other.facts.find((x) => x.indicator === "校企合作企业数" && x.year === 2023)).toMatchObject({ value: 41, unit: "个" });
  });

  it("reads the entity and year from the title", () => {
    expect(report.meta).toMatchObject({ entity: "德阳市职业技术学校", reportYear: 2023 });
  });
});

/** A PDF file from its objects (1 is the catalog), with a correct cross-reference table. */
function minimalPdf(objects: string[]): Uint8Array {
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  pdf += `trailer\n<</Size ${objects.length + 1} /Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}
const onePage = (content: string, resources = "") => [
  "<</Type /Catalog /Pages 2 0 R>>",
  "<</Type /Pages /Kids [3 0 R] /Count 1>>",
  `<</Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources <<${resources}>> /Contents 4 0 R>>`,
  `<</Length ${content.length}>>\nstream\n${content}\nendstream`,
];

describe("a PDF whose Chinese font is not embedded", () => {
  it("reads its text through pdfjs's CMaps (STSong-Light, UniGB-UCS2-H), as Chinese government PDFs print it", () => {
    const ucs2 = [..."德阳市职业技术学校在校生3256人"].map((c) => c.codePointAt(0)!.toString(16).padStart(4, "0")).join("");
    const pdf = minimalPdf([
      ...onePage(`BT /F1 12 Tf 50 150 Td <${ucs2}> Tj ET`, "/Font <</F1 5 0 R>>"),
      "<</Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R]>>",
      "<</Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo <</Registry (Adobe) /Ordering (GB1) /Supplement 2>> /FontDescriptor 7 0 R>>",
      "<</Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80>>",
    ]);
    expect(readReport(pdf, "song.pdf").text).toBe("德阳市职业技术学校在校生3256人");
  });
});

describe("a table whose borders are filled thin rectangles under a transformation, as Word exports them", () => {
  it("finds the rules through the transformation matrix and reads the cells", () => {
    const ucs2 = (t: string) => [...t].map((c) => c.codePointAt(0)!.toString(16).padStart(4, "0")).join("");
    const cell = (t: string, x: number, y: number) => `BT /F1 10 Tf ${x} ${y} Td <${ucs2(t)}> Tj ET`;
    // Drawn in a coordinate system moved by (20, 20): rules 0.5 pt thick, as filled rectangles.
    // The columns are so close (10 pt between 在校生数 and 3256) that only the rules tell them apart.
    const rules = ["0 0 120 0.5 re f", "0 30 120 0.5 re f", "0 60 120 0.5 re f", "0 0 0.5 60.5 re f", "50 0 0.5 60.5 re f", "120 0 0.5 60.5 re f"].join("\n");
    const content = `q 1 0 0 1 20 20 cm\n${rules}\n${cell("指标", 3, 40)}\n${cell("2023年", 53, 40)}\n${cell("在校生数", 3, 10)}\n${cell("3256", 53, 10)}\nQ`;
    const pdf = minimalPdf([
      ...onePage(content, "/Font <</F1 5 0 R>>"),
      "<</Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R]>>",
      "<</Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo <</Registry (Adobe) /Ordering (GB1) /Supplement 2>> /FontDescriptor 7 0 R>>",
      "<</Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80>>",
    ]);
    const page = extractPdf(pdf, "word.pdf")[0];
    expect(page.rules.some((r) => Math.abs(r.y0 - 20.25) < 0.5 && Math.abs(r.x0 - 20) < 0.5 && Math.abs(r.x1 - 140) < 0.5)).toBe(true);
    expect(readReport(pdf, "word.pdf").text).toBe("指标\t2023年\n在校生数\t3256");
  });
});

describe("pageStarts", () => {
  it("gives each page's first line, a page without lines starting where the next does", () => {
    expect(pageStarts([1, 1, 2, 2, 2, 4])).toEqual([1, 3, 6, 6]);
    expect(pageStarts([])).toEqual([]);
  });
});

describe("PDFs that cannot be read", () => {
  const fails = readFailure;

  it("gives up on a PDF that takes too long, and reads the next one with a fresh worker", () => {
    const bytes = readFileSync(join(fixtures, "deyang-school-2023.pdf"));
    expect(() => extractPdf(bytes, "slow.pdf", 1)).toThrow(/slow\.pdf: reading the PDF took longer than 0 s/);
    expect(extractPdf(bytes, "again.pdf")).toHaveLength(4);
  });

  it("says an encrypted PDF is password-protected", () => {
    expect(fails(readFileSync(join(fixtures, "deyang-school-2023-encrypted.pdf")), "locked.pdf")).toMatch(/password-protected/);
  });

  it("says a damaged PDF is damaged", () => {
    expect(fails(new TextEncoder().encode("%PDF-1.7\n1 0 obj <<"), "cut.pdf")).toMatch(/damaged/);
  });

  it("says a PDF with no text layer needs OCR", () => {
    // One page that only paints a rectangle: what a scan's image-only page gives the text layer.
    const scan = minimalPdf(onePage("0 0 100 100 re f"));
    expect(fails(scan, "scan.pdf")).toMatch(/no text layer.*OCR/);
  });
});
