/**
 * Whole-corpus tests: every table of the five reports, the standard-table counts of
 * shared/notes/corpus-inventory.md §3, row-start lines, spot facts, and invariants every fact keeps.
 */
import { describe, expect, it } from "vitest";
import { cleanText } from "../../../src/ingest/clean.js";
import { cellContent, isCellLine, splitTabRow } from "../../../src/ingest/tables/detect.js";
import { extractTables, tableFacts } from "../../../src/ingest/tables/index.js";
import type { Fact, Table } from "../../../src/types.js";
import { corpusLines, factOf, REPORTS } from "./helpers.js";

const loaded = Object.values(REPORTS).map((report) => {
  const lines = corpusLines(report);
  const res = extractTables(lines, report);
  const facts = res.tables.flatMap((t) => tableFacts(t, report, null));
  return { report, lines, ...res, facts };
});
const get = (report: string) => loaded.find((r) => r.report === report)!;
const standardTable = (report: string, name: string): Table => get(report).tables.find((t) => t.standard === name)!;
const factsOf = (t: Table): Fact[] => tableFacts(t, "E", null);

// [number, title, standard, rows, startLine, endLine] for every table, in file order.
const INVENTORY: Record<string, [string | null, string | null, string | null, number, number, number][]> = {
  "leshan-2024.txt": [
    [null, null, null, 1, 18, 19],
    ["表1", "全市中职学校规模一览表", null, 8, 302, 313],
    ["表2", "2024年四川省职业院校技能大赛教师教学能力比赛获奖情况一览表", null, 15, 350, 367],
    ["表3", "2024年四川省职业院校技能大赛班主任能力比赛获奖情况一览表", null, 6, 369, 377],
    ["表4", "2024年四川省职业院校技能大赛思想政治课程教学能力比赛获奖情况一览表", null, 4, 379, 385],
    ["表5", "四川省职业学校思想政治课程示范课一览表", null, 4, 395, 401],
    ["表6", "全市中职学生升学就业情况一览表", null, 6, 451, 459],
    ["表7", "乐山市第十五届中等职业学校“文轩杯”技能大赛团体奖和优秀组织奖获奖名单", null, 6, 475, 483],
    ["表8", "乐山终身教育工作2024年获奖名单", null, 4, 810, 816],
    ["表9", "2024年乐山市入选四川省“智慧助老”优质课程资源", null, 3, 818, 823],
    ["表10", "2024年乐山市入选四川省“智慧助老”优质工作案例", null, 5, 825, 832],
    ["表11", "2024年乐山市入选四川省“能者为师”特色课程名单", null, 12, 834, 853],
    ["表12", "2024年乐山市入选“能者为师”典型案例名单", null, 6, 855, 866],
    ["表13", "乐山市中职学校教师队伍情况统计表", null, 8, 1013, 1023],
    ["表14", "乐山市职业院校加入或组建成渝地区专业联盟一览表", null, 5, 1085, 1092],
    ["表15", "乐山市参与成渝地区双城经济圈竞赛获奖情况统计表", null, 2, 1094, 1098],
    ["表16", "乐山市参与国际竞赛获奖情况统计表", null, 2, 1106, 1110],
    ["表1", "人才培养质量计分卡", "人才培养质量计分卡", 12, 1152, 1168],
    ["表2", "教学资源表", "教学资源表", 45, 1170, 1221],
    ["表3", "服务贡献表", "服务贡献表", 18, 1223, 1245],
    ["表4", "国际影响表", "国际影响表", 14, 1247, 1265],
    ["表5", "落实政策表", "落实政策表", 21, 1267, 1292],
    [null, "大事记列表", null, 16, 1294, 1317],
  ],
  "lvliang-2023.txt": [
    ["表1-1", "2021年、2022年学生基本情况比较", null, 2, 16, 43],
    ["表1-2", "2021年、2022年设施设备情况对比", null, 2, 48, 65],
    ["表1-3", "2021年、2022年教师基本情况比较", null, 2, 72, 108],
    ["表2-1", "全市中职学校学生、家长满意度调查统计表", null, 1, 123, 140],
  ],
  "suining-2024.txt": [
    ["表1", "2024学年学校各专业在校生分年级规模表", null, 13, 42, 125],
    ["表2", "2023-2024学年学校办学基础条件一览表", null, 9, 168, 217],
    ["表3", "2024学年学生参加省级技能大赛获奖情况", null, 16, 278, 426],
    ["表4", "2024学年学生参加市级技能大赛获奖情况", null, 28, 430, 642],
    ["表5", "2024学年教师参加比赛获奖情况（部分）", null, 19, 785, 910],
    ["表6", "2024年学校课题研究开展情况", null, 5, 938, 976],
    ["表7", "2024年学校教师论文获奖情况", null, 54, 980, 1237],
    ["表8", "2023-2024学年学生资助情况表", null, 4, 1256, 1289],
    ["表1", "人才培养质量计分卡", "人才培养质量计分卡", 12, 1327, 1404],
    ["表2", "满意度调查表", "满意度调查表", 12, 1417, 1522],
    ["表3", "教学资源表", "教学资源表", 46, 1532, 1814],
    ["表4", "服务贡献表", "服务贡献表", 18, 1822, 1936],
    ["表5", "国际影响表", "国际影响表", 17, 1944, 2051],
    ["表6", "落实政策表", "落实政策表", 22, 2060, 2197],
  ],
  "bishan-2024.txt": [
    ["表1", "人才培养质量计分卡", "人才培养质量计分卡", 12, 56, 134],
    ["表2", "教学资源表", "教学资源表", 46, 199, 481],
    ["表3", "毕业生服务三次产业情况", null, 4, 597, 644],
    ["表4", "满意度调查表", "满意度调查表", 12, 710, 816],
    ["表5", "服务贡献表", "服务贡献表", 18, 889, 1003],
    ["表6", "国际影响表", "国际影响表", 14, 1063, 1152],
    ["表7", "落实政策表", "落实政策表", 22, 1171, 1309],
  ],
  "jiangmen-2024.txt": [
    ["表1-1", "近两学年江门市中等职业技术学校办学规模", null, 2, 6, 34],
    ["表1-2", "2024年江门市中等职业学校各专业大类占比情况", null, 15, 41, 104],
    ["表2-1", "近两年江门市中职学生升学情况比较", null, 4, 196, 225],
    ["表1", "人才培养质量计分卡", "人才培养质量计分卡", 12, 421, 498],
    [null, "满意度调查表", "满意度调查表", 11, 499, 593],
    ["表3", "教学资源表", "教学资源表", 46, 605, 886],
    ["表4", "服务贡献表", "服务贡献表", 18, 899, 1013],
    ["表5", "国际影响表", "国际影响表", 15, 1016, 1112],
    ["表6", "落实政策表", "落实政策表", 22, 1122, 1261],
  ],
};

describe("tables found in each report", () => {
  it.each(Object.keys(INVENTORY))("%s", (report) => {
    const got = get(report).tables.map((t) => [t.number, t.title, t.standard, t.rows.length, t.startLine, t.endLine]);
    expect(got).toEqual(INVENTORY[report]);
  });

  it("finds 57 data tables, 23 of them standard", () => {
    expect(loaded.reduce((n, r) => n + r.tables.length, 0)).toBe(57);
    expect(loaded.reduce((n, r) => n + r.tables.filter((t) => t.standard).length, 0)).toBe(23);
  });

  it("ids are `${report}#${startLine}` and unique even where table numbers repeat", () => {
    const ids = loaded.flatMap((r) => r.tables.map((t) => t.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of loaded) for (const t of r.tables) expect(t.id).toBe(`${r.report}#${t.startLine}`);
  });

  it("lists the non-table tab blocks as skipped", () => {
    const skipped = Object.fromEntries(loaded.map((r) => [r.report, r.skipped.map((s) => [s.startLine, s.endLine])]));
    expect(skipped).toEqual({
      [REPORTS.leshan]: [
        [39, 126],
        [130, 145],
        [149, 182],
        [186, 213],
      ],
      [REPORTS.lvliang]: [
        [282, 283],
        [288, 289],
      ],
      [REPORTS.suining]: [
        [2208, 2235],
        [2239, 2239],
      ],
      [REPORTS.bishan]: [[1371, 1373]],
      [REPORTS.jiangmen]: [],
    });
  });

  it("never swallows the text right after a table", () => {
    const endOf = (report: string, startLine: number) => get(report).tables.find((t) => t.startLine === startLine)!.endLine;
    expect(endOf(REPORTS.jiangmen, 41)).toBe(104); // paragraph on 105
    expect(endOf(REPORTS.suining, 785)).toBe(910); // figure caption on 911
    expect(endOf(REPORTS.suining, 980)).toBe(1237); // heading on 1238
    expect(endOf(REPORTS.jiangmen, 421)).toBe(498); // next table's header on 499
  });

  it("reports only the corrupted rows of 遂宁 表7 as warnings", () => {
    const w = loaded.flatMap((r) => r.warnings);
    expect(w.map((x) => [x.report, x.line])).toEqual([1173, 1175, 1177, 1179, 1181, 1184, 1187, 1188, 1225, 1234, 1237].map((l) => [REPORTS.suining, l]));
  });
});

/**
 * Standard tables (inventory §3): rows (numbered/sub/continuation), and the year cells of each:
 * numeric, ratio, missing; plus numeric 调查人数/调查人次 cells.
 */
const STANDARD_COUNTS: Record<string, Record<string, { rows: [number, number, number]; numeric: number; ratio: number; missing: number; survey: number }>> = {
  [REPORTS.leshan]: {
    人才培养质量计分卡: { rows: [7, 5, 0], numeric: 24, ratio: 0, missing: 0, survey: 0 },
    教学资源表: { rows: [13, 27, 5], numeric: 86, ratio: 0, missing: 4, survey: 0 },
    服务贡献表: { rows: [9, 9, 0], numeric: 33, ratio: 0, missing: 3, survey: 0 },
    国际影响表: { rows: [8, 6, 0], numeric: 27, ratio: 0, missing: 1, survey: 0 },
    落实政策表: { rows: [10, 11, 0], numeric: 40, ratio: 0, missing: 2, survey: 0 },
  },
  [REPORTS.suining]: {
    人才培养质量计分卡: { rows: [7, 5, 0], numeric: 24, ratio: 0, missing: 0, survey: 0 },
    满意度调查表: { rows: [5, 7, 0], numeric: 22, ratio: 0, missing: 2, survey: 11 },
    教学资源表: { rows: [13, 28, 5], numeric: 88, ratio: 0, missing: 4, survey: 0 },
    服务贡献表: { rows: [9, 9, 0], numeric: 36, ratio: 0, missing: 0, survey: 0 },
    国际影响表: { rows: [9, 8, 0], numeric: 28, ratio: 0, missing: 6, survey: 0 },
    落实政策表: { rows: [10, 12, 0], numeric: 41, ratio: 0, missing: 3, survey: 0 },
  },
  [REPORTS.bishan]: {
    人才培养质量计分卡: { rows: [7, 5, 0], numeric: 12, ratio: 0, missing: 0, survey: 0 },
    教学资源表: { rows: [13, 28, 5], numeric: 45, ratio: 1, missing: 0, survey: 0 },
    满意度调查表: { rows: [5, 7, 0], numeric: 6, ratio: 0, missing: 6, survey: 6 },
    服务贡献表: { rows: [9, 9, 0], numeric: 18, ratio: 0, missing: 0, survey: 0 },
    国际影响表: { rows: [8, 6, 0], numeric: 14, ratio: 0, missing: 0, survey: 0 },
    落实政策表: { rows: [10, 12, 0], numeric: 22, ratio: 0, missing: 0, survey: 0 },
  },
  [REPORTS.jiangmen]: {
    人才培养质量计分卡: { rows: [7, 5, 0], numeric: 24, ratio: 0, missing: 0, survey: 0 },
    满意度调查表: { rows: [4, 7, 0], numeric: 22, ratio: 0, missing: 0, survey: 11 },
    教学资源表: { rows: [13, 28, 5], numeric: 90, ratio: 2, missing: 0, survey: 0 },
    服务贡献表: { rows: [9, 9, 0], numeric: 36, ratio: 0, missing: 0, survey: 0 },
    国际影响表: { rows: [7, 8, 0], numeric: 24, ratio: 0, missing: 6, survey: 0 },
    落实政策表: { rows: [10, 12, 0], numeric: 42, ratio: 0, missing: 2, survey: 0 },
  },
};

function countsOf(t: Table) {
  const rows: [number, number, number] = [0, 0, 0];
  for (const r of t.rows) rows[r.cells[0].text !== "" ? 0 : r.cells[1].text !== "" ? 1 : 2]++;
  const facts = factsOf(t);
  const yearCells = facts.filter((f) => /^\d{4}年$/.test(f.column));
  return {
    rows,
    numeric: yearCells.filter((f) => typeof f.value === "number").length,
    ratio: yearCells.filter((f) => typeof f.value === "string" && /^\d+(\.\d+)?:\d+(\.\d+)?$/.test(f.value)).length,
    missing: yearCells.filter((f) => f.value === null).length,
    survey: facts.filter((f) => /^调查人[数次]$/.test(f.column) && typeof f.value === "number").length,
  };
}

describe("standard tables: counts per report and table", () => {
  for (const [report, tables] of Object.entries(STANDARD_COUNTS)) {
    it.each(Object.keys(tables))(`${report} %s`, (name) => {
      expect(countsOf(standardTable(report, name))).toEqual(tables[name]);
    });
  }

  it("totals 485 indicator rows, 804 numeric year cells, 3 ratios and 28 survey counts", () => {
    const all = loaded.flatMap((r) => r.tables.filter((t) => t.standard)).map(countsOf);
    expect(all.reduce((n, c) => n + c.rows[0] + c.rows[1] + c.rows[2], 0)).toBe(485);
    expect(all.reduce((n, c) => n + c.numeric, 0)).toBe(804);
    expect(all.reduce((n, c) => n + c.ratio, 0)).toBe(3);
    expect(all.reduce((n, c) => n + c.survey, 0)).toBe(28);
  });

  it("per report: 乐山 210, 遂宁 239, 璧山 117 + 1 ratio, 江门 238 + 2 ratios", () => {
    const per = (report: string) =>
      get(report)
        .tables.filter((t) => t.standard)
        .map(countsOf)
        .reduce((a, c) => [a[0] + c.numeric, a[1] + c.ratio], [0, 0]);
    expect(per(REPORTS.leshan)).toEqual([210, 0]);
    expect(per(REPORTS.suining)).toEqual([239, 0]);
    expect(per(REPORTS.bishan)).toEqual([117, 1]);
    expect(per(REPORTS.jiangmen)).toEqual([238, 2]);
  });

  it("gives every row of a standard table a distinct path (the ten 接入国家智慧教育平台数 rows too)", () => {
    for (const r of loaded) {
      for (const t of r.tables.filter((x) => x.standard)) {
        const paths = t.rows.map((row) => row.path.join(" › "));
        expect(new Set(paths).size, `${r.report} ${t.standard}`).toBe(paths.length);
      }
    }
    const access = standardTable(REPORTS.suining, "教学资源表").rows.filter((row) => row.path.at(-1) === "接入国家智慧教育平台数");
    expect(access.map((row) => row.path.slice(0, -1).join(" › "))).toEqual([
      "专业教学资源库数 › 其中：国家级数量",
      "专业教学资源库数 › 省级数量",
      "专业教学资源库数 › 校级数量",
      "在线精品课程数 › 其中：国家级数量",
      "在线精品课程数 › 省级数量",
      "在线精品课程数 › 校级数量",
      "虚拟仿真实训基地数 › 其中：国家级数量",
      "虚拟仿真实训基地数 › 省级数量",
      "虚拟仿真实训基地数 › 校级数量",
      "编写教材数",
    ]);
  });
});

describe("row-start lines (inventory §3)", () => {
  const starts = (report: string, name: string) => standardTable(report, name).rows.map((r) => r.line);
  const every = (from: number, step: number, n: number) => Array.from({ length: n }, (_, k) => from + step * k);
  it("遂宁 计分卡", () => expect(starts(REPORTS.suining, "人才培养质量计分卡")).toEqual([1334, 1340, 1346, 1352, 1358, 1364, 1370, 1376, 1382, 1388, 1394, 1400]));
  it("璧山 计分卡", () => expect(starts(REPORTS.bishan, "人才培养质量计分卡")).toEqual(every(64, 6, 12)));
  it("江门 计分卡", () => expect(starts(REPORTS.jiangmen, "人才培养质量计分卡")).toEqual(every(428, 6, 12)));
  it("满意度调查表: 8 lines apart", () => {
    expect(starts(REPORTS.suining, "满意度调查表")).toEqual(every(1428, 8, 12));
    expect(starts(REPORTS.bishan, "满意度调查表")).toEqual(every(722, 8, 12));
    expect(starts(REPORTS.jiangmen, "满意度调查表")).toEqual(every(507, 8, 11));
  });
  it("乐山: one row per line", () => expect(starts(REPORTS.leshan, "人才培养质量计分卡")).toEqual(every(1157, 1, 12)));
});

describe("spot facts", () => {
  const f = (report: string, number: string | null, startLine: number) => factsOf(get(report).tables.find((t) => t.startLine === startLine && t.number === number)!);
  it.each<[string, string | null, number, string, string, Partial<Fact>]>([
    [REPORTS.suining, "表1", 1327, "毕业生去向落实人数 › 其中：升学人数", "2024年", { value: 803, year: 2024, unit: "人", line: 1350 }],
    [REPORTS.leshan, "表1", 1152, "月收入", "2023年", { value: 3295.25, year: 2023, unit: "元", line: 1162 }],
    [REPORTS.leshan, "表2", 1170, "“双师型”教师比例", "2023年", { value: null, raw: "", line: 1178 }],
    [REPORTS.leshan, "表2", 1170, "“双师型”教师比例", "2024年", { value: 50.66, unit: "%", line: 1178 }],
    [REPORTS.suining, "表3", 1532, "教学计划内课程总数 › 学时", "2024年", { value: 41418, unit: "学时", line: 1586 }],
    [REPORTS.suining, "表8", 1256, "国家助学金", "2024学年 · 金额（万元）", { value: 124.14, unit: "万元", year: 2024, line: 1271 }],
    [REPORTS.suining, "表1", 42, "幼儿保育", "合计（人）", { value: 805, unit: "人", year: 2024, line: 95 }],
    [REPORTS.lvliang, "表1-1", 16, "中职学校招生人数", "2022年", { value: 11077, year: 2022, line: 42 }],
    [REPORTS.lvliang, "表1-1", 16, "普职招生比例", "2021年", { value: "2.7:1", year: 2021, line: 36 }],
    [REPORTS.lvliang, "表1-2", 48, "生均纸质图书", "2022年", { value: 36, unit: "册", year: 2022, line: 65 }],
    [REPORTS.lvliang, "表1-3", 72, "“双师型”教师比例", "2022年", { value: 28.8, unit: "%", year: 2022, line: 104 }],
    [REPORTS.lvliang, "表2-1", 123, "在校生满意度", "在校生满意度", { value: 90.2, unit: "%", line: 133 }],
    [REPORTS.bishan, "表3", 597, "面向第二产业", "2024", { value: 201, year: 2024, line: 624 }],
    [REPORTS.bishan, "表3", 597, "面向第三产业", "2022", { value: 355, year: 2022, line: 629 }],
    [REPORTS.bishan, "表3", 597, "面向第三产业", "2023", { value: 276, year: 2023, line: 631 }],
    [REPORTS.bishan, "表3", 597, "面向第三产业", "2024", { value: 327, year: 2024, line: 633 }],
    [REPORTS.bishan, "表2", 199, "生师比", "2024年", { value: "16.29:1", unit: null, line: 210 }],
    [REPORTS.jiangmen, null, 499, "在校生满意度", "2023年", { value: 85.59, unit: "%", line: 510, table: "满意度调查表" }],
    [REPORTS.jiangmen, "表3", 605, "生师比", "2024年", { value: "17.6:1", raw: "17.6:1", line: 616 }],
    [REPORTS.jiangmen, "表1-1", 6, "省级重点中职学校", "2023-2024学年", { value: 10, year: 2024, unit: "所", line: 33 }],
    [REPORTS.jiangmen, "表1-2", 41, "电子与信息大类", "占比", { value: 16.7, unit: "%", line: 48 }],
    [REPORTS.jiangmen, "表2-1", 196, "通过中高职贯通培养升学人数", "2024年", { value: 1495, unit: "人", year: 2024, line: 218 }],
    [REPORTS.leshan, "表6", 451, "升学率", "2024", { value: 81.72, unit: "%", year: 2024, line: 457 }],
    [REPORTS.leshan, "表1", 302, "生均教学仪器设备值", "2023", { value: 7368.82, unit: "元", year: 2023, line: 311 }],
    [REPORTS.leshan, "表5", 1267, "全日制在校生人数", "2024年", { value: 31122, unit: "人", year: 2024, line: 1272 }],
    [REPORTS.suining, "表2", 1417, "教职工满意度", "2023年", { value: null, raw: "-", line: 1503 }],
    [REPORTS.suining, "表5", 1944, "在国外开办学校数", "2024年", { value: null, raw: "仅高职填报", line: 1991 }],
  ])("%s %s@%i: %s / %s", (report, number, start, indicator, column, expected) => {
    expect(factOf(f(report, number, start), indicator, column)).toMatchObject(expected);
  });

  it("fills the fixed fields of a fact", () => {
    const fact = factOf(get(REPORTS.suining).facts, "毕业生去向落实人数 › 其中：升学人数", "2024年");
    expect(fact).toEqual({
      id: "suining-2024.txt:1350:2024年",
      entity: REPORTS.suining,
      report: REPORTS.suining,
      table: "人才培养质量计分卡",
      tableNumber: "表1",
      tableId: "suining-2024.txt#1327",
      indicator: "毕业生去向落实人数 › 其中：升学人数",
      path: ["毕业生去向落实人数", "其中：升学人数"],
      unit: "人",
      column: "2024年",
      year: 2024,
      value: 803,
      raw: "803",
      line: 1350,
      source: "table",
    });
  });

  it("uses defaultYear only for standard-table value columns without a year, never for extra columns", () => {
    const t = standardTable(REPORTS.jiangmen, "满意度调查表");
    const facts = tableFacts(t, "江门市", 2024);
    expect(facts.filter((x) => x.column === "调查人数").every((x) => x.year === null)).toBe(true);
    expect(facts.filter((x) => x.column === "2023年").every((x) => x.year === 2023)).toBe(true);
  });
});

describe("invariants of every fact", () => {
  const all = loaded.flatMap((r) => r.facts.map((fact) => ({ fact, lines: r.lines })));

  it("stands on its own line: the raw value is printed on `line`", () => {
    for (const { fact, lines } of all) {
      const line = lines[fact.line - 1];
      // Layout B: the cell line itself; layout A: one of the row's tab-separated fields.
      const printed = isCellLine(line) ? [cleanText(cellContent(line))] : splitTabRow(line).map((c) => cleanText(c));
      if (typeof fact.value === "number" || (typeof fact.value === "string" && /:/.test(fact.value))) {
        expect(printed, `${fact.id}`).toContain(fact.raw);
      } else {
        // Text cells may wrap over several lines (or a page break): their first piece is on `line`.
        const first = fact.raw.split(" ")[0];
        // An empty cell is "printed" on any line of its row, including one rebuilt around lost cells.
        const found = fact.raw === "" ? lines[fact.line - 1] !== undefined : printed.some((p) => p !== "" && (p.startsWith(first) || first.startsWith(p)));
        expect(found, `${fact.id}`).toBe(true);
      }
    }
  });

  it("is never 0 where the cell was a missing marker or blank", () => {
    for (const { fact } of all) {
      if (/^(|-|——|—|\/|仅高职填报)$/.test(fact.raw)) expect(fact.value, fact.id).toBeNull();
    }
    expect(all.filter(({ fact }) => fact.value === null).length).toBeGreaterThan(0);
  });

  it("has a unique id of the form report:line:column", () => {
    const ids = all.map(({ fact }) => fact.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { fact } of all) expect(fact.id).toBe(`${fact.report}:${fact.line}:${fact.column}`);
  });

  it("has indicator = path joined with ›, source table, and a table id that exists", () => {
    const tableIds = new Set(loaded.flatMap((r) => r.tables.map((t) => t.id)));
    for (const { fact } of all) {
      expect(fact.indicator).toBe(fact.path.join(" › "));
      expect(fact.source).toBe("table");
      expect(tableIds.has(fact.tableId as string)).toBe(true);
      expect(fact.path.some((p) => /[*＊]$/.test(p))).toBe(false);
    }
  });
});

describe("speed", () => {
  // CPU time, not wall time, after one untimed pass (the JIT compiling the parser doubles the first).
  // The bound catches a parser gone superlinear (seconds), not drift: a loaded 2-core CI machine has
  // measured 113 ms for what takes ~35 ms alone. `npm run bench` reports the real figure.
  it("parses the whole corpus, facts included, in well under a second", () => {
    const inputs = loaded.map((r) => [r.lines, r.report] as const);
    const parseAll = () => {
      for (const [lines, report] of inputs) for (const t of extractTables(lines, report).tables) tableFacts(t, report, 2024);
    };
    parseAll();
    const times: number[] = [];
    for (let k = 0; k < 5; k++) {
      const t0 = process.cpuUsage();
      parseAll();
      const used = process.cpuUsage(t0);
      times.push((used.user + used.system) / 1000);
    }
    // The fastest pass: other work on the machine (and in this process's GC and compiler threads,
    // which process.cpuUsage counts) only ever adds time.
    expect(Math.min(...times)).toBeLessThan(400);
  });
});
