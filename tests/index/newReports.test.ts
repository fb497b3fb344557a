/**
 * Dropping reports from outside the corpus into corpus/: the fixture reports of
 * tests/fixtures/reports/ next to 璧山's, built into an index and asked about, as a user would.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/answer/engine.js";
import type { Engine } from "../../src/types.js";

const root = join(import.meta.dirname, "..", "..");
const FIXTURES = join(root, "tests", "fixtures", "reports");
const made: string[] = [];

/** A corpus of 璧山's report (with its manifest entry) and the fixture reports `keep` lets through. */
async function engineWith(keep: (file: string) => boolean, log: string[] = []): Promise<Engine> {
  const corpusDir = mkdtempSync(join(tmpdir(), "zhibao-new-corpus-"));
  const indexDir = mkdtempSync(join(tmpdir(), "zhibao-new-index-"));
  made.push(corpusDir, indexDir);
  copyFileSync(join(root, "corpus", "bishan-2024.txt"), join(corpusDir, "bishan-2024.txt"));
  writeFileSync(join(corpusDir, "manifest.json"), JSON.stringify({ "bishan-2024.txt": { english: "Bishan", province: "重庆", kind: "district" } }));
  for (const f of readdirSync(FIXTURES)) if (keep(f)) copyFileSync(join(FIXTURES, f), join(corpusDir, f));
  return createEngine({ corpusDir, indexDir, log: (m) => log.push(m) });
}

let all: Engine;
let withoutQishan: Engine;
const log: string[] = [];

beforeAll(async () => {
  all = await engineWith(() => true, log);
  withoutQishan = await engineWith((f) => !f.startsWith("qishan"));
}, 60_000);
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe("reports dropped into corpus/", () => {
  it("reads each one's entity, kind, province and year from its text alone (no manifest entry)", () => {
    const meta = Object.fromEntries(all.reports().map((r) => [r.report, [r.entity, r.kind, r.province, r.reportYear]]));
    expect(meta).toMatchObject({
      "guangyuan-zhigao-2017.txt": ["广元市职业高级中学校", "school", "四川", 2018],
      "guangyuan-zhigao-2018.txt": ["广元市职业高级中学校", "school", "四川", 2019],
      "qishan-zhijiao-2017.txt": ["岐山县职业技术教育中心", "school", "陕西", 2017],
      "ganzhou-2022.txt": ["赣州市", "city", "江西", 2022],
      "linwei-2023.txt": ["临渭区", "district", "陕西", 2023],
      // Web pages: the title is the page's, its site's name taken off.
      "qinghe-2023.html": ["青禾县", "district", null, 2023],
      "tongchuan-erzhong-2024.html": ["桐川市第二职业中学", "school", null, 2024],
      "zhewan-zhijiao-2022.htm": ["柘湾县职业教育中心", "school", null, 2022],
    });
  });

  it("lists a new report's tables by file name, short name or pinyin, and only its own", () => {
    for (const name of ["qishan-zhijiao-2017.txt", "岐山职教中心", "Qishan"]) {
      const reports = new Set(all.tables(name).map((t) => t.report));
      expect([...reports], name).toEqual(["qishan-zhijiao-2017.txt"]);
    }
    // With no 岐山 report, Qishan names no report: never 璧山's tables.
    expect(withoutQishan.tables("Qishan")).toEqual([]);
  });

  it("answers figures from the new layouts with the line they stand on", () => {
    expect(all.ask("岐山职教中心2017年毕业生去向落实人数").facts[0]).toMatchObject({ report: "qishan-zhijiao-2017.txt", value: 674, line: 17 });
    expect(all.ask("赣州2022年中职学校数").facts[0]).toMatchObject({ report: "ganzhou-2022.txt", value: 35, line: 16 });
    expect(all.ask("Qishan 2017 毕业生人数").facts[0]).toMatchObject({ value: 702 });
    const none = withoutQishan.ask("Qishan 2017 毕业生人数");
    expect(none.facts).toEqual([]);
    expect(none.understood.unknownEntities).toEqual(["Qishan"]);
  });

  it("knows the schools a region's tables list row by row, though its text never names them", () => {
    const a = all.ask("渭南华山职业中专 在校生数");
    expect(a.understood.entities).toEqual(["临渭区"]);
    expect(a.understood.unknownEntities).toEqual([]);
  });

  it("says at build time, with file and line, where figures could not be read", () => {
    expect(log.some((m) => m.startsWith("warning: ganzhou-2022.txt:34:"))).toBe(true);
  });
});
