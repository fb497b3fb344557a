/**
 * PDF reports exported from an office suite, one per table border style
 * (tests/fixtures/office/, written by make-office-pdfs.mjs with LibreOffice; the WPS-like ones have
 * Word's cell padding, every rule a thin filled rectangle per cell side, and a running header and
 * page numbers). Each report prints a 计分卡 whose 年度 cell spans the 2023年 and 2024年 columns, a
 * 去向 table whose 2023年 and 2024年 cells span 人数 and 占比, and a plain table; every style must give
 * the same tables, and the engine must answer from the first and the last columns with the right year.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../../src/answer/engine.js";
import { readReport } from "../../../src/ingest/read/index.js";
import type { Engine } from "../../../src/types.js";

const fixtures = join(import.meta.dirname, "..", "..", "fixtures", "office");

/** Each fixture: its school, and the figures it prints (全日制在校生数 2023/2024, 订单班学生数 2024, 升学 2024 人数, 就业 2024 占比). */
const STYLES = [
  { file: "full-grid.pdf", style: "every cell boxed", school: "岚桥县职业教育中心", students: [2860, 3015], orders: 262, further: 431, employedShare: 52.3 },
  { file: "open-sided.pdf", style: "no left or right border", school: "柏溪市职业技术学校", students: [2897, 3056], orders: 269, further: 441, employedShare: 51.9 },
  { file: "three-line.pdf", style: "三线表", school: "云岫县职业中学", students: [2934, 3097], orders: 276, further: 451, employedShare: 51.5 },
  { file: "row-rules.pdf", style: "rules between rows only", school: "枫渡市职业技术学校", students: [2971, 3138], orders: 283, further: 461, employedShare: 51.2 },
  { file: "wps-open-sided.pdf", style: "WPS, no left or right border", school: "鹭汀县职业教育中心", students: [3008, 3179], orders: 290, further: 471, employedShare: 50.8 },
  { file: "wps-three-line.pdf", style: "WPS, 三线表", school: "梧冈市职业中等专业学校", students: [3045, 3220], orders: 297, further: 481, employedShare: 50.4 },
  { file: "wps-row-rules.pdf", style: "WPS, rules between rows only", school: "荻浦县职业技术学校", students: [3082, 3261], orders: 304, further: 491, employedShare: 50.1 },
];

/** A table's lines with the figures taken out: the same for every style. */
const shape = (text: string) =>
  text
    .split("\n")
    .filter((l) => l.includes("\t"))
    .map((l) => l.replace(/\d[\d.]*%?/g, "#"));

describe("office PDFs: every table style reads as the fully boxed one", () => {
  const boxed = shape(readReport(readFileSync(join(fixtures, "full-grid.pdf")), "full-grid.pdf").text);

  it("has the fixtures the test expects", () => {
    expect(
      readdirSync(fixtures)
        .filter((f) => f.endsWith(".pdf"))
        .sort(),
    ).toEqual(STYLES.map((s) => s.file).sort());
  });

  it("reads the boxed report's tables: merged header cells flattened, every column", () => {
    expect(boxed.slice(0, 2)).toEqual(["指标\t单位\t年度 · #年\t年度 · #年", "全日制在校生数\t人\t#\t#"]);
    expect(boxed).toContain("去向\t#年 · 人数\t#年 · 占比\t#年 · 人数\t#年 · 占比");
    expect(boxed).toContain("就业\t#\t#\t#\t#");
    expect(boxed).toContain("项目\t#年\t#年");
    expect(boxed).toHaveLength(12);
  });

  it.each(STYLES.slice(1))("$file ($style)", ({ file }) => {
    expect(shape(readReport(readFileSync(join(fixtures, file)), file).text)).toEqual(boxed);
  });
});

describe("office PDFs: answers from the first and last columns, with their years", () => {
  let dir: string;
  let engine: Engine;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "zhibao-office-"));
    mkdirSync(join(dir, "corpus"));
    for (const s of STYLES) copyFileSync(join(fixtures, s.file), join(dir, "corpus", s.file));
    engine = await createEngine({ corpusDir: join(dir, "corpus"), indexDir: join(dir, "index"), log: () => {} });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(STYLES)("$file ($style)", ({ file, school, students, orders, further, employedShare }) => {
    const ask = (q: string) => engine.ask(q).facts[0];
    // The 计分卡: the label from the first column, 2023 and 2024 from the last two, each with its own year.
    expect(ask(`${school}2024年全日制在校生数`)).toMatchObject({ report: file, source: "table", indicator: "全日制在校生数", value: students[1], year: 2024 });
    expect(ask(`${school}2023年全日制在校生数`)).toMatchObject({ report: file, source: "table", indicator: "全日制在校生数", value: students[0], year: 2023 });
    // The 去向 table: 2024年 spans 人数 and 占比, 占比 is the last column.
    expect(ask(`${school}2024年升学人数`)).toMatchObject({ report: file, value: further, year: 2024 });
    expect(ask(`${school}2024年就业人数占比`)).toMatchObject({ report: file, value: employedShare, year: 2024, unit: "%" });
    // The plain table: its last column.
    expect(ask(`${school}2024年订单班学生数`)).toMatchObject({ report: file, source: "table", value: orders, year: 2024 });
  });
});
