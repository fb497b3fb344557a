import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../../src/answer/engine.js";
import { ingestCorpus } from "../../../src/ingest/corpus.js";
import type { Engine } from "../../../src/types.js";

// Reports saved from the web as published, beside a text report: a county bureau's GBK page, a
// school's UTF-8 page, an old school site's page in GB18030 with no charset, and pages that cannot
// be read (empty, binary, links only). The readable ones load and answer with their lines; each
// other one is named with its reason.
const root = join(import.meta.dirname, "..", "..", "..");
const fixtures = join(root, "tests", "fixtures", "reports");
const PAGES = ["qinghe-2023.html", "tongchuan-erzhong-2024.html", "zhewan-zhijiao-2022.htm"];
let dir: string;
let engine: Engine;
const log: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "zhibao-html-"));
  const corpus = join(dir, "corpus");
  mkdirSync(corpus);
  for (const f of PAGES) copyFileSync(join(fixtures, f), join(corpus, f));
  copyFileSync(join(root, "corpus", "suining-2024.txt"), join(corpus, "suining-2024.txt"));
  writeFileSync(join(corpus, "empty.html"), "");
  writeFileSync(join(corpus, "picture.htm"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  writeFileSync(
    join(corpus, "list.html"),
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知公告</title></head><body><ul><li><a href="/1">关于做好寒假期间学生安全工作的通知</a></li></ul></body></html>',
  );
  engine = await createEngine({ corpusDir: corpus, indexDir: join(dir, "index"), log: (m) => log.push(m) });
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("web pages in corpus/", () => {
  it("loads the pages beside the text report, each as its publisher's report, and names each page it cannot read", () => {
    const { reports, warnings } = ingestCorpus(join(dir, "corpus"));
    expect(reports.map((r) => [r.meta.report, r.meta.entity, r.meta.kind, r.meta.reportYear])).toEqual([
      ["qinghe-2023.html", "青禾县", "district", 2023],
      ["suining-2024.txt", "遂宁市职业技术学校", "school", 2024],
      ["tongchuan-erzhong-2024.html", "桐川市第二职业中学", "school", 2024],
      ["zhewan-zhijiao-2022.htm", "柘湾县职业教育中心", "school", 2022],
    ]);
    const skipped = Object.fromEntries(warnings.filter((w) => w.message.startsWith("skipped")).map((w) => [w.report, w.message]));
    expect(Object.keys(skipped).sort()).toEqual(["empty.html", "list.html", "picture.htm"]);
    expect(skipped["empty.html"]).toMatch(/empty/);
    expect(skipped["picture.htm"]).toMatch(/binary/);
    expect(skipped["list.html"]).toMatch(/no report text/);
    // Nothing of the pages themselves is read as a table it could not parse.
    expect(warnings.filter((w) => PAGES.includes(w.report))).toEqual([]);
  });

  it("keeps the publication block as the report's metadata", () => {
    const meta = Object.fromEntries(engine.reports().map((r) => [r.report, r.published]));
    expect(meta["qinghe-2023.html"]).toEqual({ index: "114306260058912345/2024-00007", publisher: "青禾县教育局", date: "2024-01-18", number: "青教发〔2024〕3号" });
    expect(meta["tongchuan-erzhong-2024.html"]).toEqual({ date: "2024-12-20", source: "桐川市第二职业中学" });
    expect(meta["suining-2024.txt"]).toBeUndefined();
  });

  it("answers from the GBK page's tables (one with rowspan and colspan) and its text, citing the rebuilt lines", () => {
    const a = engine.ask("青禾县2023年升学人数");
    expect(a.facts[0]).toMatchObject({ report: "qinghe-2023.html", value: 1260, unit: "人", year: 2023, table: "青禾县中职学校主要指标", line: 31 });
    expect(a.reply).toContain("qinghe-2023.html 第31行");
    // 民办 is a row of 表1, under the rowspan of 公办's rows.
    expect(engine.ask("青禾县 民办 在校生数").facts[0]).toMatchObject({ report: "qinghe-2023.html", value: 714, table: "青禾县中等职业学校办学规模", line: 20 });
    expect(engine.ask("青禾县2023年中职在校生").facts[0]).toMatchObject({ report: "qinghe-2023.html", value: 6852, source: "text", line: 9 });
  });

  it("answers from the UTF-8 page's two-row-header table by year and column", () => {
    const a = engine.ask("桐川市第二职业中学2024年升学人数");
    expect(a.facts[0]).toMatchObject({ report: "tongchuan-erzhong-2024.html", value: 468, year: 2024, table: "毕业生去向", line: 16 });
    expect(a.reply).toContain("tongchuan-erzhong-2024.html 第16行");
    expect(engine.ask("桐川市第二职业中学2023年就业占比").facts[0]).toMatchObject({ value: 44.8, year: 2023, line: 17 });
  });

  it("answers from the GB18030 page with no charset: its Word table and its running text", () => {
    expect(engine.ask("柘湾县职业教育中心2022年全日制在校生数").facts[0]).toMatchObject({ report: "zhewan-zhijiao-2022.htm", value: 1865, year: 2022, line: 14 });
    expect(engine.ask("柘湾县职业教育中心2021年教学仪器设备总值").facts[0]).toMatchObject({ value: 2150.6, unit: "万元", year: 2021, line: 17 });
    expect(engine.ask("柘湾县职业教育中心2022年毕业生去向落实率").facts[0]).toMatchObject({ value: 96.3, source: "text", line: 9 });
  });

  it("still answers from the text report", () => {
    expect(engine.ask("遂宁2024年有多少毕业生升学？").facts[0]).toMatchObject({ report: "suining-2024.txt", value: 803 });
  });
});
