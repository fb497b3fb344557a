import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it, vi } from "vitest";
import { findSoffice, readOldWord } from "../../../src/ingest/read/doc.js";
import { readDocx } from "../../../src/ingest/read/docx.js";
import { readReport } from "../../../src/ingest/read/index.js";
import { ingestReport } from "../../../src/ingest/report.js";
import { readFailure } from "./fails.js";

const fixtures = join(import.meta.dirname, "..", "..", "fixtures", "reports");
const W =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"';

/** A .docx as Word writes one: style ids that are numbers, names that say what they are. */
function docx(body: string, styles = "", numbering?: string): Uint8Array {
  return zipSync({
    ...(numbering ? { "word/numbering.xml": strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}>${numbering}</w:numbering>`) } : {}),
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    "word/document.xml": strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`),
    "word/styles.xml": strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>${styles}</w:styles>`),
  });
}
const p = (text: string, style?: string) => `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ""}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const tc = (text: string, pr = "") => `<w:tc><w:tcPr>${pr}</w:tcPr>${p(text)}</w:tc>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join("")}</w:tr>`;
const WORD_STYLES =
  '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="a"><w:name w:val="Normal"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="10"><w:name w:val="toc 1"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="30"><w:name w:val="我的标题"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>';

describe("readDocx: paragraphs and headings from the XML", () => {
  it("marks headings by their style's name or outline level, never by a style id", () => {
    const text = readDocx(docx(p("某某市职业技术学校2023年职业教育质量年度报告", "1") + p("一、学校概况", "2") + p("（一）办学规模", "30") + p("学校现有在校生3256人。", "a"), WORD_STYLES), "x.docx");
    expect(text.split("\n").filter((l) => l !== "")).toEqual(["# 某某市职业技术学校2023年职业教育质量年度报告", "## 一、学校概况", "### （一）办学规模", "学校现有在校生3256人。"]);
  });

  it("leaves out the table of contents, deleted text and the fallback copy of a text box", () => {
    const body =
      p("一、学校概况\t1", "10") +
      '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent>' +
      p("目录") +
      p("二、人才培养 5") +
      "</w:sdtContent></w:sdt>" +
      "<w:p><w:r><w:t>在校生</w:t></w:r><w:del><w:r><w:delText>3000</w:delText></w:r></w:del><w:ins><w:r><w:t>3256</w:t></w:r></w:ins><w:r><w:t>人。</w:t></w:r></w:p>" +
      '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>' +
      p("封面标题") +
      "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>" +
      p("封面标题") +
      "</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>";
    const lines = readDocx(docx(body, WORD_STYLES), "x.docx")
      .split("\n")
      .filter((l) => l !== "");
    expect(lines).toEqual(["在校生3256人。", "封面标题"]);
  });

  it("keeps a tab inside running text from looking like a table row", () => {
    const text = readDocx(docx("<w:p><w:r><w:t>指标</w:t><w:tab/><w:t>说明</w:t></w:r></w:p>"), "x.docx");
    expect(text).toBe("指标 说明");
  });
});

describe("readDocx: Word's automatic numbering", () => {
  // Headings numbered by their styles (一、 then （一）), as Chinese reports set them; a list of
  // legal numbers (1.1); a table whose 序号 column Word numbers by itself.
  const numbering =
    '<w:abstractNum w:abstractNumId="0">' +
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>' +
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>' +
    "</w:abstractNum>" +
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>' +
    '<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl></w:abstractNum>' +
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>' +
    '<w:num w:numId="3"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>';
  const styles =
    '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>' +
    '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>';
  const numbered = (text: string, numId: string, ilvl: number) => `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;

  it("puts the numbers Word draws back in front of the headings, deeper levels starting again", () => {
    const body = p("学校概况", "1") + p("办学规模", "2") + p("办学条件", "2") + p("人才培养", "1") + p("立德树人", "2");
    expect(
      readDocx(docx(body, styles, numbering), "x.docx")
        .split("\n")
        .filter((l) => l !== ""),
    ).toEqual(["# 一、学校概况", "## （一）办学规模", "## （二）办学条件", "# 二、人才培养", "## （一）立德树人"]);
  });

  it("shows legal numbering in digits under a Chinese-numbered level, from a start override", () => {
    const body = numbered("服务贡献", "3", 0) + numbered("服务行业企业", "3", 1) + numbered("服务地方发展", "3", 1);
    expect(
      readDocx(docx(body, "", numbering), "x.docx")
        .split("\n")
        .filter((l) => l !== ""),
    ).toEqual(["三. 服务贡献", "3.1 服务行业企业", "3.2 服务地方发展"]);
  });

  it("numbers the cells of an auto-numbered 序号 column", () => {
    const cell = (text: string) => `<w:tc>${numbered(text, "2", 0)}</w:tc>`;
    const table = `<w:tbl>${tr(tc("序号"), tc("指标"), tc("2023年"))}${tr(cell(""), tc("在校生数"), tc("3256"))}${tr(cell(""), tc("专任教师数"), tc("195"))}</w:tbl>`;
    expect(readDocx(docx(table, "", numbering), "x.docx").split("\n")).toEqual(["序号\t指标\t2023年", "1\t在校生数\t3256", "2\t专任教师数\t195"]);
  });
});

describe("readDocx: the document's own tables", () => {
  it("writes each row as one tab-separated line, a merged cell once at its top-left", () => {
    const table =
      "<w:tbl>" +
      tr(tc("类别"), tc("项目"), tc("2022年"), tc("2023年")) +
      tr(tc("技能", '<w:vMerge w:val="restart"/>'), tc("技能大赛获奖项数"), tc("12"), tc("18")) +
      tr(tc("", "<w:vMerge/>"), tc("职业技能等级证书人次"), tc("865"), tc("940")) +
      tr(tc("备注：数据截至2023年8月31日", '<w:gridSpan w:val="4"/>')) +
      "</w:tbl>";
    const lines = readDocx(docx(p("表2 学生发展情况") + table), "x.docx").split("\n");
    expect(lines).toEqual(["表2 学生发展情况", "", "类别\t项目\t2022年\t2023年", "技能\t技能大赛获奖项数\t12\t18", "\t职业技能等级证书人次\t865\t940", "备注：数据截至2023年8月31日\t"]);
  });

  it("flattens a two-row header whose top cells span columns into one header (`2022年 · 人数`)", () => {
    const table =
      "<w:tbl>" +
      tr(tc("去向", '<w:vMerge w:val="restart"/>'), tc("2022年", '<w:gridSpan w:val="2"/>'), tc("2023年", '<w:gridSpan w:val="2"/>')) +
      tr(tc("", "<w:vMerge/>"), tc("人数"), tc("占比"), tc("人数"), tc("占比")) +
      tr(tc("升学"), tc("420"), tc("40.8%"), tc("512"), tc("46.1%")) +
      "</w:tbl>";
    const lines = readDocx(docx(table), "x.docx").split("\n");
    expect(lines).toEqual(["去向\t2022年 · 人数\t2022年 · 占比\t2023年 · 人数\t2023年 · 占比", "升学\t420\t40.8%\t512\t46.1%"]);
  });

  it("joins a cell's paragraphs as wrapped text", () => {
    const table = `<w:tbl>${tr(tc("指标"), tc("2023年"))}${tr(`<w:tc>${p("毕业生去向")}${p("落实人数")}</w:tc>`, tc("1089"))}</w:tbl>`;
    expect(readDocx(docx(table), "x.docx").split("\n")[1]).toBe("毕业生去向落实人数\t1089");
  });
});

describe("a Word report exported by LibreOffice (tests/fixtures/reports)", () => {
  const file = "deyang-school-2023.docx";
  const bytes = readFileSync(join(fixtures, file));
  const report = ingestReport(file, bytes);

  it("reads the title, the school as the entity and the report year", () => {
    expect(report.meta).toMatchObject({ entity: "德阳市职业技术学校", kind: "school", reportYear: 2023, dataYears: [2022, 2023] });
  });

  it("reads the indicator table: indicator, year, value, unit", () => {
    const fact = (indicator: string, year: number) => report.facts.find((f) => f.source === "table" && f.indicator === indicator && f.year === year);
    expect(fact("全日制在校生数", 2023)).toMatchObject({ value: 3256, unit: "人", table: "学校主要办学指标", tableNumber: "表1" });
    expect(fact("毕业生去向落实人数", 2022)).toMatchObject({ value: 1002, unit: "人" });
    expect(fact("“双师型”教师占专任教师比例", 2023)).toMatchObject({ value: 68.3, unit: "%" });
    expect(fact("技能 › 职业技能等级证书人次", 2023)?.value).toBe(940);
  });

  it("reads the columns of a two-row header with their year", () => {
    const f = report.facts.find((x) => x.indicator === "升学" && x.year === 2023 && /人数/.test(x.column));
    expect(f?.value).toBe(512);
  });

  it("cites a figure on the line of the rebuilt text that prints it", () => {
    const { text } = readReport(bytes, file);
    const f = report.facts.find((x) => x.indicator === "全日制在校生数" && x.year === 2023)!;
    expect(text.split("\n")[f.line - 1]).toBe("全日制在校生数\t人\t3012\t3256");
  });

  it("reads the paragraphs' figures too", () => {
    expect(report.passages.some((x) => x.text.includes("全日制在校生3256人"))).toBe(true);
    expect(report.sections.map((s) => s.title)).toEqual(expect.arrayContaining(["学校概况", "办学规模", "学生发展"]));
  });
});

describe("Word files that cannot be read", () => {
  const fails = readFailure;

  it("says a damaged .docx is damaged", () => {
    expect(fails(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), "broken.docx")).toMatch(/damaged/);
    expect(fails(zipSync({ "a.txt": strToU8("x") }), "other.docx")).toMatch(/not a Word document/);
    expect(fails(zipSync({ "word/document.xml": strToU8("<w:document><w:body>") }), "cut.docx")).toMatch(/damaged/);
  });

  it("says an old binary .doc needs converting, and how, when LibreOffice is not installed", () => {
    vi.stubEnv("PATH", "");
    try {
      const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
      expect(fails(ole, "old.doc")).toMatch(/old\.doc.*\(\.doc\).*LibreOffice is not installed.*convert-to docx/);
      // Named .docx but an old .doc inside: what the bytes are decides.
      expect(fails(ole, "renamed.docx")).toMatch(/old binary Word file/);
      expect(fails(ole, "report.wps")).toMatch(/WPS document/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("an old binary Word report (.doc, tests/fixtures/reports)", () => {
  const soffice = findSoffice();
  it.skipIf(!soffice)("is converted by LibreOffice and read like a .docx, tables included", () => {
    const file = "mianyang-school-2023.doc";
    const report = ingestReport(file, readFileSync(join(fixtures, file)));
    expect(report.meta.entity).toBe("绵阳市职业技术学校");
    expect(report.facts.find((f) => f.indicator === "全日制在校生数" && f.year === 2023)).toMatchObject({ value: 2631, unit: "人" });
  });

  it("without LibreOffice, names the file and says how to convert it", () => {
    expect(() => readOldWord(new Uint8Array([0xd0, 0xcf]), "x.doc", null)).toThrow(/x\.doc: this is an old binary Word file.*save it as \.docx/);
  });
});

describe("a Word report whose cases are headings (tests/fixtures/office/cases-under-headings.docx)", () => {
  const file = "cases-under-headings.docx";
  const report = ingestReport(file, readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "office", file)));
  const cases = report.passages.filter((p) => p.kind === "case");

  it("makes each case heading its own case, with its number and title, in every form", () => {
    expect(cases.map((c) => [c.caseLabel, c.title])).toEqual([
      ["案例1", "订单班里走出的数控能手"],
      ["案例2", "“村播”课堂带火山货"],
      ["案例3", "校企共建新能源汽车实训中心"],
      ["【案例】", "夜校里的老年智能手机课"],
      ["典型案例 1", "技能大师工作室带徒传艺"],
      ["典型案例 2", "茶艺专业助力乡村振兴"],
    ]);
    expect(report.warnings.filter((w) => /case/.test(w.message))).toEqual([]);
  });

  it("gives each case its own paragraphs only, and ends it at the next chapter heading", () => {
    expect(cases[0].text).toBe("案例1 订单班里走出的数控能手\n学校与本地机床企业共建订单班，2024年订单班学生86人，企业导师每周驻校授课两天。\n毕业生全部进入合作企业，岗位适应期由半年缩短到两个月。");
    expect(cases[1].text).not.toContain("订单班");
    expect(cases[5].text).not.toContain("实训设备更新");
    expect(cases[4].sectionPath).toEqual(["服务贡献"]);
  });
});
