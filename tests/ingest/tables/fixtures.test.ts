/**
 * One real snippet per layout and quirk (tests/fixtures/tables/<report>-<first line>-<quirk>.txt).
 * Fixtures are padded so that every line number below is the report's own raw line.
 */
import { describe, expect, it } from "vitest";
import { factOf, readFixture, REPORTS, tableAt } from "./helpers.js";

describe("layout A (乐山: one row per line, tab-separated)", () => {
  it("keeps a table together across a blank line inside it and reads units from the indicator (表1, 302–313)", () => {
    const { tables, facts, skipped } = readFixture("leshan-300-blank-line-inside.txt", REPORTS.leshan);
    expect(tables).toHaveLength(1);
    const t = tables[0];
    expect(t).toMatchObject({ id: "leshan-2024.txt#302", number: "表1", title: "全市中职学校规模一览表", standard: null, startLine: 302, endLine: 313, layout: "tab-rows", transposed: false });
    expect(t.header).toEqual(["序号", "指标", "2023", "2024"]);
    expect(t.rows.map((r) => r.line)).toEqual([305, 306, 308, 309, 310, 311, 312, 313]);
    expect(factOf(facts, "中职学校数", "2024")).toMatchObject({ value: 19, unit: "所", year: 2024, line: 305 });
    expect(factOf(facts, "生均教学仪器设备值", "2023")).toMatchObject({ value: 7368.82, unit: "元", year: 2023, line: 311, raw: "7368.82" });
    expect(factOf(facts, "生均校园占地面积", "2023")).toMatchObject({ value: 43.1, raw: "43.10", unit: "平方米" });
    expect(skipped).toEqual([]);
  });

  it("strips <sup> footnote marks and reads the unit in full-width parentheses (表6)", () => {
    const { tables, facts } = readFixture("leshan-451-sup-footnote-units.txt", REPORTS.leshan);
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ number: "表6", startLine: 451, endLine: 459 });
    expect(factOf(facts, "升学率", "2024")).toMatchObject({ value: 81.72, unit: "%", year: 2024, line: 457 });
    expect(factOf(facts, "就业率", "2023")).toMatchObject({ value: 29.76, unit: "%", line: 459 });
  });

  it("puts rows under their bold group heading and skips the ---- separator (表11, 表12)", () => {
    const { tables, facts } = readFixture("leshan-833-group-rows-separator.txt", REPORTS.leshan);
    expect(tables.map((t) => [t.number, t.startLine, t.endLine, t.rows.length])).toEqual([
      ["表11", 834, 853, 12],
      ["表12", 855, 866, 6],
    ]);
    const t11 = tables[0];
    expect(t11.header).toEqual(["名次", "课程名称", "申报单位"]);
    expect(t11.rows[0].path).toEqual(["主题：职业技能（45门推荐名单）", "创业基础"]);
    expect(t11.rows.at(-1)).toMatchObject({ line: 852, path: ["主题：非遗传承（27门推荐名单）", "古镇特色文化的小学美术绘美浸润"] });
    // The label is the first cell that is not a 名次 number; 名次 itself is a fact.
    expect(factOf(facts, "主题：职业技能（45门推荐名单） › 创业基础", "申报单位")).toMatchObject({ value: "乐山职业技术学院", line: 838 });
    expect(factOf(facts, "主题：职业技能（45门推荐名单） › 创业基础", "名次")).toMatchObject({ value: 1, line: 838 });
    expect(facts.some((f) => /^-+$/.test(f.raw) || /主题/.test(f.raw))).toBe(false);
  });

  it("reads a table whose first header cell is empty; a % in the cell beats the label's unit (表13)", () => {
    const { tables, facts } = readFixture("leshan-1013-empty-header-cell.txt", REPORTS.leshan);
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ number: "表13", startLine: 1013, endLine: 1023 });
    expect(tables[0].header).toEqual(["", "人数", "比例"]);
    expect(factOf(facts, "校内专任教师数 › 其中：专业教师数", "比例")).toMatchObject({ value: 50.8, unit: "%", raw: "50.8%" });
    expect(factOf(facts, "校内专任教师数 › 其中：专业教师数", "人数")).toMatchObject({ value: 959, unit: "人" });
    expect(factOf(facts, "校内专任教师数", "比例")).toMatchObject({ value: null, raw: "—", unit: null });
    expect(factOf(facts, "生师比", "人数")).toMatchObject({ value: 17.1, unit: "%", raw: "17.1%" });
  });

  it("shifts the two misaligned rows back under the header and keeps blank 2023 cells missing (教学资源表)", () => {
    const { tables, facts } = readFixture("leshan-1168-misaligned-rows.txt", REPORTS.leshan);
    expect(tables).toHaveLength(1);
    const t = tables[0];
    expect(t).toMatchObject({ number: "表2", title: "教学资源表", standard: "教学资源表", startLine: 1170, endLine: 1221, transposed: false });
    expect(t.rows).toHaveLength(45);
    const r1205 = t.rows.find((r) => r.line === 1205);
    expect(r1205?.cells.map((c) => c.text)).toEqual(["", "接入国家智慧教育平台数", "门", "0", "0"]);
    expect(r1205?.path).toEqual(["在线精品课程数", "校级数量", "接入国家智慧教育平台数"]);
    expect(t.rows.find((r) => r.line === 1212)?.path).toEqual(["虚拟仿真实训基地数", "校级数量", "接入国家智慧教育平台数"]);
    expect(factOf(facts, "“双师型”教师比例", "2023年")).toMatchObject({ value: null, raw: "", line: 1178, year: 2023 });
    expect(factOf(facts, "“双师型”教师比例", "2024年")).toMatchObject({ value: 50.66, unit: "%", line: 1178 });
    expect(factOf(facts, "教学计划内课程总数 › 学时", "2024年")).toMatchObject({ value: 461990, unit: "学时", line: 1184 });
    // 生师比's unit cell is ":", which names no unit.
    expect(factOf(facts, "生师比", "2024年")).toMatchObject({ value: 17.06, unit: null });
  });

  it("continues the 大事记 across repeated headers and joins the cut cell back to its row", () => {
    const { tables } = readFixture("leshan-1293-page-break-repeated-header.txt", REPORTS.leshan);
    expect(tables).toHaveLength(1);
    const t = tables[0];
    expect(t).toMatchObject({ number: null, title: "大事记列表", startLine: 1294, endLine: 1317 });
    expect(t.rows).toHaveLength(16);
    expect(t.rows.map((r) => r.cells[0].text)).toEqual(Array.from({ length: 16 }, (_, k) => String(k + 1)));
    const row7 = t.rows[6];
    expect(row7.line).toBe(1303);
    expect(row7.cells[3].text).toMatch(/3个“最佳组织奖”、4个一等奖/);
    expect(row7.path).toEqual(["乐山市职业学校教师技能大赛举行"]);
  });

  it("skips table-of-contents blocks (表目录, 图目录, 案例目录) without making tables", () => {
    const { tables, skipped } = readFixture("leshan-127-toc-blocks.txt", REPORTS.leshan);
    expect(tables).toEqual([]);
    expect(skipped.map((s) => [s.startLine, s.endLine])).toEqual([
      [130, 145],
      [149, 182],
      [186, 213],
    ]);
    expect(skipped.every((s) => /contents/.test(s.reason))).toBe(true);
  });

  it("reads the untitled publication table with a link cell (18–19)", () => {
    const { tables, facts } = readFixture("leshan-16-untitled-link-table.txt", REPORTS.leshan);
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ title: null, number: null, startLine: 18, endLine: 19 });
    expect(factOf(facts, "乐山市教育局", "发布网址").value).toBe("https://lssjyj.leshan.gov.cn/sjyj/jyyw/202501/0c744b6121e94a5ba2c08fdb89104852.shtml");
  });
});

describe("layout B (docx: one cell per line)", () => {
  it("reads transposed tables with a diagonal header and wrapped header cells (吕梁 表1-1…表2-1)", () => {
    const { tables, facts } = readFixture("lvliang-14-transposed-diagonal.txt", REPORTS.lvliang);
    expect(tables.map((t) => [t.number, t.startLine, t.endLine, t.rows.length, t.transposed])).toEqual([
      ["表1-1", 16, 43, 2, true],
      ["表1-2", 48, 65, 2, true],
      ["表1-3", 72, 108, 2, true],
      ["表2-1", 123, 140, 1, true],
    ]);
    expect(tables[0].header).toEqual(["年度", "中职学校在校人数", "普通高中在校人数", "普通高中招生人数", "中职学校招生人数", "普职招生比例"]);
    expect(tables[0].rows.map((r) => r.path)).toEqual([["2021年"], ["2022年"]]);
    expect(tables[2].header[4]).toBe("专任教师");
    expect(factOf(facts, "中职学校招生人数", "2022年")).toMatchObject({ value: 11077, year: 2022, line: 42, tableNumber: "表1-1" });
    expect(factOf(facts, "普职招生比例", "2021年")).toMatchObject({ value: "2.7:1", year: 2021, line: 36 });
    expect(factOf(facts, "生均纸质图书", "2022年")).toMatchObject({ value: 36, unit: "册", raw: "36册", line: 65 });
    expect(factOf(facts, "“双师型”教师比例", "2022年")).toMatchObject({ value: 28.8, unit: "%", line: 104 });
    // 表2-1 has neither a label column nor a year: its headers are the indicators.
    expect(factOf(facts, "在校生满意度", "在校生满意度")).toMatchObject({ value: 90.2, unit: "%", year: null, line: 133, tableNumber: "表2-1" });
  });

  it("reads jiangmen 表1-1 (school years as rows, a 单位 column) and stops 表1-2 before the paragraph glued to it", () => {
    const { tables, facts } = readFixture("jiangmen-1-transposed-school-years.txt", REPORTS.jiangmen);
    expect(tables.map((t) => [t.number, t.startLine, t.endLine])).toEqual([
      ["表1-1", 6, 34],
      ["表1-2", 41, 104],
    ]);
    expect(tables[0].transposed).toBe(true);
    expect(tables[0].rows.map((r) => r.path)).toEqual([["2022—2023学年"], ["2023-2024学年"]]);
    expect(factOf(facts, "省级重点中职学校", "2023-2024学年")).toMatchObject({ value: 10, unit: "所", year: 2024, line: 33 });
    expect(factOf(facts, "省级重点中职学校", "2022—2023学年")).toMatchObject({ value: 9, year: 2023, line: 23 });
    expect(factOf(facts, "电子与信息大类", "占比")).toMatchObject({ value: 16.7, unit: "%", year: 2024, line: 48 });
    expect(tables[1].rows).toHaveLength(15);
  });

  it("reads a table without 序号, dated by its title (遂宁 表1)", () => {
    const { tables, facts } = readFixture("suining-42-no-seq-title-year.txt", REPORTS.suining);
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ number: "表1", title: "2024学年学校各专业在校生分年级规模表", startLine: 42, endLine: 125 });
    expect(tables[0].rows).toHaveLength(13);
    expect(factOf(facts, "幼儿保育", "合计（人）")).toMatchObject({ value: 805, unit: "人", year: 2024, line: 95 });
    expect(factOf(facts, "作物生产技术", "二年级（人）")).toMatchObject({ value: 0, line: 117 });
  });

  it("flattens a two-level header into year · measure columns (遂宁 表8)", () => {
    const { tables, facts } = readFixture("suining-1253-two-level-header.txt", REPORTS.suining);
    expect(tables).toHaveLength(1);
    expect(tables[0].header).toEqual(["资助项目", "2023学年 · 人数（人）", "2023学年 · 金额（万元）", "2024学年 · 人数（人）", "2024学年 · 金额（万元）"]);
    expect(tables[0]).toMatchObject({ startLine: 1256, endLine: 1289 });
    expect(factOf(facts, "国家助学金", "2024学年 · 金额（万元）")).toMatchObject({ value: 124.14, unit: "万元", year: 2024, line: 1271 });
    expect(factOf(facts, "社会资助金", "2023学年 · 人数（人）")).toMatchObject({ value: null, raw: "——", year: 2023, line: 1286 });
  });

  it("keeps what it can of the corrupted 表7 and warns for each broken row, by line", () => {
    const { tables, warnings } = readFixture("suining-980-corrupted-rows.txt", REPORTS.suining);
    expect(tables).toHaveLength(1);
    const t = tables[0];
    expect(t).toMatchObject({ number: "表7", startLine: 980, endLine: 1237 });
    expect(t.rows).toHaveLength(54);
    expect(t.rows.filter((r) => /^\d+$/.test(r.cells[0].text)).map((r) => Number(r.cells[0].text))).toEqual([
      ...Array.from({ length: 35 }, (_, k) => k + 1),
      ...Array.from({ length: 7 }, (_, k) => k + 44),
      52,
      53,
    ]);
    const byLine = (n: number) => t.rows.find((r) => r.line === n)?.cells.map((c) => c.text);
    expect(byLine(1181)).toEqual(["", "张蓉", "遂宁市2024年度优秀教育教学经验文章评选（学科论文）", "市级三等奖"]);
    expect(byLine(1187)).toEqual(["", "", "", "市级三等奖"]);
    expect(byLine(1234)).toEqual(["53", "", "遂宁市2024年度优秀教育教学经验文章评选（依法治教）", "市级三等奖"]);
    expect(byLine(1237)).toEqual(["", "", "四川省2024年职业教育典型案例评审", ""]);
    expect(warnings.map((w) => w.line)).toEqual([1173, 1175, 1177, 1179, 1181, 1184, 1187, 1188, 1225, 1234, 1237]);
    expect(warnings.every((w) => w.report === REPORTS.suining && w.message.includes(`line ${w.line}`) && w.message.includes("表7"))).toBe(true);
  });

  it("ends a table at a figure caption glued to its last cell (遂宁 表5 / 图43)", () => {
    const { tables } = readFixture("suining-785-caption-after-last-cell.txt", REPORTS.suining);
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ number: "表5", startLine: 785, endLine: 910 });
    expect(tables[0].rows).toHaveLength(19);
  });

  it("joins a row split by a footnote and a blank line, and reads 学时 continuation rows (遂宁 教学资源表, truncated)", () => {
    const { tables, facts } = readFixture("suining-1532-footnote-in-cell-truncated.txt", REPORTS.suining);
    expect(tables).toHaveLength(1);
    const t = tables[0];
    expect(t).toMatchObject({ standard: "教学资源表", startLine: 1532, endLine: 1586 });
    const row = t.rows.find((r) => r.line === 1563);
    expect(row?.cells.map((c) => [c.text, c.line])).toEqual([
      ["4", 1563],
      ["专业群数量*", 1564],
      ["个", 1566],
      ["0", 1567],
      ["0", 1568],
    ]);
    expect(factOf(facts, "教学计划内课程总数 › 学时", "2024年")).toMatchObject({ value: 41418, unit: "学时", line: 1586 });
    expect(factOf(facts, "生师比", "2024年")).toMatchObject({ value: 15.71, unit: null, line: 1543 });
    expect(factOf(facts, "“双师型”教师比例", "2023年")).toMatchObject({ value: null, raw: "-", line: 1548 });
  });

  it("reads a title that looks like a cell and a 备注 column that is always empty (璧山 表1)", () => {
    const { tables, facts } = readFixture("bishan-53-title-as-cell.txt", REPORTS.bishan);
    expect(tables).toHaveLength(1);
    const t = tables[0];
    expect(t).toMatchObject({ number: "表1", title: "人才培养质量计分卡", standard: "人才培养质量计分卡", startLine: 56, endLine: 134 });
    expect(t.rows.map((r) => r.line)).toEqual(Array.from({ length: 12 }, (_, k) => 64 + 6 * k));
    expect(factOf(facts, "毕业生人数", "2024年")).toMatchObject({ value: 1234, unit: "人", line: 67 });
    expect(factOf(facts, "毕业生人数", "备注")).toMatchObject({ value: null, year: null, line: 68 });
    expect(factOf(facts, "月收入", "2024年").value).toBe(4000);
  });

  it("reads 表3's diagonal header with a blank line inside; 占比 takes the year before it", () => {
    const { tables, facts } = readFixture("bishan-597-diagonal-share-columns.txt", REPORTS.bishan);
    expect(tables).toHaveLength(1);
    const t = tables[0];
    expect(t).toMatchObject({ number: "表3", title: "毕业生服务三次产业情况", startLine: 597, endLine: 644 });
    expect(t.header.slice(1)).toEqual(["2022", "占比（%）", "2023", "占比（%）", "2024", "占比（%）", "备注"]);
    expect(t.rows.map((r) => r.path)).toEqual([["面向第一产业"], ["面向第二产业"], ["面向第三产业"], ["合计"]]);
    expect(factOf(facts, "面向第二产业", "2024")).toMatchObject({ value: 201, year: 2024, line: 624 });
    expect(factOf(facts, "面向第三产业", "2022").value).toBe(355);
    expect(factOf(facts, "面向第三产业", "2023")).toMatchObject({ value: 276, line: 631 });
    expect(factOf(facts, "面向第三产业", "2024")).toMatchObject({ value: 327, line: 633 });
    expect(factOf(facts, "面向第二产业", "占比（%）", 621)).toMatchObject({ value: 41.42, unit: "%", year: 2022 });
    expect(factOf(facts, "面向第一产业", "占比（%）", 616)).toMatchObject({ value: null, raw: "/", year: 2024 });
    expect(factOf(facts, "合计", "占比（%）", 643)).toMatchObject({ value: null, raw: "" });
  });

  it("reads a header cell with a blank line inside and keeps blank survey values missing (璧山 满意度调查表)", () => {
    const { tables, facts } = readFixture("bishan-708-header-cell-blank-line.txt", REPORTS.bishan);
    expect(tables).toHaveLength(1);
    const t = tables[0];
    expect(t.header).toEqual(["序号", "指标", "单位", "2024年", "调查人次", "调查方式", "备注"]);
    expect(t.rows.map((r) => r.line)).toEqual(Array.from({ length: 12 }, (_, k) => 722 + 8 * k));
    expect(factOf(facts, "在校生满意度", "2024年")).toMatchObject({ value: null, line: 725 });
    expect(factOf(facts, "毕业生满意度 › 其中：应届毕业生满意度", "调查人次")).toMatchObject({ value: 843, unit: "人次", year: null, line: 782 });
    expect(factOf(facts, "家长满意度", "调查方式").value).toBe("电话问卷、网上调查");
  });

  it("recognises the untitled 满意度调查表 glued to the 计分卡's last cell (江门 498/499)", () => {
    const { tables, facts } = readFixture("jiangmen-421-untitled-satisfaction.txt", REPORTS.jiangmen);
    expect(tables.map((t) => [t.number, t.title, t.standard, t.startLine, t.endLine, t.rows.length])).toEqual([
      ["表1", "人才培养质量计分卡", "人才培养质量计分卡", 421, 498, 12],
      [null, "满意度调查表", "满意度调查表", 499, 593, 11],
    ]);
    expect(tableAt(tables, 499).rows.map((r) => r.line)).toEqual(Array.from({ length: 11 }, (_, k) => 507 + 8 * k));
    expect(factOf(facts, "在校生满意度", "2023年")).toMatchObject({ value: 85.59, unit: "%", line: 510, table: "满意度调查表", tableNumber: null });
    expect(factOf(facts, "在校生满意度", "调查人数")).toMatchObject({ value: 15615, year: null, line: 512 });
    expect(factOf(facts, "毕业三年晋升比例", "2024年")).toMatchObject({ value: 32.7, raw: "32.70", line: 498 });
  });

  it("joins a row with a blank line after its 序号 (江门 落实政策表 1136/1137)", () => {
    const { tables, facts } = readFixture("jiangmen-1122-blank-line-inside-row.txt", REPORTS.jiangmen);
    expect(tables).toHaveLength(1);
    const row = tables[0].rows.find((r) => r.line === 1136);
    expect(row?.cells.map((c) => c.text)).toEqual(["2", "年生均财政拨款水平", "元", "5000", "5119.64"]);
    expect(factOf(facts, "年生均财政拨款水平", "2024年")).toMatchObject({ value: 5119.64, unit: "元", line: 1141 });
  });

  it("reads a value behind a bookmark and keeps a truncated last row with a warning (江门 教学资源表)", () => {
    const { tables, facts, warnings } = readFixture("jiangmen-603-bookmark-in-value.txt", REPORTS.jiangmen);
    expect(tables).toHaveLength(1);
    expect(factOf(facts, "生师比", "2024年")).toMatchObject({ value: "17.6:1", raw: "17.6:1", unit: null, line: 616 });
    expect(factOf(facts, "生师比", "2023年")).toMatchObject({ value: "17.2:1", line: 615 });
    expect(warnings.map((w) => w.line)).toEqual([618]);
  });
});

describe("blocks that are not tables", () => {
  it("skips chart residue (吕梁 282–289)", () => {
    const { tables, skipped } = readFixture("lvliang-280-chart-residue.txt", REPORTS.lvliang);
    expect(tables).toEqual([]);
    expect(skipped.map((s) => [s.startLine, s.endLine])).toEqual([
      [282, 283],
      [288, 289],
    ]);
  });

  it("skips a list of table titles with no data under them (璧山 1371–1373)", () => {
    const { tables, skipped } = readFixture("bishan-1368-title-only-list.txt", REPORTS.bishan);
    expect(tables).toEqual([]);
    expect(skipped).toEqual([{ startLine: 1371, endLine: 1373, reason: "list of table titles with no data" }]);
  });
});
